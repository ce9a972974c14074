/**
 * What a run-off's summary says of its mayor and its council (docs/interface.md, Run-off round),
 * from the run-off's totals and the first round's. Pure.
 *
 * - The mayor (TUEL art. 72 c. 9): "è proclamato eletto sindaco il candidato che ha ottenuto il
 *   maggior numero di voti validi"; on a tie, the one whose group of lists (with the
 *   apparentamento, c. 7) had the larger first-round cifra elettorale; on a further tie, the
 *   elder. Before the count is complete a candidate is `elected` only when the plurality bound
 *   makes it certain (outlook.ts); once it is complete, the law's order decides, and a tie the
 *   birth dates would decide stays `open` while the definition does not give them.
 * - The council (art. 73 c. 10): allocateRunoffSeats from the FIRST round's list votes under the
 *   run-off's outcome, in the first round's `seats` shape.
 */
import type { ElectionHead } from './election.js';
import { type MayorOutlook, mayorOutlook } from './outlook.js';
import { allocateRunoffSeats, type RunoffSeatAllocation } from './runoff-seats.js';
import { seatInputOf } from './seat-input.js';
import { allocateSeats } from './seats.js';
import { counter, type Tally } from './tally.js';

export interface RoundFigures {
  head: ElectionHead;
  total: Tally;
}

export interface RunoffOutcome {
  mayor: MayorOutlook;
  /** Null while nothing can be allocated (no votes yet), or while only the birth dates could decide. */
  seats: RunoffSeatAllocation | null;
}

const OPEN: MayorOutlook = { status: 'open', candidateId: null, runoffCandidates: null };

/** The elder of the run-off's two, when the definition gives both birth dates and they differ. */
export function elderOf(candidates: ElectionHead['candidates']): string | undefined {
  const [a, b] = candidates;
  if (!a?.birthDate || !b?.birthDate || a.birthDate === b.birthDate) return undefined;
  // ISO dates (YYYY-MM-DD) order as strings: the earlier date is the elder.
  return a.birthDate < b.birthDate ? a.id : b.id;
}

/**
 * The run-off's mayor and council. `allCounted`: every section has reported; `uncountedAtMost`:
 * the outlook's bound on the ballots still to count.
 */
export function runoffOutcome(
  runoff: RoundFigures,
  first: RoundFigures,
  allCounted: boolean,
  uncountedAtMost: number,
): RunoffOutcome {
  const votes = runoff.head.candidates.map((c) => ({
    id: c.id,
    votes: runoff.total[counter.candidate(c.id)] ?? 0,
  }));
  const firstInput = seatInputOf(first.head, first.total);
  const firstOutcome = allocateSeats(firstInput);
  // The higher ranked at the first round first, as allocateRunoffSeats takes the pair.
  const pair = firstOutcome?.outcome === 'runoff' ? firstOutcome.runoff.candidateIds : undefined;
  const seatsUnder = (pair: readonly [string, string], elderCandidateId: string) => {
    try {
      return allocateRunoffSeats(firstInput, {
        candidateIds: pair,
        lists: runoff.head.lists,
        candidateVotes: Object.fromEntries(votes.map((v) => [v.id, v.votes])),
        elderCandidateId,
      });
    } catch (error) {
      // The definition was checked against the first round when it was stored (define-election.ts);
      // a first round corrected since then to elect its mayor allocates nothing here.
      if (error instanceof RangeError) return null;
      throw error;
    }
  };
  const elder = elderOf(runoff.head.candidates);
  let seats: RunoffSeatAllocation | null = null;
  if (pair && elder !== undefined) seats = seatsUnder(pair, elder);
  else if (pair) {
    // Without both birth dates: the outcome stands only when the elder would not decide it.
    const one = seatsUnder(pair, pair[0]);
    const other = seatsUnder(pair, pair[1]);
    seats = one && other && one.mayor.candidateId === other.mayor.candidateId ? one : null;
  }
  const bound = mayorOutlook('plurality', votes, uncountedAtMost);
  if (bound.status === 'elected') return { mayor: bound, seats };
  if (allCounted && seats)
    return {
      mayor: { status: 'elected', candidateId: seats.mayor.candidateId, runoffCandidates: null },
      seats,
    };
  return { mayor: OPEN, seats };
}
