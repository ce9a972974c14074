/**
 * The outcome of a referendum question. An abrogative referendum is valid only if the majority
 * of the electors vote (Costituzione art. 75, quorum 50%); municipal referendums follow their
 * statute, so the quorum is part of the definition (`quorumPercent`, 0 for none).
 */
export type ReferendumOutcome = 'yes' | 'no' | 'tie' | 'quorum-not-reached' | 'no-votes';

export const DEFAULT_REFERENDUM_QUORUM_PERCENT = 50;

export interface Quorum {
  requiredPercent: number;
  /** Voters over all registered electors so far: it only grows as sections report. */
  turnoutPercent: number;
  reached: boolean;
}

/** Whether enough electors voted; exact integer comparison, no rounding at the boundary. */
export function quorumOf(
  voters: number,
  registeredVoters: number,
  requiredPercent: number,
  turnoutPercent: number,
): Quorum {
  return {
    requiredPercent,
    turnoutPercent,
    reached: voters * 100 > requiredPercent * registeredVoters || requiredPercent === 0,
  };
}

export function referendumOutcome(yes: number, no: number, quorum: Quorum): ReferendumOutcome {
  if (!quorum.reached) return 'quorum-not-reached';
  if (yes + no === 0) return 'no-votes';
  return yes > no ? 'yes' : no > yes ? 'no' : 'tie';
}
