/**
 * The counters behind the outlook's bound U (outlook.ts): U sums, over the sections whose count
 * is not counted, the final turnout reading when that reading is counted, else the registered
 * electors. Write b(s) for that per-section bound. Then
 *
 *   U = Σ_all b(s) − Σ_counted b(s)
 *   Σ_all b(s) = registered electors − turnout.F.registered + turnout.F.voters   (F the final slot)
 *
 * The first sum comes from the turnout counters alone; the second, over the sections whose count
 * is counted, needs both of a section's items at once, which no single source's tally can know. So
 * each section has a third, synthetic source (its outlook source) whose tally is a pure function
 * of the two counted tallies as the aggregation leaves them ({@link outlookTallyOf}): nothing
 * while the count is not counted; else b(s) and whether the final reading is missing. Likewise
 * the sections still lacking their final reading are those without a counted final reading less
 * those counted without one, and U is exact when there are none.
 *
 * Before counts are published only `turnout.*` counters are visible: the outlook counters are
 * then absent, and the same formulas give the bound from turnout alone, as if nothing were counted.
 */
import { counter, isEmptyTally, type Tally } from './tally.js';

export const outlookCounter = {
  /** Σ b(s) over the sections whose count is counted. */
  countedBound: 'outlook.countedBound',
  /** How many sections are counted without a counted final reading. */
  countedWithoutFinal: 'outlook.countedWithoutFinal',
} as const;

/**
 * What a section's outlook source adds, from what its count and its final reading add (empty
 * tallies when not counted): nothing until the count is counted; then b(s), its final reading's
 * voters if that is counted, else its registered electors (carried by the count's tally).
 */
export function outlookTallyOf(
  resultsTally: Tally,
  finalTally: Tally,
  finalSlotId: string | undefined,
): Tally {
  if (isEmptyTally(resultsTally)) return {};
  const finalCounted = finalSlotId !== undefined && !isEmptyTally(finalTally);
  const bound = finalCounted
    ? (finalTally[counter.turnoutVoters(finalSlotId)] ?? 0)
    : (resultsTally[counter.registered] ?? 0);
  const tally: Tally = {};
  if (bound !== 0) tally[outlookCounter.countedBound] = bound;
  if (!finalCounted) tally[outlookCounter.countedWithoutFinal] = 1;
  return tally;
}

/** The bound U and whether it is exact, from an election's total tally. */
export function uncountedOf(
  total: Tally,
  election: { registeredVoters: number; sectionCount: number; finalSlotId: string | undefined },
): { uncountedAtMost: number; exact: boolean } {
  const count = (key: string) => total[key] ?? 0;
  const final = election.finalSlotId;
  const finalRegistered = final === undefined ? 0 : count(counter.turnoutRegistered(final));
  const finalVoters = final === undefined ? 0 : count(counter.turnoutVoters(final));
  const finalSections = final === undefined ? 0 : count(counter.turnoutSections(final));
  const allBounds = election.registeredVoters - finalRegistered + finalVoters;
  const uncountedAtMost = Math.max(0, allBounds - count(outlookCounter.countedBound));
  const withoutFinal = election.sectionCount - finalSections - count(outlookCounter.countedWithoutFinal);
  return { uncountedAtMost, exact: withoutFinal <= 0 };
}
