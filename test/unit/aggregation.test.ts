import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AggregationPlan,
  type Applied,
  aggregateIdsOf,
  latestChanges,
  planAggregation,
  type SourceChange,
} from '../../shared/domain/aggregation.js';
import { addTallies, sumTallies, type Tally } from '../../shared/domain/tally.js';

const ELECTION = 'demo-2026';
const TOTAL = `${ELECTION}|total`;
const districtOf = (district: string) => `${ELECTION}|district|${district}`;

/** A few sources: two in Centro, one in Marina, one without a district. */
const SOURCES: { sourceId: string; district?: string }[] = [
  { sourceId: 'SECTION#1|RESULTS', district: 'Centro' },
  { sourceId: 'SECTION#2|RESULTS', district: 'Centro' },
  { sourceId: 'SECTION#3|TURNOUT#T1', district: 'Marina' },
  { sourceId: 'SECTION#4|RESULTS' },
];
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
      const { sourceId, district } = SOURCES[source] ?? { sourceId: 'missing' };
      const tally = tallies[source]?.[rev - 1] ?? {};
      return { sourceId, electionId: ELECTION, ...(district === undefined ? {} : { district }), rev, tally };
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

/** The store as commitAggregation leaves it: the applied records and the aggregates. */
interface Store {
  applied: Map<string, Applied>;
  aggregates: Map<string, Tally>;
}

/** What commitAggregation does with a plan, with its conditions checked. */
function commit(store: Store, plan: AggregationPlan) {
  for (const { change, expectedRev } of plan.applied) {
    expect(store.applied.get(change.sourceId)?.rev ?? 0).toBe(expectedRev);
    store.applied.set(change.sourceId, { rev: change.rev, tally: change.tally });
  }
  for (const [aggregateId, delta] of plan.deltas) {
    store.aggregates.set(aggregateId, addTallies(store.aggregates.get(aggregateId) ?? {}, delta));
  }
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
      fc.property(historyArb, ({ changes, deliveries }) => {
        // Prepare
        const store: Store = { applied: new Map(), aggregates: new Map() };

        // Act
        for (const batch of deliveries) commit(store, planAggregation(batch, store.applied));

        // Assess
        const newest = [...newestPerSource(changes).values()];
        expect(store.aggregates.get(TOTAL) ?? {}).toEqual(sumTallies(newest.map((c) => c.tally)));
        for (const change of newest) expect(store.applied.get(change.sourceId)?.rev).toBe(change.rev);
      }),
      { numRuns: 500 },
    );
  });

  it('given any sequence of changes delivered in any batches, when each plan is committed, then every district aggregate is the sum of its sources', () => {
    fc.assert(
      fc.property(historyArb, ({ changes, deliveries }) => {
        // Prepare
        const store: Store = { applied: new Map(), aggregates: new Map() };

        // Act
        for (const batch of deliveries) commit(store, planAggregation(batch, store.applied));

        // Assess
        const newest = [...newestPerSource(changes).values()];
        for (const district of ['Centro', 'Marina']) {
          const expected = sumTallies(newest.filter((c) => c.district === district).map((c) => c.tally));
          expect(store.aggregates.get(districtOf(district)) ?? {}).toEqual(expected);
        }
        const known = new Set([TOTAL, districtOf('Centro'), districtOf('Marina')]);
        for (const aggregateId of store.aggregates.keys()) expect(known.has(aggregateId)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('given a batch already committed, when it is delivered again, then the plan writes nothing', () => {
    fc.assert(
      fc.property(historyArb, ({ deliveries }) => {
        // Prepare
        const store: Store = { applied: new Map(), aggregates: new Map() };
        for (const batch of deliveries) commit(store, planAggregation(batch, store.applied));

        for (const batch of deliveries) {
          // Act
          const plan = planAggregation(batch, store.applied);

          // Assess
          expect(plan.applied).toEqual([]);
          expect(plan.deltas.size).toBe(0);
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
      district: 'Centro',
      rev: 3,
      tally: { voters: 100, 'candidate.C1': 55, 'candidate.C2': 5 },
    };

    // Act
    const plan = planAggregation([change], applied);

    // Assess
    expect(plan.applied).toEqual([{ change, expectedRev: 2 }]);
    expect(plan.deltas).toEqual(
      new Map([
        [TOTAL, { 'candidate.C1': -5, 'candidate.C2': 5 }],
        [districtOf('Centro'), { 'candidate.C1': -5, 'candidate.C2': 5 }],
      ]),
    );
  });

  it('given a section flagged after it was counted, when planned, then its whole contribution is taken back', () => {
    // Prepare
    const applied = new Map<string, Applied>([['S1', { rev: 1, tally: { sections: 1, voters: 100 } }]]);

    // Act
    const plan = planAggregation([{ sourceId: 'S1', electionId: ELECTION, rev: 2, tally: {} }], applied);

    // Assess
    expect(plan.deltas).toEqual(new Map([[TOTAL, { sections: -1, voters: -100 }]]));
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
    expect(plan.deltas.size).toBe(0);
  });
});

describe('latestChanges and aggregateIdsOf', () => {
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

  it('given a change with or without a district, when its aggregates are named, then it feeds the total and its district', () => {
    // Act
    const withDistrict = aggregateIdsOf({ electionId: ELECTION, district: 'Marina' });
    const withoutDistrict = aggregateIdsOf({ electionId: ELECTION });

    // Assess
    expect(withDistrict).toEqual([TOTAL, districtOf('Marina')]);
    expect(withoutDistrict).toEqual([TOTAL]);
  });
});
