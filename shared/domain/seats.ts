/**
 * Council seats of an Italian municipal election, from the count of the first round, under the
 * rules of seat-rules.ts (TUEL arts. 71-73), with the exact arithmetic of seat-arithmetic.ts.
 *
 * The council after a run-off (art. 73 c. 10 second sentence, with the apparentamenti of art. 72
 * c. 7) is runoff-seats.ts. Out of scope: the quorum of a single-list election (art. 71 c. 10),
 * and the choice of the councillors inside each list (preferences, art. 71 c. 9 / art. 73 c. 11).
 */
import { dhondt, type Party } from './dhondt.js';
import { percent } from './percent.js';
import { comparePercent, shareOfSeats } from './seat-arithmetic.js';
import { rulesFor, type SeatRules } from './seat-rules.js';

export {
  ITALIAN_MUNICIPAL_RULES,
  type PercentBase,
  rulesFor,
  type SeatRounding,
  type SeatRules,
} from './seat-rules.js';

/** The first-round count that seats are allocated from: the election head plus its totals. */
export interface SeatInput {
  population: number;
  /** Council seats, the mayor's own seat excluded. */
  councilSeats: number;
  candidates: { id: string; name: string }[];
  lists: { id: string; name: string; candidateId: string }[];
  /** Valid votes per mayoral candidate; a missing id counts 0; unknown ids are ignored. */
  candidateVotes: Record<string, number>;
  /** Valid votes per list; a missing id counts 0; unknown ids are ignored. */
  listVotes: Record<string, number>;
}

/** Seats allocated from a first round that elected the mayor. */
export interface SeatAllocation {
  outcome: 'allocated';
  /** The {@link SeatRules} id applied. */
  rules: string;
  /** The elected mayor; percent of the valid mayoral votes. */
  mayor: { candidateId: string; votes: number; percent: number };
  runoff: null;
  /**
   * One entry per mayoral candidate, in input order. `votes` is the sum of the votes of all
   * the candidate's lists and `percent` its share of all list votes. `seats` INCLUDE the
   * defeated candidate's own seat; they sum to `councilSeats`. `majorityBonus` is true when
   * the seats come from the majority bonus (art. 73 c. 10).
   */
  coalitions: {
    candidateId: string;
    votes: number;
    percent: number;
    seats: number;
    majorityBonus: boolean;
  }[];
  /**
   * One entry per list, in input order; `percent` of all list votes. `seats` are those filled
   * by the list's council candidates: a defeated mayoral candidate's seat is not counted here
   * but in `councillorsFromCandidates`. `belowThreshold` is true when the list is EXCLUDED by
   * the threshold (below it, and its coalition not above it; art. 73 c. 7); a list under 3% in
   * a coalition over 3% takes part and is not flagged.
   */
  lists: {
    listId: string;
    candidateId: string;
    votes: number;
    percent: number;
    seats: number;
    belowThreshold: boolean;
  }[];
  /** Defeated mayoral candidates who take a council seat, in input order. */
  councillorsFromCandidates: string[];
  /** Candidate (coalition) and list ids whose last seat was decided by lot; see `dhondt`. */
  tiedByLot: string[];
}

/** The first round elected no mayor: the council waits for the run-off. */
export interface RunoffRequired {
  outcome: 'runoff';
  rules: string;
  mayor: null;
  /** The two candidates admitted to the run-off (ballottaggio), the higher ranked first. */
  runoff: { candidateIds: [string, string] };
}

/**
 * What {@link allocateSeats} tells about the council, discriminated by `outcome`:
 * seats allocated, or a run-off required before they can be.
 */
export type SeatOutcome = SeatAllocation | RunoffRequired;

function checkCount(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  }
  return value;
}

function checkInput(input: SeatInput): void {
  checkCount(input.councilSeats, 'councilSeats');
  const candidateIds = new Set<string>();
  for (const c of input.candidates) {
    if (candidateIds.has(c.id)) throw new RangeError(`duplicate candidate id "${c.id}"`);
    candidateIds.add(c.id);
    checkCount(input.candidateVotes[c.id] ?? 0, `votes of candidate "${c.id}"`);
    // TUEL art. 71 c. 3 ("ciascuna candidatura alla carica di sindaco è collegata ad una
    // lista") and art. 73 c. 2: no mayoral candidate runs without a list.
    if (!input.lists.some((l) => l.candidateId === c.id)) {
      throw new RangeError(`candidate "${c.id}" has no list`);
    }
  }
  const listIds = new Set<string>();
  for (const l of input.lists) {
    if (listIds.has(l.id)) throw new RangeError(`duplicate list id "${l.id}"`);
    listIds.add(l.id);
    if (!candidateIds.has(l.candidateId)) {
      throw new RangeError(`list "${l.id}" is linked to unknown candidate "${l.candidateId}"`);
    }
    checkCount(input.listVotes[l.id] ?? 0, `votes of list "${l.id}"`);
  }
}

interface Coalition {
  candidateId: string;
  index: number;
  candidateVotes: number;
  lists: { id: string; votes: number }[];
  /** Cifra elettorale of the group: the votes of all its lists. */
  votes: number;
}

/**
 * Ranks mayoral candidates: most votes first; on a tie the candidate whose lists have the
 * larger total ("è ammesso al ballottaggio il candidato collegato con la lista o il gruppo di
 * liste ... che ha conseguito la maggiore cifra elettorale complessiva", TUEL art. 72 c. 5);
 * on a further tie the law admits the elder candidate, whose age is not in the definition:
 * the definition order stands in for it.
 */
function rankCandidates(coalitions: readonly Coalition[]): Coalition[] {
  return [...coalitions].sort(
    (a, b) => b.candidateVotes - a.candidateVotes || b.votes - a.votes || a.index - b.index,
  );
}

/**
 * The council seats from the first-round count.
 *
 * Returns `null` when no valid votes are in yet (no mayoral votes, or no list votes to share
 * seats by, or - degenerate - every list excluded by the threshold); a
 * {@link RunoffRequired} when the first round elected no mayor (over 15,000: nobody over 50%;
 * up to 15,000: a tie at the top), since the seats depend on who wins the run-off; otherwise
 * a {@link SeatAllocation} whose coalition seats sum to `councilSeats` (the mayor's own seat
 * is not part of `councilSeats`).
 *
 * @param rules defaults to {@link rulesFor}(input.population).
 * @throws RangeError on inconsistent input: duplicate ids, a list linked to an unknown
 *   candidate, a candidate without any list, a negative or fractional vote or seat count.
 */
export function allocateSeats(
  input: SeatInput,
  rules: SeatRules = rulesFor(input.population),
): SeatOutcome | null {
  checkInput(input);
  const coalitions: Coalition[] = input.candidates.map((c, index) => {
    const lists = input.lists
      .filter((l) => l.candidateId === c.id)
      .map((l) => ({ id: l.id, votes: input.listVotes[l.id] ?? 0 }));
    return {
      candidateId: c.id,
      index,
      candidateVotes: input.candidateVotes[c.id] ?? 0,
      lists,
      votes: lists.reduce((sum, l) => sum + l.votes, 0),
    };
  });
  const totalCandidateVotes = coalitions.reduce((sum, c) => sum + c.candidateVotes, 0);
  const totalListVotes = coalitions.reduce((sum, c) => sum + c.votes, 0);
  if (totalCandidateVotes === 0 || totalListVotes === 0) return null;

  // --- The mayor ---------------------------------------------------------------------------
  const ranked = rankCandidates(coalitions);
  const [first, second] = ranked;
  if (first === undefined) return null;
  const elected =
    rules.mayor.winsWith === 'absolute-majority'
      ? // TUEL art. 72 c. 4: "la maggioranza assoluta dei voti validi", i.e. over 50%.
        2 * first.candidateVotes > totalCandidateVotes
      : // TUEL art. 71 c. 6: the most votes; a tie for first place goes to a run-off.
        second === undefined || first.candidateVotes > second.candidateVotes;
  if (!elected) {
    if (second === undefined) return null;
    // TUEL art. 72 c. 5 / art. 71 c. 6: run-off between the two candidates ranked first.
    return {
      outcome: 'runoff',
      rules: rules.id,
      mayor: null,
      runoff: { candidateIds: [first.candidateId, second.candidateId] },
    };
  }
  const winner = first;

  // --- Seats per coalition -----------------------------------------------------------------
  const seats = input.councilSeats;
  const council = rules.council;
  const coalitionSeats = new Map<string, number>(coalitions.map((c) => [c.candidateId, 0]));
  const admitted = new Map<string, boolean>();
  const tiedByLot: string[] = [];
  let bonusGiven = false;

  /** D'Hondt among coalitions; false when none of them has votes (nobody took the seats). */
  const awardByDhondt = (contenders: Party[], total: number) => {
    const result = dhondt(contenders, total);
    tiedByLot.push(...result.tiedByLot);
    for (const [id, n] of Object.entries(result.seats)) coalitionSeats.set(id, n);
    return contenders.some((c) => c.votes > 0);
  };

  if (council.method === 'majority-share') {
    for (const c of coalitions) for (const l of c.lists) admitted.set(l.id, true);
    const others = coalitions.filter((c) => c !== winner).map((c) => ({ id: c.candidateId, votes: c.votes }));
    if (others.some((o) => o.votes > 0)) {
      // TUEL art. 71 c. 8: two thirds to the winner's list, the remaining seats by D'Hondt
      // "fra le altre liste".
      const winnerSeats = Math.min(seats, shareOfSeats(council.winnerShare, seats, council.rounding));
      awardByDhondt(others, seats - winnerSeats);
      coalitionSeats.set(winner.candidateId, winnerSeats);
    } else {
      // No other list has votes: nobody else can take the remaining seats.
      coalitionSeats.set(winner.candidateId, seats);
    }
  } else {
    const base = council.percentBase === 'candidate-votes' ? totalCandidateVotes : totalListVotes;
    // TUEL art. 73 c. 7: "non sono ammesse all'assegnazione dei seggi quelle liste che abbiano
    // ottenuto al primo turno meno del 3 per cento dei voti validi e che non appartengano a
    // nessun gruppo di liste che abbia superato tale soglia".
    for (const c of coalitions) {
      const groupPassed = comparePercent(c.votes, base, council.thresholdPercent) > 0;
      for (const l of c.lists) {
        admitted.set(l.id, groupPassed || comparePercent(l.votes, base, council.thresholdPercent) >= 0);
      }
    }
    // TUEL art. 73 c. 8: the group's cifra is the sum of its admitted lists' votes.
    const cifra = (c: Coalition) => c.lists.reduce((sum, l) => sum + (admitted.get(l.id) ? l.votes : 0), 0);
    const contenders = coalitions.map((c) => ({ id: c.candidateId, votes: cifra(c) }));
    // Degenerate: every list excluded (possible only when mayor-only votes dwarf list votes).
    if (!contenders.some((c) => c.votes > 0)) return null;
    awardByDhondt(contenders, seats);

    // TUEL art. 73 c. 10 (first round): the winner's group gets 60% of the seats if it has
    // not already 60%, has at least 40% of the valid votes, and no other group passed 50%.
    const { bonus } = council;
    const bonusSeats = Math.min(seats, shareOfSeats(bonus.seatShare, seats, bonus.rounding));
    const natural = coalitionSeats.get(winner.candidateId) ?? 0;
    const lacksShare = natural < bonusSeats;
    const enoughVotes = comparePercent(cifra(winner), base, bonus.minVotesPercent) >= 0;
    const noOtherMajority = coalitions.every(
      (c) => c === winner || comparePercent(c.votes, base, bonus.noOtherAbovePercent) <= 0,
    );
    if (lacksShare && enoughVotes && noOtherMajority) {
      // "I restanti seggi vengono assegnati alle altre liste o gruppi di liste collegate ai
      // sensi del comma 8": D'Hondt among the other admitted groups.
      tiedByLot.length = 0;
      const others = contenders.filter((c) => c.id !== winner.candidateId);
      const shared = awardByDhondt(others, seats - bonusSeats);
      coalitionSeats.set(winner.candidateId, shared ? bonusSeats : seats);
      bonusGiven = true;
    }
  }

  // --- Defeated candidates, then seats per list --------------------------------------------
  const councillorsFromCandidates: string[] = [];
  const listSeats = new Map<string, number>();
  for (const c of coalitions) {
    let toLists = coalitionSeats.get(c.candidateId) ?? 0;
    // TUEL art. 71 c. 9 and art. 73 c. 11: a defeated candidate whose group won a seat takes
    // one of the group's seats first. Which list gives it up is not spelled out ("detratto dai
    // seggi complessivamente attribuiti al gruppo"): sharing one seat fewer among the lists by
    // D'Hondt takes it from the list that would win the group's last seat, the one with the
    // smallest last quotient (D'Hondt is house-monotone). Bergamo 2019 bears this out; see
    // test/unit/seats-real-elections.test.ts.
    if (rules.defeatedCandidatesTakeSeat && c !== winner && toLists > 0) {
      councillorsFromCandidates.push(c.candidateId);
      toLists -= 1;
    }
    const weights = c.lists.map((l) => ({ id: l.id, votes: admitted.get(l.id) ? l.votes : 0 }));
    // Only a count that contradicts itself gets here with seats but no list votes (up to
    // 15,000 a candidate's votes are its list's votes, art. 71 c. 5): the seats still belong
    // to the coalition's lists (art. 71 c. 8), shared as if each list had one vote.
    const fallback = toLists > 0 && weights.every((w) => w.votes === 0);
    const result = dhondt(fallback ? weights.map((w) => ({ ...w, votes: 1 })) : weights, toLists);
    tiedByLot.push(...result.tiedByLot);
    for (const [id, n] of Object.entries(result.seats)) listSeats.set(id, n);
  }

  return {
    outcome: 'allocated',
    rules: rules.id,
    mayor: {
      candidateId: winner.candidateId,
      votes: winner.candidateVotes,
      percent: percent(winner.candidateVotes, totalCandidateVotes),
    },
    runoff: null,
    coalitions: coalitions.map((c) => ({
      candidateId: c.candidateId,
      votes: c.votes,
      percent: percent(c.votes, totalListVotes),
      seats: coalitionSeats.get(c.candidateId) ?? 0,
      majorityBonus: bonusGiven && c === winner,
    })),
    lists: input.lists.map((l) => {
      const votes = input.listVotes[l.id] ?? 0;
      return {
        listId: l.id,
        candidateId: l.candidateId,
        votes,
        percent: percent(votes, totalListVotes),
        seats: listSeats.get(l.id) ?? 0,
        belowThreshold: admitted.get(l.id) === false,
      };
    }),
    councillorsFromCandidates,
    tiedByLot: [...new Set(tiedByLot)],
  };
}
