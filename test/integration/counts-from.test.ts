import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateAndChain } from '../helpers/aggregate-and-chain.js';
import { smallElection, testActor } from '../helpers/elections.js';
import { startLocalBucket } from '../helpers/local-bucket.js';
import { startLocalTable } from '../helpers/local-table.js';
import { type NightUseCases, nightUseCases } from '../helpers/night-use-cases.js';

/**
 * The close of the polls on DynamoDB Local and s3rver: counts stored before the definition's
 * `countsFrom` go through the real aggregation and the real publisher, and appear in no published
 * file (summary, section files, change list, CSV, pages, feed) until the instant; then the
 * periodic reconciliation, with nothing submitted, wakes the publisher and they all appear, the
 * held-back counts listed as added.
 */

const ELECTION = 'close-night';
const CLOSE = '2026-05-25T23:00:00+02:00';
const BEFORE = new Date('2026-05-25T20:59:00.000Z');
const AFTER = new Date('2026-05-25T21:00:01.000Z');

let table: Awaited<ReturnType<typeof startLocalTable>>;
let site: Awaited<ReturnType<typeof startLocalBucket>>;
let m: NightUseCases &
  typeof import('../../shared/use-cases/publish-records.js') &
  typeof import('../../shared/use-cases/publish-results.js') &
  typeof import('../../shared/use-cases/reconcile-open-elections.js') &
  typeof import('../../shared/use-cases/reconcile-election.js');

beforeAll(async () => {
  table = await startLocalTable();
  site = await startLocalBucket();
  m = {
    ...(await nightUseCases()),
    ...(await import('../../shared/use-cases/publish-records.js')),
    ...(await import('../../shared/use-cases/publish-results.js')),
    ...(await import('../../shared/use-cases/reconcile-open-elections.js')),
    ...(await import('../../shared/use-cases/reconcile-election.js')),
  };
  await m.defineElection(ELECTION, smallElection(ELECTION, { countsFrom: CLOSE }), testActor);
}, 120_000);

afterAll(async () => {
  await Promise.all([table?.stop(), site?.stop()]);
});

/** A count with figures found nowhere else: 613 and 271 votes, 893 voters. */
const count = {
  voters: 893,
  blankBallots: 5,
  invalidBallots: 3,
  contestedBallots: 1,
  candidateVotes: { C1: 613, C2: 271 },
  candidateOnlyVotes: { C1: 10, C2: 5 },
  listVotes: { L1: 603, L2: 266 },
  preferenceVotes: { 'L1-1': 20, 'L2-1': 15 },
};
const COUNT_FIGURES = /\b(613|271|893|603|266)\b/;

/** What the stream carries now: aggregated, then published with the publisher's clock at `now`. */
async function deliver(now: Date) {
  const records = await table.readNewStreamRecords();
  await aggregateAndChain(records);
  const work = new m.PublishWork(() => now);
  for (const record of [...records, ...(await table.readNewStreamRecords())]) work.add(record);
  await work.publish(site.bucket);
}

const text = async (key: string) => (await site.bucket.get(key.replace(/^\//, ''))) ?? '';
const json = async <T = Record<string, unknown>>(key: string) => JSON.parse(await text(key)) as T;

/** Every published file of the election, by name. */
async function publishedFiles() {
  const root = `results/${ELECTION}`;
  const pointer = await json<{ summary: string }>(`${root}/latest.json`);
  const summary = await json<{ changes: string; links: { csv: string }; countsPublished: boolean }>(
    pointer.summary,
  );
  return {
    summary,
    files: {
      summary: await text(pointer.summary),
      changes: await text(summary.changes),
      csv: await text(summary.links.csv),
      pageIt: await text(`${root}/index.html`),
      pageEn: await text(`${root}/index.en.html`),
      feed: await text(`${root}/feed.xml`),
      section1: await text(`${root}/sections/1.json`),
      section2: await text(`${root}/sections/2.json`),
    },
  };
}

describe('counts before and after the close of the polls', () => {
  it('given counts stored before countsFrom, when published, then no published file shows them, and the reconciliation agrees', async () => {
    // Arrange: a reading, section 1's count, section 2's count sent then reopened.
    await m.submitTurnout({
      actor: testActor,
      electionId: ELECTION,
      sectionId: '1',
      slotId: 'T1',
      body: { voters: 189 },
    });
    await m.submitResults({ actor: testActor, electionId: ELECTION, sectionId: '1', body: count });
    await m.submitResults({
      actor: testActor,
      electionId: ELECTION,
      sectionId: '2',
      body: { ...count, voters: 892, blankBallots: 4 },
    });
    await deliver(BEFORE);
    await m.reviewSection('reopen', ELECTION, '2', { reason: 'riconteggio' }, testActor);

    // Act
    await deliver(BEFORE);
    const { summary, files } = await publishedFiles();

    // Assess
    expect(summary.countsPublished).toBe(false);
    for (const [name, body] of Object.entries(files)) {
      expect(body.length, name).toBeGreaterThan(0);
      expect(COUNT_FIGURES.test(body), name).toBe(false);
    }
    expect(JSON.parse(files.section1)).toMatchObject({
      status: 'not-reported',
      results: null,
      version: null,
    });
    expect(JSON.parse(files.section1).turnout[0].voters).toBe(189);
    expect(files.pageIt).toContain('Gli scrutini saranno pubblicati dalle 23:00 del 25 maggio');
    expect(files.pageEn).toContain('The counts will be published from 23:00 on 25 May');
    expect(files.feed).toContain('Sezioni aggiunte (affluenza T1): 1.');
    const report = await m.reconcileElection(site.bucket, ELECTION, 4, BEFORE);
    expect(report.differences).toEqual([]);
  });

  it('given the instant passed with nothing submitted, when the reconciliation runs, then the publish it wakes shows the counts and lists them as added', async () => {
    // Arrange: the reconciliation sees the withheld summary once the polls have closed.
    const due = await m.reconcileElection(site.bucket, ELECTION, 4, AFTER);
    expect(due.differences).toContainEqual({
      where: 'published summary',
      counter: 'countsPublished',
      expected: 1,
      actual: 0,
    });

    // Act: one run of the periodic reconciliation; its state item reaches the publisher.
    await m.reconcileOpenElections(
      () => 30_000,
      () => AFTER,
    );
    await deliver(AFTER);
    const { summary, files } = await publishedFiles();

    // Assess
    expect(summary.countsPublished).toBe(true);
    for (const name of ['summary', 'changes', 'csv', 'pageIt', 'pageEn', 'feed', 'section1'] as const)
      expect(COUNT_FIGURES.test(files[name]), name).toBe(true);
    const changes = JSON.parse(files.changes) as {
      changes: { sectionId: string; item: string; kind: string; delta: Record<string, number> }[];
    };
    expect(changes.changes.filter((c) => c.item === 'results')).toEqual([
      expect.objectContaining({
        sectionId: '1',
        kind: 'added',
        delta: expect.objectContaining({ voters: 893, C1: 613, sectionsReported: 1 }),
      }),
    ]);
    expect(JSON.parse(files.section1)).toMatchObject({ status: 'reported', results: { voters: 893 } });
    expect(JSON.parse(files.section2)).toMatchObject({ status: 'in-review', results: null });
    expect(files.feed).toContain('Sezioni aggiunte (scrutinio): 1.');
    expect((await m.reconcileElection(site.bucket, ELECTION, 4, AFTER)).differences).toEqual([]);
  });

  it('given a section file written without its count just before the instant, when it lands after it, then the count goes in', async () => {
    // Arrange: the publisher decides before the close; by the time its write has landed, it has passed.
    const clock = [BEFORE, AFTER];
    const now = () => clock.shift() ?? AFTER;

    // Act
    await m.publishSections(site.bucket, ELECTION, ['1'], now);

    // Assess
    expect(await json(`results/${ELECTION}/sections/1.json`)).toMatchObject({
      status: 'reported',
      results: { voters: 893 },
    });
  });
});
