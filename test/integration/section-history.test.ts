/**
 * A section's history, paged (GET .../sections/{s}/history?limit=&after=), against DynamoDB
 * Local: the pages, one after another, are the whole history in time order, as the unpaged
 * answer was; a page holds 50 entries unless `limit` says otherwise; a cursor that this route did
 * not give is 400 VALIDATION_FAILED.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallElection, squareResults, testActor } from '../helpers/elections.js';
import { startLocalTable } from '../helpers/local-table.js';
import { type NightUseCases, nightUseCases } from '../helpers/night-use-cases.js';
import { sectionHistoryRecords } from '../helpers/section-history-records.js';

// Shared modules read their configuration on first use: import them after the table is up.
let table: Awaited<ReturnType<typeof startLocalTable>>;
let use: NightUseCases & {
  readSectionHistory: typeof import('../../shared/use-cases/read-section-history.js').readSectionHistory;
};

const E = 'paged-history';
const notSquare = { ...squareResults(1), voters: squareResults(1).voters + 3 };

beforeAll(async () => {
  table = await startLocalTable();
  use = {
    ...(await nightUseCases()),
    ...(await import('../../shared/use-cases/read-section-history.js')),
  };
  await use.defineElection(E, smallElection(E), testActor);
  // Section 1: readings, corrections, a flagged count approved, reopened and sent again, interleaved.
  const write = { actor: testActor, electionId: E, sectionId: '1' };
  for (const voters of [100, 120, 150]) await use.submitTurnout({ ...write, slotId: 'T1', body: { voters } });
  await use.submitResults({ ...write, body: notSquare });
  await use.reviewSection('approve', E, '1', { reason: 'the tally sheet says so' }, testActor);
  await use.submitTurnout({ ...write, slotId: 'T2', body: { voters: squareResults(1).voters } });
  await use.reviewSection('reopen', E, '1', { reason: 'recount requested' }, testActor);
  await use.submitResults({ ...write, body: squareResults(1) });
  await use.submitTurnout({ ...write, slotId: 'T1', body: { voters: 160 } });
  await use.submitResults({ ...write, body: squareResults(2) });
  await use.submitTurnout({ ...write, slotId: 'T2', body: { voters: squareResults(2).voters } });
  // Section 2: 55 readings of one slot, more than a page.
  for (let i = 1; i <= 55; i++)
    await use.submitTurnout({
      actor: testActor,
      electionId: E,
      sectionId: '2',
      slotId: 'T1',
      body: { voters: i },
    });
}, 120_000);

afterAll(async () => {
  await table?.stop();
});

/** The whole history as the unpaged route answered it: every version and review, by time, then key. */
async function wholeHistory(sectionId: string): Promise<string[]> {
  const Items = await sectionHistoryRecords(E, sectionId);
  const at = (i: Record<string, unknown>) => String(i.type === 'Review' ? i.at : i.submittedAt);
  return Items.filter((i) => i.type === 'SubmissionVersion' || i.type === 'Review')
    .sort((a, b) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : String(a.SK) < String(b.SK) ? -1 : 1))
    .map(
      (i) =>
        `${i.type === 'Review' ? 'review' : 'version'} ${i.kind} ${i.slotId ?? ''} v${i.version} ${at(i)}`,
    );
}

const named = (entries: Record<string, unknown>[]) =>
  entries.map(
    (e) =>
      `${e.entry} ${e.kind} ${e.slotId ?? ''} v${e.version} ${String(e.entry === 'review' ? e.at : e.submittedAt)}`,
  );

/** Every page, following `next`, with `limit` entries at most. */
async function everyPage(sectionId: string, limit?: string) {
  const pages: Awaited<ReturnType<typeof use.readSectionHistory>>[] = [];
  let after: string | undefined;
  do {
    const page = await use.readSectionHistory(E, sectionId, {
      ...(limit ? { limit } : {}),
      ...(after ? { after } : {}),
    });
    pages.push(page);
    after = page.next ?? undefined;
  } while (after && pages.length < 100);
  return pages;
}

const failure = async (query: Record<string, string>, sectionId = '1') =>
  use.readSectionHistory(E, sectionId, query).then(
    () => undefined,
    (error: { code?: string; details?: unknown }) => error,
  );

describe('a section’s history, a page at a time', () => {
  it('given pages of 2, when every page is read following "next", then together they are the whole history in time order', async () => {
    // Act
    const pages = await everyPage('1', '2');

    // Assess
    const whole = await wholeHistory('1');
    expect(whole).toHaveLength(11);
    expect(pages.flatMap((p) => named(p.entries))).toEqual(whole);
    expect(pages.every((p) => p.entries.length <= 2)).toBe(true);
    expect(pages.at(-1)?.next).toBeNull();
    expect(pages.slice(0, -1).every((p) => typeof p.next === 'string')).toBe(true);
    // The answer keeps its fields: the ids, and each entry as before (a version with its body, a review with its reason).
    expect(pages[0]).toMatchObject({ electionId: E, sectionId: '1' });
    const entries = pages.flatMap((p) => p.entries);
    expect(entries.find((e) => e.entry === 'review')).toMatchObject({
      action: 'approve',
      reason: 'the tally sheet says so',
    });
    expect(entries.find((e) => e.entry === 'version' && e.kind === 'results')).toMatchObject({
      body: notSquare,
    });
    expect(entries.some((e) => 'PK' in e || 'bodyHash' in e)).toBe(false);
  });

  it('given no limit, then a page holds 50 entries, and the next the rest', async () => {
    // Act
    const pages = await everyPage('2');

    // Assess
    expect(pages.map((p) => p.entries.length)).toEqual([50, 5]);
    expect(pages.flatMap((p) => named(p.entries))).toEqual(await wholeHistory('2'));
    expect(pages[1]?.next).toBeNull();
  });

  it('given a history within one page, then it comes whole with "next" null, as the unpaged route answered', async () => {
    const page = await use.readSectionHistory(E, '1', { limit: '80' });
    expect(named(page.entries)).toEqual(await wholeHistory('1'));
    expect(page.next).toBeNull();
    const untouched = await use.readSectionHistory(E, '3');
    expect(untouched).toEqual({ electionId: E, sectionId: '3', entries: [], next: null });
  });

  it('given a cursor this route did not give, a limit out of range or an unknown parameter, then 400 VALIDATION_FAILED', async () => {
    // Prepare: a real cursor, and ones made from it.
    const { next } = await use.readSectionHistory(E, '1', { limit: '2' });
    const real = String(next);
    const decoded = JSON.parse(Buffer.from(real, 'base64url').toString('utf8'));
    const forged = (cursor: unknown) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

    // Act
    const refused = await Promise.all([
      failure({ after: 'not-a-cursor' }),
      failure({ after: `${real}x` }),
      failure({ after: forged({ ...decoded, after: { results: 'TOKEN#abc' } }) }),
      failure({ after: forged({ ...decoded, after: { 'turnout/T9': 'HISTORY#TURNOUT#T9#000001' } }) }),
      failure({ after: forged({ ...decoded, extra: 1 }) }),
      failure({ after: forged([1, 2]) }),
      failure({ after: real }, '2'),
      failure({ limit: '0' }),
      failure({ limit: '81' }),
      failure({ limit: 'ten' }),
      failure({ page: '2' }),
    ]);

    // Assess
    expect(refused.map((error) => error?.code)).toEqual(Array(11).fill('VALIDATION_FAILED'));
    // The real cursor still works.
    expect((await use.readSectionHistory(E, '1', { after: real, limit: '2' })).entries).toHaveLength(2);
  });
});
