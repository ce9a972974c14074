import { describe, expect, it } from 'vitest';
import {
  messagesWithAcks,
  newMessageId,
  StaffMessageBodySchema,
} from '../../shared/domain/staff-messages.js';
import {
  appVersionOf,
  DEFAULT_LATE_AFTER_MINUTES,
  lateSlots,
  sectionWatch,
} from '../../shared/domain/station-watch.js';

const at = (iso: string) => Date.parse(iso);
// 12:00 in Rome in summer (UTC+2) is 10:00 UTC; the same instant written in two zones.
const slots = [
  { id: 'T1', at: '2026-05-24T12:00:00+02:00' },
  { id: 'T2', at: '2026-05-24T19:00:00+02:00' },
  { id: 'T3' },
];

describe('late turnout readings: past the slot’s time plus the grace, with no reading', () => {
  it('given a slot at 12:00 Rome time and a 30-minute grace, then it is late only after 10:30 UTC', () => {
    expect(lateSlots(slots, new Set(), at('2026-05-24T10:30:00Z'), 30)).toEqual([]);
    expect(lateSlots(slots, new Set(), at('2026-05-24T10:30:01Z'), 30)).toEqual(['T1']);
    // The same instant written with another offset is the same moment.
    expect(lateSlots(slots, new Set(), at('2026-05-24T12:30:01+02:00'), 30)).toEqual(['T1']);
  });

  it('given a reading received, then that slot is never late; a slot without a time never is', () => {
    expect(lateSlots(slots, new Set(['T1']), at('2026-05-25T00:00:00Z'), 30)).toEqual(['T2']);
    expect(lateSlots(slots, new Set(['T1', 'T2']), at('2027-01-01T00:00:00Z'), 0)).toEqual([]);
  });

  it('given no grace in the definition, then the default applies; a grace of 0 is late at once', () => {
    expect(DEFAULT_LATE_AFTER_MINUTES).toBe(30);
    expect(lateSlots(slots, new Set(), at('2026-05-24T10:29:00Z'))).toEqual([]);
    expect(lateSlots(slots, new Set(), at('2026-05-24T10:31:00Z'))).toEqual(['T1']);
    expect(lateSlots(slots, new Set(), at('2026-05-24T10:00:01Z'), 0)).toEqual(['T1']);
  });
});

describe('a section’s row of the watch', () => {
  const now = at('2026-05-24T18:00:00Z');

  it('given a flagged count, a flagged and a reopened reading and a contact, then the row says each', () => {
    const row = sectionWatch(
      slots,
      [
        { kind: 'results', status: 'flagged' },
        { kind: 'turnout', slotId: 'T1', status: 'reopened' },
        { kind: 'turnout', slotId: 'T2', status: 'flagged' },
      ],
      { lastContactAt: '2026-05-24T17:59:00.000Z', appVersion: '0.1.0' },
      now,
      30,
    );
    // T1 was reopened: it is awaited again, and past its time it is late.
    expect(row).toEqual({
      lastContactAt: '2026-05-24T17:59:00.000Z',
      appVersion: '0.1.0',
      lateTurnout: ['T1'],
      flagged: { results: true, turnout: ['T2'] },
    });
  });

  it('given nothing stored and no contact, then it says so with nulls and the late slots', () => {
    // 19:00 Rome time is 17:00 UTC: with its grace, late at 18:00 UTC too.
    expect(sectionWatch(slots, [], undefined, now, 30)).toEqual({
      lastContactAt: null,
      appVersion: null,
      lateTurnout: ['T1', 'T2'],
      flagged: { results: false, turnout: [] },
    });
  });
});

describe('the app version header', () => {
  it('given a build’s version, then it is kept; anything else is dropped', () => {
    expect(appVersionOf(' 0.1.0+ab12 ')).toBe('0.1.0+ab12');
    expect(appVersionOf(undefined)).toBeUndefined();
    expect(appVersionOf('')).toBeUndefined();
    expect(appVersionOf('<script>')).toBeUndefined();
    expect(appVersionOf('x'.repeat(41))).toBeUndefined();
  });
});

describe('broadcasts', () => {
  it('given empty, blank or over-long text, then the body is refused; a short one is kept trimmed', () => {
    expect(StaffMessageBodySchema.safeParse({ text: '' }).success).toBe(false);
    expect(StaffMessageBodySchema.safeParse({ text: '   ' }).success).toBe(false);
    expect(StaffMessageBodySchema.safeParse({ text: 'x'.repeat(501) }).success).toBe(false);
    expect(StaffMessageBodySchema.safeParse({ text: 'ok', more: 1 }).success).toBe(false);
    expect(StaffMessageBodySchema.parse({ text: ' Chiusura alle 23 ' })).toEqual({
      text: 'Chiusura alle 23',
    });
  });

  it('given messages and acknowledgements, then each message, newest first, counts and names its sections in order', () => {
    const sentBy = { role: 'staff' as const, credential: 'abc', username: 'maria' };
    const first = { id: newMessageId(1_000, 'aa'), text: 'one', sentAt: 'a', sentBy };
    const second = {
      id: newMessageId(2_000, 'bb'),
      text: 'two',
      sentAt: 'b',
      sentBy: { ...sentBy, username: undefined },
    };
    expect(first.id < second.id).toBe(true);
    const acks = ['10', '2', '1'].map((sectionId) => ({
      messageId: first.id,
      sectionId,
      acknowledgedAt: 'x',
    }));
    expect(messagesWithAcks([first, second], acks)).toEqual([
      { id: second.id, text: 'two', sentAt: 'b', sentBy: 'abc', acknowledged: { count: 0, sections: [] } },
      {
        id: first.id,
        text: 'one',
        sentAt: 'a',
        sentBy: 'maria',
        acknowledged: { count: 3, sections: ['1', '2', '10'] },
      },
    ]);
  });
});
