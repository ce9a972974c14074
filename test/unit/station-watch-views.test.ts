import { describe, expect, it } from 'vitest';
import { renderBroadcasts as renderOfficerBroadcasts } from '../../site/officer-app/broadcasts-view.js';
import { renderBroadcasts } from '../../site/staff-app/broadcasts-view.js';
import { STAFF_MESSAGES } from '../../site/staff-app/messages.js';
import { type Overview, type SectionView, watchRows } from '../../site/staff-app/overview.js';
import { renderWatch } from '../../site/staff-app/watch-view.js';

const section = (id: string, lateTurnout: string[], flaggedResults = false): SectionView => ({
  id,
  name: `Sezione ${id}`,
  results: null,
  turnout: {},
  watch: {
    lastContactAt: id === '2' ? '2026-05-24T10:10:00.000Z' : null,
    appVersion: id === '2' ? '0.1.0' : null,
    lateTurnout,
    flagged: { results: flaggedResults, turnout: [] },
  },
});

const overview: Overview = {
  electionId: 'e',
  name: 'E',
  rehearsal: false,
  state: 'open',
  lateAfterMinutes: 15,
  turnoutSlots: [{ id: 'T1', label: 'ore 12' }],
  sections: [section('10', ['T1']), section('2', [], true), section('1', []), section('3', ['T1'])],
  messages: [
    {
      id: 'm2',
      text: 'Seconda <b>',
      sentAt: '2026-05-24T10:00:00.000Z',
      sentBy: 'maria',
      acknowledged: { count: 2, sections: ['1', '3'] },
    },
  ],
};

describe('the staff page’s watch of the polling stations', () => {
  it('given late and punctual sections, then the late come first, each group by number; filtered, only the late', () => {
    expect(watchRows(overview, false).map((s) => s.id)).toEqual(['3', '10', '1', '2']);
    expect(watchRows(overview, true).map((s) => s.id)).toEqual(['3', '10']);
  });

  it('given the watch, then each row shows its contact, version, late slot by label and what is flagged, in either language', () => {
    const en = renderWatch(overview, STAFF_MESSAGES.en, false);
    expect(en).toContain('2 of 4 sections have a late turnout reading (15 minutes after its time)');
    expect(en).toMatch(/<tr data-section="3" class="late">.*late: ore 12/);
    expect(en).toMatch(
      /<tr data-section="2"><th scope="row">2<\/th><td><time datetime="2026-05-24T10:10:00.000Z">/,
    );
    expect(en).toMatch(/data-section="2">.*0\.1\.0.*badge flagged">count/);
    expect(en).toMatch(/data-section="1">.*never/);
    const it = renderWatch(overview, STAFF_MESSAGES.it, true);
    expect(it).toContain('in ritardo: ore 12');
    expect(it).toContain('Mostra tutte le sezioni');
    expect(it).not.toContain('data-section="1"');
  });

  it('given a broadcast, then staff see its text escaped, who sent it and which sections acknowledged; a viewer has no form', () => {
    const clerk = renderBroadcasts(overview, STAFF_MESSAGES.en, true);
    expect(clerk).toContain('data-form="broadcast"');
    expect(clerk).toContain('Seconda &lt;b&gt;');
    expect(clerk).toContain('acknowledged by 2 of 4 sections: 1, 3');
    expect(renderBroadcasts(overview, STAFF_MESSAGES.it, false)).not.toContain('data-form="broadcast"');
    expect(renderBroadcasts({ ...overview, messages: [] }, STAFF_MESSAGES.it, false)).toContain(
      'Nessun messaggio inviato.',
    );
  });
});

describe('the officer app’s messages', () => {
  it('given messages, then only those not acknowledged are shown, each with its button', () => {
    const html = renderOfficerBroadcasts(
      [
        {
          id: 'm1',
          text: 'Letto',
          sentAt: '2026-05-24T10:00:00.000Z',
          acknowledgedAt: '2026-05-24T10:01:00.000Z',
        },
        { id: 'm2', text: 'Nuovo <i>', sentAt: '2026-05-24T11:00:00.000Z', acknowledgedAt: null },
      ],
      'it',
    );
    expect(html).not.toContain('m1');
    expect(html).toContain('Nuovo &lt;i&gt;');
    expect(html).toContain('data-action="acknowledge" data-message="m2"');
    expect(html).toContain('Letto, ho capito');
  });
});
