/**
 * The outlook (docs/interface.md, the summary's `outlook`; docs/domain.md "Outlook"): what the
 * ballots still uncounted can change, as exact bounds, not a model. Every section reports its
 * final turnout before its count, so the ballots still to count are at most U: per section not
 * yet counted, its final reading when counted, else its registered electors (outlook-tally.ts).
 * An outcome is claimed only when every completion of the uncounted sections (at most U further
 * ballots, shared in any way among the candidates or answers and blank, null or contested
 * ballots) agrees with it; and it is claimed whenever they all do. Ties stay open. Pure.
 */
import type { SeatRules } from './seat-rules.js';

export type MayorRule = SeatRules['mayor']['winsWith'];

export interface MayorOutlook {
  /**
   * `elected`: `candidateId` wins at this round whatever the uncounted ballots hold; `runoff`: no
   * candidate can win at this round; `open`: the uncounted ballots can still decide.
   */
  status: 'elected' | 'runoff' | 'open';
  candidateId: string | null;
  /** The run-off's two candidates, higher first, only when the pair is certain too. */
  runoffCandidates: [string, string] | null;
}

export interface AnswerOutlook {
  questionId: string;
  status: 'yes' | 'no' | 'open';
}

export interface Outlook {
  /** At most this many ballots are still to count. */
  uncountedAtMost: number;
  /** True when every uncounted section has its final turnout reading counted: the bound is the ballots themselves. */
  exact: boolean;
  /** Null for a referendum. */
  mayor: MayorOutlook | null;
  /** Empty for a municipal election. */
  answers: AnswerOutlook[];
}

interface Votes {
  id: string;
  votes: number;
}

const OPEN: MayorOutlook = { status: 'open', candidateId: null, runoffCandidates: null };

/** Most votes first; equal votes keep the definition's order (the ranking's own tie-breaks are not votes). */
const ranked = (candidates: readonly Votes[]) =>
  candidates.map((c, index) => ({ ...c, index })).sort((a, b) => b.votes - a.votes || a.index - b.index);

/**
 * Plurality (TUEL art. 71 c. 6, up to 15,000 inhabitants): c is elected for sure when
 * v(c) > v(d) + U for every other d, the worst case being every uncounted ballot for the runner-up.
 * A tie for first place is a run-off ("in caso di parità di voti si procede ad un turno di
 * ballottaggio fra i due candidati che hanno ottenuto il maggior numero di voti"), certain only
 * once nothing is left to count: one more ballot would break it. Its pair is named when exactly
 * two are tied; three or more tied leave the pair to the law's tie-breaks, not to the votes.
 */
function pluralityOutlook(candidates: readonly Votes[], uncounted: number): MayorOutlook {
  const [first, second, ...rest] = ranked(candidates);
  if (!first) return OPEN;
  if (first.votes > (second?.votes ?? 0) + uncounted) {
    return { status: 'elected', candidateId: first.id, runoffCandidates: null };
  }
  if (uncounted === 0 && second && second.votes === first.votes) {
    const tiedWithThem = rest.some((c) => c.votes === first.votes);
    return {
      status: 'runoff',
      candidateId: null,
      runoffCandidates: tiedWithThem ? null : [first.id, second.id],
    };
  }
  return OPEN;
}

/**
 * Absolute majority (TUEL art. 72 c. 4-5, over 15,000 inhabitants), V the valid mayoral votes
 * counted: c is elected for sure when 2 v(c) > V + U (every uncounted ballot valid and for
 * others); a run-off is certain when 2 (v(d) + U) <= V + U for every d (every uncounted ballot
 * for d still leaves d at 50% or under); its pair is certain when v(third) + U < v(second).
 */
function absoluteMajorityOutlook(candidates: readonly Votes[], uncounted: number): MayorOutlook {
  const order = ranked(candidates);
  const [first, second, third] = order;
  if (!first) return OPEN;
  const valid = order.reduce((sum, c) => sum + c.votes, 0);
  if (2 * first.votes > valid + uncounted) {
    return { status: 'elected', candidateId: first.id, runoffCandidates: null };
  }
  // The first has the most votes: if even it cannot pass half, nobody can.
  if (second && 2 * (first.votes + uncounted) <= valid + uncounted) {
    const pairCertain = third === undefined || third.votes + uncounted < second.votes;
    return {
      status: 'runoff',
      candidateId: null,
      runoffCandidates: pairCertain ? [first.id, second.id] : null,
    };
  }
  return OPEN;
}

/** The mayor's outlook under the election's rule (seat-rules.ts picks it from the population). */
export function mayorOutlook(rule: MayorRule, candidates: readonly Votes[], uncounted: number): MayorOutlook {
  return rule === 'plurality'
    ? pluralityOutlook(candidates, uncounted)
    : absoluteMajorityOutlook(candidates, uncounted);
}

/**
 * A referendum question: yes for sure when yes > no + U, no for sure when no > yes + U, and in
 * either case only when the quorum is reached whatever the uncounted sections hold. Counted
 * voters only grow as sections are counted, but a section's count may still differ from its
 * final turnout reading, so the quorum is certain only once the counted voters alone reach it
 * (`quorumReached`, referendum.ts quorumOf on the counted figures).
 */
export function answerOutlook(
  questionId: string,
  answer: { yes: number; no: number },
  uncounted: number,
  quorumReached: boolean,
): AnswerOutlook {
  const status =
    quorumReached && answer.yes > answer.no + uncounted
      ? 'yes'
      : quorumReached && answer.no > answer.yes + uncounted
        ? 'no'
        : 'open';
  return { questionId, status };
}
