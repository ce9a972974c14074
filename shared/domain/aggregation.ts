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
 *
 * One source is not a stored item: a section's outlook source (outlook-tally.ts), whose tally is a
 * pure function of what its count and its final turnout reading contribute. Every plan that moves
 * either of them writes it too, from the two as the plan leaves them, guarded on its own applied
 * record and on the partner it does not write (a condition check): a writer that read either of
 * them before another writer moved it loses the race and plans again, as for any other source.
 */
import { type ChangeEntry, changeEntryOf, figuresOf, type SourceLabel } from './change-list.js';
import { outlookTallyOf } from './outlook-tally.js';
import { addTallies, isEmptyTally, subtractTallies, type Tally } from './tally.js';

/** The sources a section's outlook source is made from, carried by a change of either of them. */
export interface OutlookPairing {
  /** The section's outlook source. */
  outlookId: string;
  /** The section's count. */
  resultsId: string;
  /** The section's reading of the final slot; absent when the election has no final slot. */
  finalId?: string;
  finalSlotId?: string;
}

export interface SourceChange {
  /** Identifies the source item, e.g. its PK and SK joined. */
  sourceId: string;
  electionId: string;
  rev: number;
  /** What the source contributes now: empty when its status keeps it out of the totals. */
  tally: Tally;
  /** What the source is, for the change list (absent: the change makes no entry). */
  label?: SourceLabel;
  /** For a section's count, its final reading or its outlook source: the section's outlook sources. */
  pairing?: OutlookPairing;
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
  /** Applied records the plan relies on without writing them, with the rev each must still have (0: absent). */
  checks: { sourceId: string; expectedRev: number }[];
}

/**
 * The most items one source adds to a transaction: its applied record, its section's outlook
 * source and the partner's condition check (callers size their chunks by it).
 */
export const ITEMS_PER_SOURCE = 3;

const isOutlookSource = (change: SourceChange) => change.pairing?.outlookId === change.sourceId;

/** The applied records a plan of these changes reads: their own, and their sections' outlook sources. */
export function sourcesToRead(changes: readonly SourceChange[]): string[] {
  const ids = new Set<string>();
  for (const { sourceId, pairing } of changes) {
    ids.add(sourceId);
    if (!pairing) continue;
    ids.add(pairing.outlookId);
    ids.add(pairing.resultsId);
    if (pairing.finalId) ids.add(pairing.finalId);
  }
  return [...ids];
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
  const plan: AggregationPlan = { applied: [], delta: {}, entries: [], checks: [] };
  for (const change of latestChanges(changes)) {
    if (isOutlookSource(change)) continue;
    const previous = applied.get(change.sourceId);
    if (previous && previous.rev >= change.rev) continue;
    addToPlan(plan, change, previous, false);
  }
  addOutlookSources(plan, [], applied, false);
  return plan;
}

const sameTally = (a: Tally, b: Tally) => isEmptyTally(subtractTallies(a, b));

/**
 * Adds to the plan the outlook source of every section whose count or final reading the plan
 * writes, or whose outlook source is to be repaired (`repairs`): its tally from the two as the
 * plan leaves them, at the sum of their revs (both only grow), guarded on its applied record, and
 * a condition check on the partner the plan does not write.
 */
function addOutlookSources(
  plan: AggregationPlan,
  repairs: readonly SourceChange[],
  applied: ReadonlyMap<string, Applied>,
  repair: boolean,
) {
  const written = new Map(plan.applied.map(({ change }) => [change.sourceId, change]));
  const pairings = new Map<string, { pairing: OutlookPairing; electionId: string }>();
  for (const { pairing, electionId } of [...written.values(), ...repairs]) {
    if (pairing) pairings.set(pairing.outlookId, { pairing, electionId });
  }
  for (const { pairing, electionId } of pairings.values()) {
    const after = (id: string | undefined) =>
      id === undefined
        ? { rev: 0, tally: {} }
        : (written.get(id) ?? applied.get(id) ?? { rev: 0, tally: {} });
    const results = after(pairing.resultsId);
    const final = after(pairing.finalId);
    const previous = applied.get(pairing.outlookId);
    const next: SourceChange = {
      sourceId: pairing.outlookId,
      electionId,
      rev: results.rev + final.rev,
      tally: outlookTallyOf(results.tally, final.tally, pairing.finalSlotId),
      pairing,
    };
    // Unchanged, it needs no write, unless the plan writes a partner: then the guards on the
    // outlook source and the other partner are what tell a torn read (a partner read before another
    // writer moved it) from a true one.
    const partnerWritten =
      written.has(pairing.resultsId) || (pairing.finalId !== undefined && written.has(pairing.finalId));
    if (!partnerWritten && previous && previous.rev === next.rev && sameTally(previous.tally, next.tally))
      continue;
    addToPlan(plan, next, previous, repair);
    for (const id of [pairing.resultsId, pairing.finalId]) {
      if (id !== undefined && !written.has(id))
        plan.checks.push({ sourceId: id, expectedRev: applied.get(id)?.rev ?? 0 });
    }
  }
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
  const plan: AggregationPlan = { applied: [], delta: {}, entries: [], checks: [] };
  const latest = latestChanges(mismatched);
  for (const change of latest) {
    if (!isOutlookSource(change)) addToPlan(plan, change, applied.get(change.sourceId), true);
  }
  // An outlook source is never written as the reconciliation computed it, but from its partners'
  // applied records as this plan leaves them: the same function of the same two tallies.
  addOutlookSources(plan, latest.filter(isOutlookSource), applied, true);
  return plan;
}

/**
 * The outlook sources of the sections among stored sources (their current counts and readings),
 * as the stored items make them: what the reconciliation compares with their applied records.
 */
export function outlookSourcesOf(stored: readonly SourceChange[]): SourceChange[] {
  const byId = new Map(stored.map((change) => [change.sourceId, change]));
  const outlooks = new Map<string, SourceChange>();
  for (const { pairing, electionId } of stored) {
    if (!pairing || outlooks.has(pairing.outlookId)) continue;
    const results = byId.get(pairing.resultsId);
    const final = pairing.finalId === undefined ? undefined : byId.get(pairing.finalId);
    outlooks.set(pairing.outlookId, {
      sourceId: pairing.outlookId,
      electionId,
      rev: (results?.rev ?? 0) + (final?.rev ?? 0),
      tally: outlookTallyOf(results?.tally ?? {}, final?.tally ?? {}, pairing.finalSlotId),
      pairing,
    });
  }
  return [...outlooks.values()];
}

/**
 * The outlook sources among these sources' sections that do not follow their partners' applied
 * records (a damaged or lost applied record of their own). One whose partners differ from the
 * stored items needs no look of its own: repairing the partners rewrites it (planRepair).
 */
function driftedOutlookSources(
  sources: readonly SourceChange[],
  applied: ReadonlyMap<string, Applied>,
): SourceChange[] {
  const drifted = new Map<string, SourceChange>();
  for (const { pairing, electionId } of sources) {
    if (!pairing || drifted.has(pairing.outlookId)) continue;
    const results = applied.get(pairing.resultsId);
    const final = pairing.finalId === undefined ? undefined : applied.get(pairing.finalId);
    if (!results && !final) continue;
    const expected = {
      rev: (results?.rev ?? 0) + (final?.rev ?? 0),
      tally: outlookTallyOf(results?.tally ?? {}, final?.tally ?? {}, pairing.finalSlotId),
    };
    const actual = applied.get(pairing.outlookId);
    if (actual && actual.rev === expected.rev && sameTally(actual.tally, expected.tally)) continue;
    drifted.set(pairing.outlookId, { sourceId: pairing.outlookId, electionId, ...expected, pairing });
  }
  return [...drifted.values()];
}

/**
 * What the reconciliation repairs among a section's stored sources: the items the totals do not
 * show as they are (mismatchedSources), and the outlook sources that do not follow their partners'
 * applied records. Both go to planRepair, which rewrites an outlook source from its partners.
 */
export function sourcesToRepair(
  stored: readonly SourceChange[],
  applied: ReadonlyMap<string, Applied>,
): SourceChange[] {
  const items = stored.filter((change) => !isOutlookSource(change));
  return [...mismatchedSources(items, applied), ...driftedOutlookSources(stored, applied)];
}
