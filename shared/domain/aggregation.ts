/**
 * Exactly-once aggregation, in effect, over an at-least-once stream.
 *
 * Every source item (a section's current results, or its reading of one turnout slot) has a
 * `rev` that grows with each change. For each source the aggregation remembers, in an
 * "applied" record, the rev and the tally it last added to the totals. A change is applied
 * as the delta between its tally and the applied one, and only when its rev is newer: a
 * redelivered or out-of-date record yields no delta. The applied records and the aggregates
 * are then written in one transaction, each conditioned on the version that was read.
 */
import { addTallies, isEmptyTally, subtractTallies, type Tally } from './tally.js';

export interface SourceChange {
  /** Identifies the source item, e.g. its PK and SK joined. */
  sourceId: string;
  electionId: string;
  district?: string;
  rev: number;
  /** What the source contributes now: empty when its status keeps it out of the totals. */
  tally: Tally;
}

export interface Applied {
  rev: number;
  tally: Tally;
}

export interface AggregationPlan {
  /** The applied records to write, with the rev each must still have (0: must not exist). */
  applied: { change: SourceChange; expectedRev: number }[];
  /** The delta of each aggregate, keyed by aggregate id. */
  deltas: Map<string, Tally>;
}

/** Keeps, for each source, only its newest change in a batch (ordering holds per item). */
export function latestChanges(changes: readonly SourceChange[]): SourceChange[] {
  const latest = new Map<string, SourceChange>();
  for (const change of changes) {
    const seen = latest.get(change.sourceId);
    if (!seen || change.rev > seen.rev) latest.set(change.sourceId, change);
  }
  return [...latest.values()];
}

/** The aggregates a change feeds: the election total and its district. */
export function aggregateIdsOf(change: Pick<SourceChange, 'electionId' | 'district'>): string[] {
  const total = `${change.electionId}|total`;
  return change.district === undefined
    ? [total]
    : [total, `${change.electionId}|district|${change.district}`];
}

/**
 * Plans the writes that bring the aggregates up to date with the given changes, knowing
 * what each source had already contributed. Pure.
 */
export function planAggregation(
  changes: readonly SourceChange[],
  applied: ReadonlyMap<string, Applied>,
): AggregationPlan {
  const plan: AggregationPlan = { applied: [], deltas: new Map() };
  for (const change of latestChanges(changes)) {
    const previous = applied.get(change.sourceId);
    if (previous && previous.rev >= change.rev) continue;
    plan.applied.push({ change, expectedRev: previous?.rev ?? 0 });
    const delta = subtractTallies(change.tally, previous?.tally ?? {});
    if (isEmptyTally(delta)) continue;
    for (const aggregateId of aggregateIdsOf(change)) {
      plan.deltas.set(aggregateId, addTallies(plan.deltas.get(aggregateId) ?? {}, delta));
    }
  }
  return plan;
}
