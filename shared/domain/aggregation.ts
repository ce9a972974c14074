/**
 * Exactly-once aggregation, in effect, over an at-least-once stream.
 *
 * Every source item (a section's current results, or its reading of one turnout slot) has a
 * `rev` that grows with each change. For each source the aggregation remembers, in an
 * "applied" record, the rev and the tally it last added to the totals. A change is applied
 * as the delta between its tally and the applied one, and only when its rev is newer: a
 * redelivered or out-of-date record yields no delta. The applied records and the sum of their
 * deltas are then written in one transaction, each conditioned on the version that was read.
 * The sum goes into any one of the election's total parts (db/aggregates.ts): the total is the
 * sum of the parts, so which part takes a delta does not matter, and concurrent writers choose
 * different parts instead of racing for one item.
 */
import { type ChangeEntry, changeEntryOf, figuresOf, type SourceLabel } from './change-list.js';
import { addTallies, isEmptyTally, subtractTallies, type Tally } from './tally.js';

export interface SourceChange {
  /** Identifies the source item, e.g. its PK and SK joined. */
  sourceId: string;
  electionId: string;
  rev: number;
  /** What the source contributes now: empty when its status keeps it out of the totals. */
  tally: Tally;
  /** What the source is, for the change list (absent: the change makes no entry). */
  label?: SourceLabel;
}

export interface Applied {
  rev: number;
  tally: Tally;
  /** Whether the source was ever in the totals: a count let in again is "restored", not "added". */
  everCounted?: boolean;
}

export interface AggregationPlan {
  /** The applied records to write, with the rev each must still have (0: must not exist). */
  applied: { change: SourceChange; expectedRev: number; everCounted: boolean }[];
  /** What the total gains: the sum of the applied changes' deltas. */
  delta: Tally;
  /** The change list's entries of the changes that moved the totals. */
  entries: ChangeEntry[];
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

function addToPlan(
  plan: AggregationPlan,
  change: SourceChange,
  previous: Applied | undefined,
  repair: boolean,
) {
  const before = previous?.tally ?? {};
  const delta = subtractTallies(change.tally, before);
  const everCounted = (previous?.everCounted ?? !isEmptyTally(before)) || !isEmptyTally(change.tally);
  plan.applied.push({ change, expectedRev: previous?.rev ?? 0, everCounted });
  plan.delta = addTallies(plan.delta, delta);
  if (!change.label || isEmptyTally(delta)) return;
  const entry = repair
    ? { ...change.label, kind: 'repaired' as const, delta: figuresOf(delta) }
    : changeEntryOf(change.label, before, change.tally, previous?.everCounted ?? false, delta);
  if (entry) plan.entries.push(entry);
}

/**
 * Plans the writes that bring the aggregates up to date with the given changes, knowing
 * what each source had already contributed. Pure.
 */
export function planAggregation(
  changes: readonly SourceChange[],
  applied: ReadonlyMap<string, Applied>,
): AggregationPlan {
  const plan: AggregationPlan = { applied: [], delta: {}, entries: [] };
  for (const change of latestChanges(changes)) {
    const previous = applied.get(change.sourceId);
    if (previous && previous.rev >= change.rev) continue;
    addToPlan(plan, change, previous, false);
  }
  return plan;
}

/**
 * The stored sources the totals do not show as they are: never applied, applied at an older rev
 * (a lost batch), or applied at their rev with other figures (a damaged applied record). A source
 * applied at a newer rev than the one read is a change that landed meanwhile, not a difference.
 */
export function mismatchedSources(
  current: readonly SourceChange[],
  applied: ReadonlyMap<string, Applied>,
): SourceChange[] {
  return current.filter((change) => {
    const previous = applied.get(change.sourceId);
    // The stream writes an applied record for every change it takes, counted or not.
    if (!previous) return true;
    if (previous.rev < change.rev) return true;
    return previous.rev === change.rev && !isEmptyTally(subtractTallies(change.tally, previous.tally));
  });
}

/**
 * Plans the repair of mismatched sources (see mismatchedSources): each is written at its stored
 * rev with its stored figures, guarded on the applied record as read, and its change list entry
 * says "repaired". Pure.
 */
export function planRepair(
  mismatched: readonly SourceChange[],
  applied: ReadonlyMap<string, Applied>,
): AggregationPlan {
  const plan: AggregationPlan = { applied: [], delta: {}, entries: [] };
  for (const change of latestChanges(mismatched)) addToPlan(plan, change, applied.get(change.sourceId), true);
  return plan;
}
