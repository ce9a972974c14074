import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AggregationPlan,
  type Applied,
  type OutlookPairing,
  outlookSourcesOf,
  planAggregation,
  planRepair,
  type SourceChange,
  sourcesToRepair,
} from '../../shared/domain/aggregation.js';
import { outlookTallyOf } from '../../shared/domain/outlook-tally.js';
import { addTallies, sumTallies, type Tally } from '../../shared/domain/tally.js';

/**
 * A section's outlook source is written with its count and its final reading, from both as each
 * plan leaves them. Modelled here on an in-memory store that checks every guard as DynamoDB's
 * transaction would: concurrent plans read the same store, and the one that commits second loses
 * its race when it read anything the first one moved, and plans again.
 */

const ELECTION = 'demo-2026';
const SECTIONS = ['1', '2'];
const MAX_REV = 5;

const pairingOf = (section: string): OutlookPairing => ({
  outlookId: `S${section}|OUTLOOK`,
  resultsId: `S${section}|RESULT`,
  finalId: `S${section}|TURNOUT#T2`,
  finalSlotId: 'T2',
});

/** Per section: its count, its final reading and an earlier reading (which the outlook ignores). */
const SOURCES = SECTIONS.flatMap((section) => [
  { sourceId: `S${section}|RESULT`, kind: 'results' as const, pairing: pairingOf(section) },
  { sourceId: `S${section}|TURNOUT#T2`, kind: 'final' as const, pairing: pairingOf(section) },
  { sourceId: `S${section}|TURNOUT#T1`, kind: 'earlier' as const, pairing: undefined },
]);

/** A rev's tally: counted (the figures the real tallies carry) or not counted at all. */
const tallyArb = (kind: (typeof SOURCES)[number]['kind']): fc.Arbitrary<Tally> =>
  fc.oneof(
    fc.constant({}),
    kind === 'results'
      ? fc.record({ sections: fc.constant(1), registered: fc.constant(1000), voters: fc.nat(1200) })
      : fc.record({
          [`turnout.${kind === 'final' ? 'T2' : 'T1'}.sections`]: fc.constant(1),
          [`turnout.${kind === 'final' ? 'T2' : 'T1'}.voters`]: fc.integer({ min: 1, max: 1200 }),
        }),
  );

const historyArb = fc
  .record({
    tallies: fc.tuple(
      ...SOURCES.map((s) => fc.array(tallyArb(s.kind), { minLength: MAX_REV, maxLength: MAX_REV })),
    ),
    events: fc.array(
      fc.record({ source: fc.nat(SOURCES.length - 1), rev: fc.integer({ min: 1, max: MAX_REV }) }),
      {
        maxLength: 30,
      },
    ),
    cuts: fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 30 }),
    replays: fc.array(fc.nat(), { maxLength: 4 }),
    /** Which deliveries are planned side by side with the next one (two writers at once). */
    concurrent: fc.array(fc.boolean(), { maxLength: 30 }),
    /** Per applied record, whether the second writer's batch read saw it before or after the first commit. */
    torn: fc.array(fc.boolean(), { minLength: 3 * SECTIONS.length, maxLength: 3 * SECTIONS.length }),
  })
  .map(({ tallies, events, cuts, replays, concurrent, torn }) => {
    const changes: SourceChange[] = events.map(({ source, rev }) => {
      const { sourceId, pairing } = SOURCES[source] ?? { sourceId: 'missing', pairing: undefined };
      return {
        sourceId,
        electionId: ELECTION,
        rev,
        tally: tallies[source]?.[rev - 1] ?? {},
        label: { sectionId: sourceId.slice(1, 2), item: sourceId, version: rev, reason: null },
        ...(pairing ? { pairing } : {}),
      };
    });
    const batches: SourceChange[][] = [];
    let start = 0;
    for (const size of cuts) {
      if (start >= changes.length) break;
      batches.push(changes.slice(start, start + size));
      start += size;
    }
    if (start < changes.length) batches.push(changes.slice(start));
    // A retried batch comes back after later ones: stale records after newer ones.
    for (const replay of replays)
      if (batches.length > 0) batches.push(batches[replay % batches.length] ?? []);
    return { changes, batches, concurrent, torn };
  });

interface Store {
  applied: Map<string, Applied>;
  total: Tally;
}

/** What commitAggregation does: every guard and check holds, or nothing is written (a lost race). */
function commit(store: Store, plan: AggregationPlan): boolean {
  const revOf = (id: string) => store.applied.get(id)?.rev ?? 0;
  const ids = [...plan.applied.map((a) => a.change.sourceId), ...plan.checks.map((c) => c.sourceId)];
  expect(new Set(ids).size).toBe(ids.length);
  if (plan.applied.some(({ change, expectedRev }) => revOf(change.sourceId) !== expectedRev)) return false;
  if (plan.checks.some(({ sourceId, expectedRev }) => revOf(sourceId) !== expectedRev)) return false;
  for (const { change } of plan.applied)
    store.applied.set(change.sourceId, { rev: change.rev, tally: change.tally });
  store.total = addTallies(store.total, plan.delta);
  return true;
}

/** Plans against the store and commits until it goes through, as commitToSomePart does. */
function apply(store: Store, plan: (applied: Map<string, Applied>) => AggregationPlan) {
  for (let attempt = 0; attempt < 5; attempt++) if (commit(store, plan(store.applied))) return;
  throw new Error('a plan lost every race');
}

/** The newest change of each source, as the table holds it. */
function storedOf(changes: readonly SourceChange[]): SourceChange[] {
  const newest = new Map<string, SourceChange>();
  for (const change of changes) {
    const seen = newest.get(change.sourceId);
    if (!seen || change.rev > seen.rev) newest.set(change.sourceId, change);
  }
  return [...newest.values()];
}

/** What each section's outlook source must hold: the function of its two applied partners. */
function expectOutlookSourcesFollowTheirPartners(store: Store) {
  for (const section of SECTIONS) {
    const pairing = pairingOf(section);
    const results = store.applied.get(pairing.resultsId);
    const final = store.applied.get(pairing.finalId ?? '');
    const outlook = store.applied.get(pairing.outlookId);
    if (!results && !final) {
      expect(outlook).toBeUndefined();
      continue;
    }
    expect(outlook).toEqual({
      rev: (results?.rev ?? 0) + (final?.rev ?? 0),
      tally: outlookTallyOf(results?.tally ?? {}, final?.tally ?? {}, 'T2'),
    });
  }
}

describe('planAggregation: the outlook sources', () => {
  it('given any changes delivered in any batches, redelivered and planned two at a time, when committed, then each outlook source follows its section count and final reading', () => {
    fc.assert(
      fc.property(historyArb, ({ changes, batches, concurrent, torn }) => {
        // Prepare
        const store: Store = { applied: new Map(), total: {} };
        const ids = SECTIONS.flatMap((s) => Object.values(pairingOf(s)).filter((v) => v.includes('|')));

        // Act: a delivery marked concurrent is planned while the next one is: the second writer's
        // batch read sees each record either before or after the first writer's commit.
        for (let i = 0; i < batches.length; i++) {
          const batch = batches[i] ?? [];
          const next = batches[i + 1];
          if (concurrent[i] && next) {
            const before = new Map(store.applied);
            const first = planAggregation(batch, store.applied);
            const committed = commit(store, first);
            const read = new Map(before);
            ids.forEach((id, k) => {
              const after = store.applied.get(id);
              if (torn[k] && after) read.set(id, after);
            });
            const second = planAggregation(next, read);
            if (!committed) apply(store, (applied) => planAggregation(batch, applied));
            if (!commit(store, second)) apply(store, (applied) => planAggregation(next, applied));
            i++;
          } else {
            apply(store, (applied) => planAggregation(batch, applied));
          }
        }

        // Assess
        expectOutlookSourcesFollowTheirPartners(store);
        const stored = storedOf(changes);
        const everything = [...stored, ...outlookSourcesOf(stored)];
        expect(store.total).toEqual(sumTallies(everything.map((c) => c.tally)));
      }),
      { numRuns: 500 },
    );
  });

  it('given batches lost on the way, when the reconciliation compares the stored sources with their outlook sources and repairs them, then the totals are right and a second look finds nothing', () => {
    fc.assert(
      fc.property(historyArb, fc.array(fc.boolean()), ({ changes, batches }, lost) => {
        // Prepare
        const store: Store = { applied: new Map(), total: {} };
        batches.forEach((batch, i) => {
          if (!lost[i]) apply(store, (applied) => planAggregation(batch, applied));
        });
        const stored = storedOf(changes);
        const current = [...stored, ...outlookSourcesOf(stored)];

        // Act
        const due = sourcesToRepair(stored, store.applied);
        apply(store, (applied) => planRepair(sourcesToRepair(due, applied), applied));

        // Assess
        expect(store.total).toEqual(sumTallies(current.map((c) => c.tally)));
        expect(sourcesToRepair(stored, store.applied)).toEqual([]);
        expectOutlookSourcesFollowTheirPartners(store);
      }),
      { numRuns: 500 },
    );
  });

  it('given an outlook source damaged at its own rev, when repaired, then it is recomputed from its partners and the change list gets no entry', () => {
    // Prepare
    const pairing = pairingOf('1');
    const results: SourceChange = {
      sourceId: pairing.resultsId,
      electionId: ELECTION,
      rev: 2,
      tally: { sections: 1, registered: 1000, voters: 560 },
      label: { sectionId: '1', item: 'results', version: 2, reason: null },
      pairing,
    };
    const store: Store = { applied: new Map(), total: {} };
    apply(store, (applied) => planAggregation([results], applied));
    store.applied.set(pairing.outlookId, { rev: 2, tally: { 'outlook.countedBound': 7 } });
    store.total = { sections: 1, registered: 1000, voters: 560, 'outlook.countedBound': 7 };

    // Act
    const due = sourcesToRepair([results], store.applied);
    const plan = planRepair(due, store.applied);
    commit(store, plan);

    // Assess
    expect(due.map((c) => c.sourceId)).toEqual([pairing.outlookId]);
    expect(plan.entries).toEqual([]);
    expect(plan.checks).toEqual([
      { sourceId: pairing.resultsId, expectedRev: 2 },
      { sourceId: pairing.finalId, expectedRev: 0 },
    ]);
    expect(store.total).toEqual({
      sections: 1,
      registered: 1000,
      voters: 560,
      'outlook.countedBound': 1000,
      'outlook.countedWithoutFinal': 1,
    });
  });

  it('given a final reading while the count is applied, when planned, then the outlook source takes the reading and the plan checks the count it read', () => {
    // Prepare
    const pairing = pairingOf('1');
    const applied = new Map<string, Applied>([
      [pairing.resultsId, { rev: 3, tally: { sections: 1, registered: 1000, voters: 560 } }],
      [
        pairing.outlookId,
        { rev: 3, tally: { 'outlook.countedBound': 1000, 'outlook.countedWithoutFinal': 1 } },
      ],
    ]);
    const final: SourceChange = {
      sourceId: pairing.finalId ?? '',
      electionId: ELECTION,
      rev: 1,
      tally: { 'turnout.T2.sections': 1, 'turnout.T2.voters': 560, 'turnout.T2.registered': 1000 },
      label: { sectionId: '1', item: 'turnout/T2', version: 1, reason: null },
      pairing,
    };

    // Act
    const plan = planAggregation([final], applied);

    // Assess
    expect(plan.applied.map((a) => [a.change.sourceId, a.change.rev, a.expectedRev])).toEqual([
      [pairing.finalId, 1, 0],
      [pairing.outlookId, 4, 3],
    ]);
    expect(plan.checks).toEqual([{ sourceId: pairing.resultsId, expectedRev: 3 }]);
    expect(plan.delta).toEqual({
      'turnout.T2.sections': 1,
      'turnout.T2.voters': 560,
      'turnout.T2.registered': 1000,
      'outlook.countedBound': -440,
      'outlook.countedWithoutFinal': -1,
    });
    expect(plan.entries.map((e) => e.item)).toEqual(['turnout/T2']);
  });
});
