import { describe, expect, it } from 'vitest';
import { renderOfficerSheet } from '../../site/officer-sheet/render.js';
import { renderElectionPage } from '../../site/staff-app/election-view.js';
import { STAFF_MESSAGES } from '../../site/staff-app/messages.js';
import {
  flaggedItems,
  type ItemView,
  missingRows,
  type Overview,
  reportedCount,
  sectionsTyped,
  sortedOverview,
} from '../../site/staff-app/overview.js';
import { renderSignInPage } from '../../site/staff-app/sign-in-view.js';
import {
  closed,
  createStaffState,
  errorText,
  opened,
  type StaffSession,
} from '../../site/staff-app/state.js';

const item = (status: string, version = 1): ItemView => ({
  status,
  version,
  checks:
    status === 'flagged'
      ? [
          {
            code: 'R1',
            severity: 'error',
            message: { it: 'I votanti non tornano', en: 'Voters do not add up' },
          },
        ]
      : [],
  submittedAt: '2026-05-25T20:00:00Z',
});

/** Sections 10, 2 and 1 (in the table's order): 10 flagged, 2 reopened, 1 accepted; T1 only from 1. */
function overview(state: Overview['state'] = 'open'): Overview {
  return {
    electionId: 'test-2026',
    name: 'Elezioni di prova',
    rehearsal: true,
    state,
    turnoutSlots: [{ id: 'T1', label: 'Domenica ore 12:00' }],
    sections: [
      { id: '10', name: 'Sezione 10', results: item('flagged'), turnout: {} },
      { id: '2', name: 'Sezione 2', district: 'Marina', results: item('reopened', 2), turnout: {} },
      { id: '1', name: 'Sezione 1', results: item('accepted'), turnout: { T1: item('flagged') } },
    ],
  };
}

/** The break-glass staff token: an admin of every election. */
const BREAK_GLASS: StaffSession = {
  kind: 'token',
  role: 'admin',
  elections: 'all',
  passwordChangeRequired: false,
};
const withSession = (options: { language: 'it' | 'en'; notice: string }, session = BREAK_GLASS) => ({
  ...options,
  session,
  certifyApprovals: undefined,
});

/** A page's markup without its words: tags and attributes, minus the language switch's `lang`. */
const skeleton = (html: string) =>
  html
    .replace(/>[^<]*</g, '><')
    .replace(/ lang="(it|en)"/g, '')
    .replace(/ for="[^"]*"/g, '');

describe('the staff page’s overview', () => {
  it('given sections in the table’s order, then they are shown in their natural order', () => {
    expect(sortedOverview(overview()).sections.map((s) => s.id)).toEqual(['1', '2', '10']);
  });

  it('given a flagged count and a flagged turnout reading, then both are to review, with their section', () => {
    const flagged = flaggedItems(sortedOverview(overview()));
    expect(flagged.map((f) => `${f.section.id}:${f.slotId ?? 'count'}`)).toEqual(['1:T1', '10:count']);
  });

  it('given what each section sent, then what is missing per slot and for the count, and how many counts are in', () => {
    const rows = missingRows(sortedOverview(overview()));
    expect(rows.map((r) => [r.kind, r.missing.map((s) => s.id)])).toEqual([
      ['turnout', ['2', '10']],
      ['results', ['2']],
    ]);
    expect(reportedCount(overview())).toBe(1);
  });

  it('given the sections typed for codes, then a list, or every section for “tutte” or “all”', () => {
    expect(sectionsTyped(' 1, 2;15  3 ')).toEqual(['1', '2', '15', '3']);
    expect(sectionsTyped('Tutte')).toBe('all');
    expect(sectionsTyped('all')).toBe('all');
  });
});

describe('the staff page’s state', () => {
  it('given an answer that failed, then it is said in the page’s language, or as the server said it', () => {
    expect(errorText({ status: 0, body: null })(STAFF_MESSAGES.en)).toBe(
      'The server does not answer: check the connection.',
    );
    expect(errorText({ status: 502, body: null })(STAFF_MESSAGES.it)).toBe('errore 502');
    expect(
      errorText({ status: 409, body: { error: { message: 'election certified' } } })(STAFF_MESSAGES.it),
    ).toBe('election certified');
  });

  it('given a notice, when the election is opened then closed, then the state says so, and forgets it', () => {
    const state = createStaffState('it');
    opened(state, overview(), [], (t) => t.certify.certified);
    expect(state.notice?.(STAFF_MESSAGES.en)).toBe('Election certified.');
    closed(state, (t) => t.signIn.notStaff);
    expect(state).toMatchObject({ overview: undefined, notice: undefined, language: 'it' });
    expect(state.signInError?.(STAFF_MESSAGES.it)).toBe('Questo non è un codice del personale.');
  });
});

describe('the staff page in two languages', () => {
  it('given the same election, then the Italian and English pages have the same markup, in their own words', () => {
    const it = renderElectionPage(overview(), [], withSession({ language: 'it', notice: '' }));
    const en = renderElectionPage(overview(), [], withSession({ language: 'en', notice: '' }));
    expect(skeleton(en)).toBe(skeleton(it));
    expect(it).toContain('Sezioni che non hanno ancora inviato');
    expect(it).toContain('I votanti non tornano');
    expect(it).toContain('2 (riaperta)');
    expect(en).toContain('Sections that have not sent yet');
    expect(en).toContain('Voters do not add up');
    expect(en).toContain('2 (reopened)');
    expect(en).toContain('<button type="button" id="language" data-action="language" lang="it"');
    // Section names are data (Sezione 1); the words around them are the page’s.
    expect(en).not.toMatch(/Sezioni|Scrutin|Affluenza|Scarica|Conferma|Motivo/);
  });

  it('given a certified election or the sign-in, then both languages say it with the same markup', () => {
    const certified = (language: 'it' | 'en') =>
      renderElectionPage(overview('certified'), undefined, withSession({ language, notice: 'x' }));
    expect(skeleton(certified('en'))).toBe(skeleton(certified('it')));
    expect(certified('it')).toContain(
      '<strong>Risultati proclamati</strong>: nessuna modifica è più possibile.',
    );
    const signIn = (language: 'it' | 'en') =>
      renderSignInPage({ language, mode: 'token', election: 'e', error: 'no', notice: '' });
    expect(skeleton(signIn('en'))).toBe(skeleton(signIn('it')));
    expect(signIn('en')).toContain('Staff code');
  });

  it('given codes issued from an English page, then the sheet is in English and says so; by default, Italian', async () => {
    const options = {
      electionName: 'Elezioni di prova',
      rehearsal: true,
      siteUrl: 'https://example.org/',
      entries: [{ sectionId: '1', sectionName: 'Sezione 1', token: 'abcd1234efgh5678' }],
    };
    const en = await renderOfficerSheet({ ...options, language: 'en' });
    const it = await renderOfficerSheet(options);
    expect(en).toContain('<html lang="en">');
    expect(en).toContain(
      'Scan the QR code with the phone, or open <strong>https://example.org/officer/</strong>',
    );
    expect(it).toContain('<html lang="it">');
    expect(it).toContain('<title>Codici dei seggi — Elezioni di prova</title>');
    expect(it).toContain('Il codice vale solo per questa sezione.');
  });
});

describe('the staff page’s notice of what the reconciliation healed', () => {
  const healed: Overview = {
    ...overview(),
    healing: {
      lastRunAt: '2026-05-25T21:02:00Z',
      lastCheckedTotalsAt: '2026-05-25T21:02:00Z',
      repairs: [
        {
          at: '2026-05-25T21:01:00Z',
          entries: [
            { sectionId: '3', item: 'results', delta: { voters: 412, C1: 200 } },
            { sectionId: null, item: 'totals', delta: { voters: -1000 } },
          ],
        },
      ],
    },
  };

  it('given repairs, when the page is drawn, then it says in each language how many, which sections, and every figure signed', () => {
    // Act
    const it = renderElectionPage(healed, [], withSession({ language: 'it', notice: '' }));
    const en = renderElectionPage(healed, [], withSession({ language: 'en', notice: '' }));

    // Assess
    expect(it).toContain('riparato 2 differenze');
    expect(it).toContain('sezione 3, scrutinio: voters +412, C1 +200');
    expect(it).toContain('i totali stessi: voters -1000');
    expect(en).toContain('repaired 2 differences');
    expect(en).toContain('section 3, count: voters +412');
  });

  it('given a run that found nothing, or none yet, when the page is drawn, then it says so', () => {
    // Act
    const quiet = renderElectionPage(
      { ...healed, healing: { ...healed.healing, repairs: [] } as never },
      [],
      withSession({ language: 'en', notice: '' }),
    );
    const before = renderElectionPage(overview(), [], withSession({ language: 'en', notice: '' }));

    // Assess
    expect(quiet).toContain('No difference to repair');
    expect(before).toContain('has not run yet');
  });
});
