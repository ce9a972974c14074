import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AggregationPlan,
  type Applied,
  latestChanges,
  mismatchedSources,
  planAggregation,
  planRepair,
  type SourceChange,
} from '../../shared/domain/aggregation.js';
import { addTallies, sumTallies, type Tally } from '../../shared/domain/tally.js';

const ELECTION = 'demo-2026';
/** A few sources. */
const SOURCES: { sourceId: string }[] = [
  { sourceId: 'SECTION#1|RESULTS' },
  { sourceId: 'SECTION#2|RESULTS' },
  { sourceId: 'SECTION#3|TURNOUT#T1' },
  { sourceId: 'SECTION#4|RESULTS' },
];
/** The total's parts: any plan may go to any of them. */
const PARTS = 3;
const MAX_REV = 6;

/** What a source contributes: counts, or nothing when its status keeps it out of the totals. */
const sourceTallyArb: fc.Arbitrary<Tally> = fc.oneof(
  fc.constant({}),
  fc.dictionary(
    fc.constantFrom('sections', 'voters', 'candidate.C1', 'candidate.C2'),
    fc.integer({ min: 1, max: 500 }),
  ),
);

/**
 * A history: for every source and rev, the one tally that rev carries (a rev names one
 * version of the item, so redeliveries carry the same tally), and a stream of (source, rev)
 * events in any order, with duplicates, cut into batches that arrive in any order, some twice.
 */
const historyArb = fc
  .record({
    tallies: fc.array(fc.array(sourceTallyArb, { minLength: MAX_REV, maxLength: MAX_REV }), {
      minLength: SOURCES.length,
      maxLength: SOURCES.length,
    }),
    events: fc.array(
      fc.record({ source: fc.nat(SOURCES.length - 1), rev: fc.integer({ min: 1, max: MAX_REV }) }),
      { maxLength: 40 },
    ),
    cuts: fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 40 }),
  })
  .chain(({ tallies, events, cuts }) => {
    const changes: SourceChange[] = events.map(({ source, rev }) => {
      const { sourceId } = SOURCES[source] ?? { sourceId: 'missing' };
      const tally = tallies[source]?.[rev - 1] ?? {};
      return { sourceId, electionId: ELECTION, rev, tally };
    });
    const batches: SourceChange[][] = [];
    let start = 0;
    for (const size of cuts) {
      if (start >= changes.length) break;
      batches.push(changes.slice(start, start + size));
      start += size;
    }
    if (start < changes.length) batches.push(changes.slice(start));
    const indices = batches.map((_, i) => i);
    return fc
      .tuple(
        fc.shuffledSubarray(indices, { minLength: indices.length, maxLength: indices.length }),
        batches.length === 0 ? fc.constant([]) : fc.array(fc.nat(batches.length - 1), { maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 5 }),
      )
      .map(([order, replays, positions]) => {
        const deliveries = [...order];
        replays.forEach((replay, i) => {
          deliveries.splice((positions[i] ?? 0) % (deliveries.length + 1), 0, replay);
        });
        return { changes, deliveries: deliveries.map((i) => batches[i] ?? []) };
      });
  });

/** The store as commitAggregation leaves it: the applied records and the total's parts. */
interface Store {
  applied: Map<string, Applied>;
  parts: Tally[];
}
const emptyStore = (): Store => ({ applied: new Map(), parts: Array.from({ length: PARTS }, () => ({})) });
const totalOf = (store: Store) => sumTallies(store.parts);

/** What commitAggregation does with a plan, into the given part, with its conditions checked. */
function commit(store: Store, plan: AggregationPlan, part = 0) {
  for (const { change, expectedRev } of plan.applied) {
    expect(store.applied.get(change.sourceId)?.rev ?? 0).toBe(expectedRev);
    store.applied.set(change.sourceId, { rev: change.rev, tally: change.tally });
  }
  store.parts[part % PARTS] = addTallies(store.parts[part % PARTS] ?? {}, plan.delta);
}

/** The tally of the newest change of each source: what the totals must show in the end. */
function newestPerSource(changes: readonly SourceChange[]): Map<string, SourceChange> {
  const newest = new Map<string, SourceChange>();
  for (const change of changes) {
    const seen = newest.get(change.sourceId);
    if (!seen || change.rev > seen.rev) newest.set(change.sourceId, change);
  }
  return newest;
}

describe('planAggregation: exactly-once totals over an at-least-once, out-of-order stream', () => {
  it('given any sequence of changes delivered in any batches, when each plan is committed, then the total is the sum of the newest change of each source', () => {
    fc.assert(
      fc.property(historyArb, fc.array(fc.nat(PARTS - 1)), ({ changes, deliveries }, parts) => {
        // Prepare
        const store = emptyStore();

        // Act: each plan goes to whichever part its writer holds
        deliveries.forEach((batch, i) => {
          commit(store, planAggregation(batch, store.applied), parts[i] ?? i);
        });

        // Assess
        const newest = [...newestPerSource(changes).values()];
        expect(totalOf(store)).toEqual(sumTallies(newest.map((c) => c.tally)));
        for (const change of newest) expect(store.applied.get(change.sourceId)?.rev).toBe(change.rev);
      }),
      { numRuns: 500 },
    );
  });

  it('given batches lost on the way, when the stored sources are compared and repaired, then the total is right and a second look finds nothing', () => {
    fc.assert(
      fc.property(historyArb, fc.array(fc.boolean()), ({ changes, deliveries }, lost) => {
        // Prepare: some deliveries never arrive; the store holds each source's newest change
        const store = emptyStore();
        deliveries.forEach((batch, i) => {
          if (!lost[i]) commit(store, planAggregation(batch, store.applied), i);
        });
        const stored = [...newestPerSource(changes).values()];

        // Act
        const mismatched = mismatchedSources(stored, store.applied);
        commit(store, planRepair(mismatched, store.applied), 1);

        // Assess
        expect(totalOf(store)).toEqual(sumTallies(stored.map((c) => c.tally)));
        expect(mismatchedSources(stored, store.applied)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('given an applied record damaged at its own rev, when compared, then it is a mismatch and the repair restores the total', () => {
    // Prepare
    const stored: SourceChange = { sourceId: 'S1', electionId: ELECTION, rev: 2, tally: { voters: 100 } };
    const store = emptyStore();
    commit(store, planAggregation([stored], store.applied));
    store.applied.set('S1', { rev: 2, tally: { voters: 90 } });
    store.parts[0] = { voters: 90 };

    // Act
    const mismatched = mismatchedSources([stored], store.applied);
    commit(store, planRepair(mismatched, store.applied), 2);

    // Assess
    expect(mismatched).toEqual([stored]);
    expect(totalOf(store)).toEqual({ voters: 100 });
  });

  it('given an applied record newer than the stored item read, when compared, then it is no mismatch (a change landed meanwhile)', () => {
    // Prepare
    const applied = new Map<string, Applied>([['S1', { rev: 3, tally: { voters: 5 } }]]);

    // Act
    const mismatched = mismatchedSources(
      [{ sourceId: 'S1', electionId: ELECTION, rev: 2, tally: {} }],
      applied,
    );

    // Assess
    expect(mismatched).toEqual([]);
  });

  it('given a batch already committed, when it is delivered again, then the plan writes nothing', () => {
    fc.assert(
      fc.property(historyArb, ({ deliveries }) => {
        // Prepare
        const store = emptyStore();
        for (const batch of deliveries) commit(store, planAggregation(batch, store.applied));

        for (const batch of deliveries) {
          // Act
          const plan = planAggregation(batch, store.applied);

          // Assess
          expect(plan.applied).toEqual([]);
          expect(plan.delta).toEqual({});
        }
      }),
    );
  });

  it('given a correction of an applied source, when planned, then the delta is the difference and the condition is the old rev', () => {
    // Prepare
    const applied = new Map<string, Applied>([
      ['S1', { rev: 2, tally: { voters: 100, 'candidate.C1': 60 } }],
    ]);
    const change: SourceChange = {
      sourceId: 'S1',
      electionId: ELECTION,
      rev: 3,
      tally: { voters: 100, 'candidate.C1': 55, 'candidate.C2': 5 },
    };

    // Act
    const plan = planAggregation([change], applied);

    // Assess
    expect(plan.applied).toEqual([{ change, expectedRev: 2, everCounted: true }]);
    expect(plan.delta).toEqual({ 'candidate.C1': -5, 'candidate.C2': 5 });
  });

  it('given a section flagged after it was counted, when planned, then its whole contribution is taken back', () => {
    // Prepare
    const applied = new Map<string, Applied>([['S1', { rev: 1, tally: { sections: 1, voters: 100 } }]]);

    // Act
    const plan = planAggregation([{ sourceId: 'S1', electionId: ELECTION, rev: 2, tally: {} }], applied);

    // Assess
    expect(plan.delta).toEqual({ sections: -1, voters: -100 });
  });

  it('given a newer change whose tally is unchanged, when planned, then the applied rev moves on with no delta', () => {
    // Prepare
    const applied = new Map<string, Applied>([['S1', { rev: 1, tally: { voters: 100 } }]]);

    // Act
    const plan = planAggregation(
      [{ sourceId: 'S1', electionId: ELECTION, rev: 2, tally: { voters: 100 } }],
      applied,
    );

    // Assess
    expect(plan.applied.map((a) => [a.change.rev, a.expectedRev])).toEqual([[2, 1]]);
    expect(plan.delta).toEqual({});
  });
});

describe('latestChanges', () => {
  it('given several changes of one source in any order, when reduced, then only the highest rev remains', () => {
    // Prepare
    const change = (sourceId: string, rev: number): SourceChange => ({
      sourceId,
      electionId: ELECTION,
      rev,
      tally: {},
    });

    // Act
    const latest = latestChanges([
      change('A', 2),
      change('B', 1),
      change('A', 5),
      change('A', 3),
      change('B', 1),
    ]);

    // Assess
    expect(latest.map((c) => [c.sourceId, c.rev])).toEqual([
      ['A', 5],
      ['B', 1],
    ]);
  });
});
