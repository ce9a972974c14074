/**
 * One credential may store at most 60 versions in any 60 seconds (docs/interface.md, Write limit),
 * against DynamoDB Local: the 61st is refused with 429 RATE_LIMITED and Retry-After and stores
 * nothing, while another credential still writes; a re-send of what is stored still answers as
 * before; concurrent writes of one credential never store more than 60, since the credential's
 * window is written in each write's own transaction, guarded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallElection, squareResults } from '../helpers/elections.js';
import { startLocalTable } from '../helpers/local-table.js';
import { type NightUseCases, nightUseCases } from '../helpers/night-use-cases.js';
import { sectionHistoryRecords } from '../helpers/section-history-records.js';

// Shared modules read their configuration on first use: import them after the table is up.
let table: Awaited<ReturnType<typeof startLocalTable>>;
let use: NightUseCases & {
  readSection: typeof import('../../shared/use-cases/read-section.js').readSection;
  errorResponse: typeof import('../../shared/http/error-response.js').errorResponse;
  WRITE_LIMIT: typeof import('../../shared/domain/write-limit.js').WRITE_LIMIT;
};

const E = 'write-limit';
const SECTIONS = 120;
const officer = (sectionId: string) =>
  ({ role: 'officer', credential: `officer-${sectionId}`, sectionId }) as const;
const staffToken = (name: string) => ({ role: 'staff', credential: name }) as const;

beforeAll(async () => {
  table = await startLocalTable();
  use = {
    ...(await nightUseCases()),
    ...(await import('../../shared/use-cases/read-section.js')),
    ...(await import('../../shared/http/error-response.js')),
    ...(await import('../../shared/domain/write-limit.js')),
  };
  const sections = Array.from({ length: SECTIONS }, (_, i) => ({
    id: String(i + 1),
    name: `Sezione ${i + 1}`,
    registeredVoters: 1000,
  }));
  await use.defineElection(E, smallElection(E, { sections }), staffToken('definer'));
}, 60_000);

afterAll(async () => {
  await table?.stop();
});

/** Every history record of the section (versions, reviews), straight from the table. */
const historyRecords = (sectionId: string) => sectionHistoryRecords(E, sectionId);

/** What a write ends in: its version, or its error's code. */
const outcomeOf = (write: Promise<{ version: number }>) =>
  write.then(
    (stored) => ({ stored: true as const, version: stored.version }),
    (error: { code?: string }) => ({ stored: false as const, code: error.code }),
  );

describe('one credential’s writes, at most 60 in any 60 seconds', () => {
  it('given 60 versions stored by an officer, then the 61st is 429 RATE_LIMITED with Retry-After and stores nothing, a re-send still answers, and another officer still writes', async () => {
    // Prepare: 60 readings of one slot by the officer of section 1, each a correction.
    const write = (voters: number) =>
      use.submitTurnout({
        actor: officer('1'),
        electionId: E,
        sectionId: '1',
        slotId: 'T1',
        body: { voters },
        writeLimit: use.WRITE_LIMIT,
      });
    for (let voters = 1; voters <= 60; voters++) expect((await write(voters)).version).toBe(voters);

    // Act
    const refused = await write(61).then(
      () => undefined,
      (error: unknown) => error,
    );
    const resent = await write(60);
    const elsewhere = await use.submitTurnout({
      actor: officer('2'),
      electionId: E,
      sectionId: '2',
      slotId: 'T1',
      body: { voters: 61 },
      writeLimit: use.WRITE_LIMIT,
    });

    // Assess: 429, with the seconds until the first of the 60 is a minute old.
    const answer = use.errorResponse(refused);
    expect(answer.statusCode).toBe(429);
    expect(JSON.parse(String(answer.body)).error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(answer.headers?.['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Nothing stored: no version, no history (hence no audit) record.
    const section = await use.readSection(E, '1');
    expect(section.turnout.T1).toMatchObject({ voters: 60, version: 60 });
    expect(await historyRecords('1')).toHaveLength(60);
    // A re-send of the stored reading (a retry on a weak signal) stores nothing, so it is answered as ever.
    expect(resent.version).toBe(60);
    expect(elsewhere.version).toBe(1);
  });

  it('given a window that slides, then a place frees as the oldest write leaves it, not at the clock’s next minute', async () => {
    // Prepare: a limit of 3 in 2 s, so the test waits seconds, not a minute.
    const limit = { versions: 3, windowMs: 2_000 };
    const write = (voters: number) =>
      outcomeOf(
        use.submitTurnout({
          actor: officer('3'),
          electionId: E,
          sectionId: '3',
          slotId: 'T1',
          body: { voters },
          writeLimit: limit,
        }),
      );
    for (const voters of [1, 2, 3]) expect((await write(voters)).stored).toBe(true);

    // Act
    const fourth = await write(4);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const later = await write(4);

    // Assess
    expect(fourth).toEqual({ stored: false, code: 'RATE_LIMITED' });
    expect(later).toEqual({ stored: true, version: 4 });
  });

  it('given a staff token past its limit, then its approvals are refused too, and another staff token still approves', async () => {
    // Prepare: a flagged count in section 4, and a staff token that stored 60 writes (reviews of section 5's count, back and forth).
    const flagged = { ...squareResults(1), voters: squareResults(1).voters + 3 };
    await use.submitResults({ actor: officer('4'), electionId: E, sectionId: '4', body: flagged });
    await use.submitResults({ actor: officer('5'), electionId: E, sectionId: '5', body: flagged });
    const busy = staffToken('busy-staff');
    for (let i = 0; i < 30; i++) {
      await use.reviewSection('approve', E, '5', { reason: 'checked' }, busy, {
        writeLimit: use.WRITE_LIMIT,
      });
      await use.reviewSection('reopen', E, '5', { reason: 'again' }, busy, { writeLimit: use.WRITE_LIMIT });
      await use.submitResults({ actor: officer('5'), electionId: E, sectionId: '5', body: flagged });
    }

    // Act
    const refused = await outcomeOf(
      use.reviewSection('approve', E, '4', { reason: 'checked' }, busy, { writeLimit: use.WRITE_LIMIT }),
    );
    const other = await outcomeOf(
      use.reviewSection('approve', E, '4', { reason: 'checked' }, staffToken('other-staff'), {
        writeLimit: use.WRITE_LIMIT,
      }),
    );

    // Assess
    expect(refused).toEqual({ stored: false, code: 'RATE_LIMITED' });
    expect(other).toEqual({ stored: true, version: 1 });
    expect((await historyRecords('4')).filter((r) => r.type === 'Review')).toHaveLength(1);
  });

  it('given 100 writes of one credential at once, to 100 sections, then no more than 60 are stored, and then no more at all', async () => {
    // Prepare: one staff-like credential writing everywhere at once, over a window long enough
    // that it cannot slide while the test runs on a slow machine (the guard is what is tested).
    const limit = { ...use.WRITE_LIMIT, windowMs: 10 * 60_000 };
    const actor = staffToken('everywhere');
    const targets = Array.from({ length: 100 }, (_, i) => String(i + 11));
    const write = (sectionId: string) =>
      outcomeOf(
        use.submitTurnout({
          actor,
          electionId: E,
          sectionId,
          slotId: 'T2',
          body: { voters: 500 },
          writeLimit: limit,
        }),
      );

    // Act
    const outcomes = await Promise.all(targets.map(write));
    // Then one at a time, to the sections the storm did not store, until the first refusal.
    const after: Awaited<ReturnType<typeof write>>[] = [];
    for (const [i, sectionId] of targets.entries()) {
      if (outcomes[i]?.stored) continue;
      const outcome = await write(sectionId);
      after.push(outcome);
      if (!outcome.stored && outcome.code === 'RATE_LIMITED') break;
    }

    // Assess: every write either stored or was refused (the limit, or a race lost five times), and what was stored is all there is.
    const stored = outcomes.filter((o) => o.stored).length;
    expect(stored).toBeLessThanOrEqual(60);
    expect(new Set(outcomes.filter((o) => !o.stored).map((o) => !o.stored && o.code))).toSatisfy(
      (codes: Set<unknown>) => [...codes].every((c) => c === 'RATE_LIMITED' || c === 'CONCURRENT_WRITE'),
    );
    const records = (await Promise.all(targets.map(historyRecords))).flat();
    const storedAfter = after.filter((o) => o.stored).length;
    expect(records).toHaveLength(stored + storedAfter);
    // The limit is reached exactly: 60 stored in all, and the next refused.
    expect(stored + storedAfter).toBe(60);
    expect(after.at(-1)).toEqual({ stored: false, code: 'RATE_LIMITED' });
  }, 120_000);
});
