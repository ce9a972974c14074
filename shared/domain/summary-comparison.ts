/**
 * A summary with its comparison: the previous election's summary matched with this election's
 * definition (comparison.ts), and each turnout slot's previous percentage filled in from it
 * where the definition gives none. Pure.
 */
import { type ComparisonMatch, compareSummary, matchPrevious } from './comparison.js';
import type { ElectionHead } from './election.js';
import { IdSchema } from './ids.js';
import type { Summary } from './summary.js';

/** The election a definition compares with, when `previousElection` can be an election's id. */
export function previousElectionId(head: Pick<ElectionHead, 'id' | 'previousElection'>): string | undefined {
  const named = head.previousElection;
  return named !== undefined && named !== head.id && IdSchema.safeParse(named).success ? named : undefined;
}

/** How this election matches `previous`: the definition's slots, candidates, lists and `compareLists`. */
export const matchOf = (head: ElectionHead, previous: Summary): ComparisonMatch =>
  matchPrevious(head, previous);

/**
 * `summary` with `comparison`: null without a previous summary, and when a live election would
 * be compared with a rehearsal's test data.
 */
export function withComparison(summary: Summary, head: ElectionHead, previous: Summary | undefined): Summary {
  if (!previous || (previous.rehearsal && !summary.rehearsal)) return { ...summary, comparison: null };
  // Before the close of the polls no count is published, so only the turnout is compared.
  const current = summary.countsPublished ? summary : { ...summary, candidates: [], lists: [] };
  const comparison = compareSummary(current, previous, matchOf(head, previous));
  const before = new Map(comparison.turnout.map((slot) => [slot.slotId, slot.previousPercent]));
  return {
    ...summary,
    turnout: summary.turnout.map((slot) => ({
      ...slot,
      previousPercent: slot.previousPercent ?? before.get(slot.slotId) ?? null,
    })),
    comparison,
  };
}
