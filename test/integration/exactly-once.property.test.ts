import {
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicBucket } from '../../shared/storage/bucket.js';
import { aggregateAndChain } from '../helpers/aggregate-and-chain.js';
import { smallElection, squareResults, testActor } from '../helpers/elections.js';
import { startLocalBucket } from '../helpers/local-bucket.js';
import { startLocalTable } from '../helpers/local-table.js';
import { type NightUseCases, nightUseCases } from '../helpers/night-use-cases.js';

/**
 * Exactly once, in effect: whatever the order of submissions, corrections, flags, approvals and
 * reopenings, however the stream redelivers, and whatever fails on the way (throttling, lost
 * transactions, a crash between two transactions of one batch, the bucket), the published
 * totals end equal to the totals computed directly from each section's current counted data,
 * and so does the outlook's bound, which depends on a section's count and final reading at once.
 */

const BUCKET = 'election-night-test-site';
let table: Awaited<ReturnType<typeof startLocalTable>>;
let site: Awaited<ReturnType<typeof startLocalBucket>>;
let m: NightUseCases & {
  publishSummary: typeof import('../../shared/use-cases/publish-results.js').publishSummary;
  listCurrentSubmissions: typeof import('../../shared/db/submissions.js').listCurrentSubmissions;
  tallyOfResults: typeof import('../../shared/domain/tally.js').tallyOfResults;
  tallyOfTurnout: typeof import('../../shared/domain/tally.js').tallyOfTurnout;
  sumTallies: typeof import('../../shared/domain/tally.js').sumTallies;
  isCounted: typeof import('../../shared/domain/status.js').isCounted;
  db: typeof import('../../shared/db/client.js').db;
};

/** Faults armed by a run: the next n TransactWriteItems calls fail, each in the given way. */
const faults: { transactions: ('throttle' | 'conflict')[]; bucketPuts: number } = {
  transactions: [],
  bucketPuts: 0,
};

beforeAll(async () => {
  table = await startLocalTable();
  site = await startLocalBucket(BUCKET);
  m = {
    ...(await nightUseCases()),
    ...(await import('../../shared/use-cases/publish-results.js')),
    ...(await import('../../shared/db/submissions.js')),
    ...(await import('../../shared/domain/tally.js')),
    ...(await import('../../shared/domain/status.js')),
    ...(await import('../../shared/db/client.js')),
  };
  // Fault injection on the real client talking to DynamoDB Local.
  m.db().middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName?.startsWith('TransactWrite') && faults.transactions.length > 0) {
        const fault = faults.transactions.shift();
        if (fault === 'throttle') {
          throw new ProvisionedThroughputExceededException({ message: 'injected throttling', $metadata: {} });
        }
        throw new TransactionCanceledException({
          message: 'injected conflict',
          $metadata: {},
          CancellationReasons: [{ Code: 'TransactionConflict' }],
        });
      }
      return next(args);
    },
    { step: 'initialize', name: 'injectFaults' },
  );
}, 120_000);

afterAll(async () => {
  await site?.stop();
  await table?.stop();
});

/** The bucket, failing its next `faults.bucketPuts` writes. */
function flakyBucket(): PublicBucket {
  const bucket = site.bucket;
  return {
    isReachable: () => bucket.isReachable(),
    get: (key) => bucket.get(key),
    async put(key, body, options) {
      if (faults.bucketPuts > 0) {
        faults.bucketPuts--;
        throw new Error(`injected bucket failure writing ${key}`);
      }
      await bucket.put(key, body, options);
    },
  };
}

/** Retries like Lambda does: the same batch again, until it goes through. */
async function untilItSucceeds(attempt: () => Promise<unknown>) {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (tries >= 20) throw error;
    }
  }
}

const SECTIONS = ['1', '2', '3'];
const notSquare = (n: number) => ({ ...squareResults(n), voters: squareResults(n).voters + 2 });

const operation = fc.oneof(
  fc.record({
    op: fc.constant('results' as const),
    section: fc.constantFrom(...SECTIONS),
    n: fc.integer({ min: 1, max: 4 }),
    square: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('turnout' as const),
    section: fc.constantFrom(...SECTIONS),
    slot: fc.constantFrom('T1', 'T2'),
    voters: fc.integer({ min: 0, max: 900 }),
  }),
  fc.record({ op: fc.constant('approve' as const), section: fc.constantFrom(...SECTIONS) }),
  fc.record({ op: fc.constant('reopen' as const), section: fc.constantFrom(...SECTIONS) }),
  fc.record({
    op: fc.constant('deliver' as const),
    // How the stream hands over what is new: split into batches, some redelivered, some after a fault.
    batches: fc.integer({ min: 1, max: 3 }),
    // A retried or bisected batch can bring back any earlier records, stale ones included.
    redeliver: fc.option(
      fc.record({ from: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 8 }) }),
    ),
    transactionFaults: fc.array(fc.constantFrom('throttle' as const, 'conflict' as const), { maxLength: 3 }),
    // Batches applied side by side, as two shards' consumers do: they race for the same outlook sources.
    sideBySide: fc.boolean(),
  }),
  fc.record({ op: fc.constant('publish' as const), bucketFaults: fc.integer({ min: 0, max: 2 }) }),
);

let run = 0;

describe('exactly-once aggregation and publishing under faults (DynamoDB Local, S3 stand-in)', () => {
  it('given any sequence of writes, redeliveries and injected failures, then the published totals equal the direct computation', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(operation, { minLength: 4, maxLength: 22 }),
        fc.integer(),
        async (operations, shuffleSeed) => {
          // Prepare
          const electionId = `prop-${++run}`;
          await m.defineElection(electionId, smallElection(electionId), testActor);
          const delivered: DynamoDBRecord[] = [];
          await table.readNewStreamRecords();

          const deliver = async (
            batches: number,
            redeliver: { from: number; length: number } | null,
            transactionFaults: ('throttle' | 'conflict')[],
            sideBySide = false,
          ) => {
            const fresh = await table.readNewStreamRecords();
            const size = Math.max(1, Math.ceil(fresh.length / batches));
            const cut: DynamoDBRecord[][] = [];
            for (let start = 0; start < fresh.length; start += size)
              cut.push(fresh.slice(start, start + size));
            if (sideBySide) {
              faults.transactions = [...transactionFaults];
              await Promise.all(cut.map((batch) => untilItSucceeds(() => aggregateAndChain(batch))));
              faults.transactions = [];
              delivered.push(...fresh);
            } else {
              for (const batch of cut) {
                faults.transactions = [...transactionFaults];
                await untilItSucceeds(() => aggregateAndChain(batch));
                faults.transactions = [];
                delivered.push(...batch);
              }
            }
            if (redeliver && delivered.length > 0) {
              const from = Math.floor(redeliver.from * delivered.length);
              await aggregateAndChain(delivered.slice(from, from + redeliver.length));
            }
          };

          // Act
          for (const o of operations) {
            const ignoreRefusals = (promise: Promise<unknown>) => promise.catch(() => undefined);
            if (o.op === 'results') {
              await m.submitResults({
                actor: testActor,
                electionId,
                sectionId: o.section,
                body: o.square ? squareResults(o.n) : notSquare(o.n),
              });
            } else if (o.op === 'turnout') {
              await m.submitTurnout({
                actor: testActor,
                electionId,
                sectionId: o.section,
                slotId: o.slot,
                body: { voters: o.voters },
              });
            } else if (o.op === 'approve') {
              await ignoreRefusals(
                m.reviewSection(
                  'approve',
                  electionId,
                  o.section,
                  { reason: 'checked by the office' },
                  testActor,
                ),
              );
            } else if (o.op === 'reopen') {
              await ignoreRefusals(
                m.reviewSection(
                  'reopen',
                  electionId,
                  o.section,
                  { reason: 'officer asked to recount' },
                  testActor,
                ),
              );
            } else if (o.op === 'deliver') {
              await deliver(o.batches, o.redeliver, o.transactionFaults, o.sideBySide);
            } else {
              faults.bucketPuts = o.bucketFaults;
              await untilItSucceeds(() => m.publishSummary(flakyBucket(), electionId));
              faults.bucketPuts = 0;
            }
          }
          // The stream eventually delivers everything (and redelivers the lot once more), then a publish.
          await deliver(1, null, []);
          await aggregateAndChain(delivered);
          // ...and brings back every record once more, alone and out of order: stale ones after newer ones.
          for (const record of shuffled(delivered, shuffleSeed)) await aggregateAndChain([record]);
          await untilItSucceeds(() => m.publishSummary(flakyBucket(), electionId));

          // Assess
          const current = (
            await Promise.all(SECTIONS.map((s) => m.listCurrentSubmissions(electionId, s)))
          ).flat();
          const registered = new Map(
            smallElection(electionId).sections.map((s) => [s.id, s.registeredVoters]),
          );
          const expected = m.sumTallies(
            current
              .filter((s) => m.isCounted(s.status))
              .map((s) =>
                s.kind === 'results'
                  ? m.tallyOfResults(s.body as never, registered.get(s.sectionId) ?? 0)
                  : m.tallyOfTurnout(s.slotId ?? '', s.body as never, registered.get(s.sectionId) ?? 0),
              ),
          );
          const pointer = JSON.parse(await site.readText(`results/${electionId}/latest.json`));
          const summary = JSON.parse(await site.readText(String(pointer.summary).slice(1)));
          expect(summary.sections.reported).toBe(expected.sections ?? 0);
          expect(summary.totals.voters).toBe(expected.voters ?? 0);
          expect(summary.totals.blankBallots).toBe(expected.blank ?? 0);
          expect(summary.candidates.map((c: { votes: number }) => c.votes)).toEqual([
            expected['candidate.C1'] ?? 0,
            expected['candidate.C2'] ?? 0,
          ]);
          expect(summary.lists.map((l: { votes: number }) => l.votes)).toEqual([
            expected['list.L1'] ?? 0,
            expected['list.L2'] ?? 0,
          ]);
          // The outlook's bound, section by section (docs/domain.md): the counted final reading of
          // each section whose count does not count, else its electors.
          const countedItem = (sectionId: string, kind: string, slotId?: string) =>
            current.find(
              (s) =>
                s.sectionId === sectionId && s.kind === kind && s.slotId === slotId && m.isCounted(s.status),
            );
          const uncounted = SECTIONS.filter((id) => !countedItem(id, 'results'));
          const finalVoters = (id: string) =>
            (countedItem(id, 'turnout', 'T2')?.body as { voters: number } | undefined)?.voters;
          expect(summary.outlook).toMatchObject({
            uncountedAtMost: uncounted.reduce(
              (sum, id) => sum + (finalVoters(id) ?? registered.get(id) ?? 0),
              0,
            ),
            exact: uncounted.every((id) => finalVoters(id) !== undefined),
          });
          expect(
            summary.turnout.map((t: { sectionsReported: number; voters: number }) => [
              t.sectionsReported,
              t.voters,
            ]),
          ).toEqual([
            [expected['turnout.T1.sections'] ?? 0, expected['turnout.T1.voters'] ?? 0],
            [expected['turnout.T2.sections'] ?? 0, expected['turnout.T2.voters'] ?? 0],
          ]);
        },
      ),
      { numRuns: 12 },
    );
  }, 300_000);
});

/** A deterministic shuffle, so a failing case replays exactly. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed >>> 0 || 1;
  for (let i = result.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}
