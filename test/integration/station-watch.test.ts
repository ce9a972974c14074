/**
 * The station watch and broadcasts against DynamoDB Local: a section's contact is written at most
 * once a minute and keeps the app's version; the overview answers each section's watch (contact,
 * late readings, what is flagged) and each broadcast with the sections that acknowledged it; an
 * acknowledgement is idempotent, of a message that exists; a broadcast's text is checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallElection, squareResults, testActor } from '../helpers/elections.js';
import { startLocalTable } from '../helpers/local-table.js';
import { type NightUseCases, nightUseCases } from '../helpers/night-use-cases.js';

// Shared modules read their configuration on first use: import them after the table is up.
let table: Awaited<ReturnType<typeof startLocalTable>>;
let use: NightUseCases &
  typeof import('../../shared/use-cases/list-section-states.js') &
  typeof import('../../shared/use-cases/staff-messages.js') &
  typeof import('../../shared/use-cases/record-officer-contact.js') &
  typeof import('../../shared/db/section-contacts.js');

const E = 'station-watch';
// T1 at noon in Rome (10:00 UTC), late 15 minutes later; T2 has no time and is never late.
const election = smallElection(E, {
  lateAfterMinutes: 15,
  turnoutSlots: [
    { id: 'T1', label: 'Domenica ore 12:00', at: '2026-05-24T12:00:00+02:00' },
    { id: 'T2', label: 'Lunedi ore 15:00', final: true },
  ],
});
const officer = (sectionId: string) => ({
  role: 'officer' as const,
  credential: `officer-${sectionId}`,
  sectionId,
});
/** A turnout reading sent by the section's officer. */
const reading = (sectionId: string, slotId: string, voters: number) =>
  use.submitTurnout({ actor: officer(sectionId), electionId: E, sectionId, slotId, body: { voters } });

beforeAll(async () => {
  table = await startLocalTable();
  use = {
    ...(await nightUseCases()),
    ...(await import('../../shared/use-cases/list-section-states.js')),
    ...(await import('../../shared/use-cases/staff-messages.js')),
    ...(await import('../../shared/use-cases/record-officer-contact.js')),
    ...(await import('../../shared/db/section-contacts.js')),
  };
  await use.defineElection(E, election, testActor);
}, 120_000);

afterAll(async () => {
  await table?.stop();
});

describe('the station watch', () => {
  it('given contacts within a minute, then one is written; a minute later the next is, with the new version', async () => {
    const first = new Date('2026-05-24T10:00:00.000Z');
    expect(await use.recordSectionContact(E, '1', first, '0.1.0')).toBe(true);
    expect(await use.recordSectionContact(E, '1', new Date(first.getTime() + 59_000), '0.2.0')).toBe(false);
    let contacts = await use.readSectionContacts(E, ['1', '2']);
    expect(contacts.get('1')).toEqual({ lastContactAt: first.toISOString(), appVersion: '0.1.0' });
    expect(contacts.has('2')).toBe(false);

    const later = new Date(first.getTime() + 61_000);
    await use.recordOfficerContact(E, '1', '0.2.0', later);
    contacts = await use.readSectionContacts(E, ['1']);
    expect(contacts.get('1')).toEqual({ lastContactAt: later.toISOString(), appVersion: '0.2.0' });
    // A header that is no version is not kept, and the contact is still recorded.
    const third = new Date(later.getTime() + 61_000);
    await use.recordOfficerContact(E, '1', '<b>', third);
    expect((await use.readSectionContacts(E, ['1'])).get('1')).toEqual({
      lastContactAt: third.toISOString(),
    });
  });

  it('given a contact the table refuses (a key over its limit), then recording it fails nothing', async () => {
    await expect(use.recordSectionContact(E, 'x'.repeat(3000), new Date(), '0.1.0')).rejects.toThrow();
    await expect(use.recordOfficerContact(E, 'x'.repeat(3000), '0.1.0')).resolves.toBeUndefined();
  });

  it('given readings, a flagged count and contacts, then each section’s watch says what is late, flagged and last heard', async () => {
    await reading('1', 'T1', 100);
    await reading('2', 'T2', 300);
    await use.submitResults({
      actor: officer('2'),
      electionId: E,
      sectionId: '2',
      body: { ...squareResults(2), voters: squareResults(2).voters + 5 },
    });
    await use.recordOfficerContact(E, '2', '0.1.0', new Date('2026-05-24T10:10:00.000Z'));

    const before = await use.listSectionStates(E, Date.parse('2026-05-24T10:15:00Z'));
    expect(before.lateAfterMinutes).toBe(15);
    expect(before.sections.map((s) => s.watch.lateTurnout)).toEqual([[], [], []]);

    const overview = await use.listSectionStates(E, Date.parse('2026-05-24T10:15:01Z'));
    const watch = Object.fromEntries(overview.sections.map((s) => [s.id, s.watch]));
    expect(watch['1']).toMatchObject({ lateTurnout: [], flagged: { results: false, turnout: [] } });
    // The count's voters disagree with the final reading (R5): both are flagged, judged together.
    expect(watch['2']).toEqual({
      lastContactAt: '2026-05-24T10:10:00.000Z',
      appVersion: '0.1.0',
      lateTurnout: ['T1'],
      flagged: { results: true, turnout: ['T2'] },
    });
    expect(watch['3']).toEqual({
      lastContactAt: null,
      appVersion: null,
      lateTurnout: ['T1'],
      flagged: { results: false, turnout: [] },
    });
  });
});

describe('broadcasts', () => {
  it('given empty or over-long text, then it is refused as VALIDATION_FAILED on "text", and nothing is stored', async () => {
    for (const text of ['', '   ', 'x'.repeat(501)])
      await expect(use.sendStaffMessage(E, { text }, testActor)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [expect.objectContaining({ path: ['text'] })],
      });
    expect((await use.listSectionStates(E)).messages).toEqual([]);
  });

  it('given a broadcast, then every officer reads it; an acknowledgement is kept once, and staff see who acknowledged', async () => {
    const sent = await use.sendStaffMessage(
      E,
      { text: ' Chiusura dei seggi alle 23 ' },
      { ...testActor, username: 'maria' },
    );
    expect(sent.text).toBe('Chiusura dei seggi alle 23');
    const later = await use.sendStaffMessage(E, { text: 'Second' }, testActor);

    expect((await use.officerMessages(E, '3')).messages.map((m) => [m.id, m.acknowledgedAt])).toEqual([
      [later.id, null],
      [sent.id, null],
    ]);
    const first = await use.acknowledgeMessage(E, '3', sent.id, new Date('2026-05-24T20:00:00Z'));
    const again = await use.acknowledgeMessage(E, '3', sent.id, new Date('2026-05-24T20:05:00Z'));
    expect(again).toEqual(first);
    expect(first.acknowledgedAt).toBe('2026-05-24T20:00:00.000Z');
    await use.acknowledgeMessage(E, '1', sent.id);
    await expect(use.acknowledgeMessage(E, '1', 'm0000000000000-none')).rejects.toMatchObject({
      code: 'MESSAGE_NOT_FOUND',
    });

    expect((await use.officerMessages(E, '3')).messages.find((m) => m.id === sent.id)?.acknowledgedAt).toBe(
      '2026-05-24T20:00:00.000Z',
    );
    expect((await use.officerMessages(E, '2')).messages.every((m) => m.acknowledgedAt === null)).toBe(true);
    const { messages } = await use.listSectionStates(E);
    expect(messages).toEqual([
      expect.objectContaining({ id: later.id, acknowledged: { count: 0, sections: [] } }),
      expect.objectContaining({
        id: sent.id,
        sentBy: 'maria',
        text: 'Chiusura dei seggi alle 23',
        acknowledged: { count: 2, sections: ['1', '3'] },
      }),
    ]);
  });
});
