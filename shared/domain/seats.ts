/**
 * Council seats of an Italian municipal election, from the count of the first round.
 *
 * The rules are DATA ({@link SeatRules}), so a special-statute region (Sicily, Sardinia,
 * Trentino-Alto Adige, Friuli Venezia Giulia, Valle d'Aosta) can be added as another entry
 * rather than as another branch. The two ordinary-statute rule sets are
 * {@link ITALIAN_MUNICIPAL_RULES}: TUEL (d.lgs. 18 agosto 2000, n. 267) art. 71 up to 15,000
 * inhabitants and arts. 72-73 above.
 *
 * Out of scope: the council after a run-off (art. 73 c. 10 second sentence, with the
 * apparentamenti of art. 72 c. 7), the quorum of a single-list election (art. 71 c. 10), and
 * the choice of the councillors inside each list (preferences, art. 71 c. 9 / art. 73 c. 11).
 */
import { dhondt, type Party } from './dhondt.js';
import { percent } from './percent.js';

/**
 * How a share of seats becomes a whole number of seats.
 * - `above-half`: rounded up only when the decimal part exceeds 0.50, otherwise down
 *   ("con arrotondamento all'unità superiore qualora il numero dei consiglieri da assegnare
 *   alla lista contenga una cifra decimale superiore a 50 centesimi", TUEL art. 71 c. 8).
 * - `up`: any decimal part rounds up, the share being a minimum (the reading of art. 73 c. 10
 *   by Consiglio di Stato, sez. V, 1 March 2012 n. 1197, adopted by the Ministry of the
 *   Interior's circular n. 8/2012).
 */
export type SeatRounding = 'above-half' | 'up';

/**
 * What the percentages of a coalition rule are computed on.
 * - `candidate-votes`: the valid votes for all mayoral candidates (Consiglio di Stato, sez. V,
 *   n. 3021/2010 and n. 802/2012, recalled by the Ministry of the Interior's circular
 *   n. 8/2012: the 40% and 50% of art. 73 c. 10 are "rapportate ai voti complessivamente
 *   espressi con riguardo ai candidati sindaci e non già ai soli voti di lista").
 * - `list-votes`: the valid votes for all lists.
 */
export type PercentBase = 'candidate-votes' | 'list-votes';

/** One electoral rule set: who is mayor, how the council seats are shared. Plain data. */
export interface SeatRules {
  /** Stable id, e.g. `tuel-71`, `tuel-73`. */
  id: string;
  /** The legal citation the rule set encodes. */
  source: string;
  /** Largest population the rules apply to (15,000 for art. 71); undefined = no upper bound. */
  appliesUpToPopulation?: number;
  /**
   * `plurality`: most votes; a tie goes to a run-off of the tied top two.
   * `absolute-majority`: over 50% of the valid mayoral votes, else a run-off of the top two.
   */
  mayor: { winsWith: 'plurality' | 'absolute-majority' };
  /**
   * `majority-share` (art. 71): the winner's coalition takes `winnerShare` of the seats
   * (rounded by `rounding`), the rest go by D'Hondt to the other coalitions.
   * `coalition-dhondt` (art. 73): lists under `thresholdPercent` are excluded unless their
   * coalition passed it; D'Hondt among coalitions, then within each; a majority bonus of
   * `bonus.seatShare` to the winner's coalition under the bonus conditions.
   */
  council:
    | { method: 'majority-share'; winnerShare: number; rounding: SeatRounding }
    | {
        method: 'coalition-dhondt';
        thresholdPercent: number;
        percentBase: PercentBase;
        bonus: {
          seatShare: number;
          minVotesPercent: number;
          noOtherAbovePercent: number;
          rounding: SeatRounding;
        };
      };
  /** Whether each defeated mayoral candidate whose coalition won a seat takes one of its seats. */
  defeatedCandidatesTakeSeat: boolean;
}

/** The ordinary-statute rules: [TUEL art. 71 (up to 15,000 inhabitants), TUEL arts. 72-73]. */
export const ITALIAN_MUNICIPAL_RULES: readonly SeatRules[] = Object.freeze([
  Object.freeze<SeatRules>({
    id: 'tuel-71',
    source: 'D.lgs. 267/2000 (TUEL) art. 71: comuni sino a 15.000 abitanti',
    // TUEL art. 71 c. 1: "nei comuni con popolazione sino a 15.000 abitanti".
    appliesUpToPopulation: 15_000,
    // TUEL art. 71 c. 6: elected with the most votes; "in caso di parità di voti si procede
    // ad un turno di ballottaggio fra i due candidati che hanno ottenuto il maggior numero di voti".
    mayor: Object.freeze({ winsWith: 'plurality' as const }),
    // TUEL art. 71 c. 8: two thirds of the seats to the winner's list, rounded up only above
    // .50; "i restanti seggi sono ripartiti proporzionalmente fra le altre liste" by D'Hondt.
    council: Object.freeze({
      method: 'majority-share' as const,
      winnerShare: 2 / 3,
      rounding: 'above-half' as const,
    }),
    // TUEL art. 71 c. 9: "il primo seggio spettante a ciascuna lista di minoranza è attribuito
    // al candidato alla carica di sindaco della lista medesima".
    defeatedCandidatesTakeSeat: true,
  }),
  Object.freeze<SeatRules>({
    id: 'tuel-73',
    source:
      'D.lgs. 267/2000 (TUEL) arts. 72-73: comuni con popolazione superiore a 15.000 abitanti; ' +
      'Cons. Stato V n. 3021/2010, n. 802/2012, n. 1197/2012; circolare Min. Interno n. 8/2012',
    appliesUpToPopulation: undefined,
    // TUEL art. 72 c. 4-5: elected with "la maggioranza assoluta dei voti validi", else a
    // run-off between the two candidates with the most votes.
    mayor: Object.freeze({ winsWith: 'absolute-majority' as const }),
    council: Object.freeze({
      method: 'coalition-dhondt' as const,
      // TUEL art. 73 c. 7: lists under 3% excluded unless their group passed 3%.
      thresholdPercent: 3,
      // Percentages on the mayoral valid votes: Cons. Stato V n. 802/2012 (see PercentBase).
      percentBase: 'candidate-votes' as const,
      // TUEL art. 73 c. 10: 60% of the seats to the winner's group if it has not already 60%,
      // has at least 40% of the valid votes and no other group passed 50%; the 60% rounded up
      // (Cons. Stato V n. 1197/2012, circolare Min. Interno n. 8/2012).
      bonus: Object.freeze({
        seatShare: 0.6,
        minVotesPercent: 40,
        noOtherAbovePercent: 50,
        rounding: 'up' as const,
      }),
    }),
    // TUEL art. 73 c. 11: defeated mayoral candidates of groups with at least one seat are
    // elected first; the seat "è detratto dai seggi complessivamente attribuiti al gruppo".
    defeatedCandidatesTakeSeat: true,
  }),
]);

/**
 * The rule set for a municipality of `population` inhabitants: among the rules whose
 * `appliesUpToPopulation` is undefined or not below the population, the one with the smallest
 * bound (15,000 is art. 71, 15,001 is art. 73: TUEL art. 71 c. 1 "sino a 15.000 abitanti").
 *
 * @throws RangeError when the population is not a positive integer or no rule set applies.
 */
export function rulesFor(
  population: number,
  rules: readonly SeatRules[] = ITALIAN_MUNICIPAL_RULES,
): SeatRules {
  if (!Number.isSafeInteger(population) || population <= 0) {
    throw new RangeError(`population must be a positive integer, got ${population}`);
  }
  const bound = (r: SeatRules) => r.appliesUpToPopulation ?? Number.POSITIVE_INFINITY;
  const applicable = rules.filter((r) => population <= bound(r));
  const chosen = applicable.reduce<SeatRules | undefined>(
    (best, r) => (best === undefined || bound(r) < bound(best) ? r : best),
    undefined,
  );
  if (chosen === undefined) throw new RangeError(`no seat rules apply to a population of ${population}`);
  return chosen;
}

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

/** p/q with small integers, recovered exactly from a share such as 2/3 or 0.6. */
function toFraction(value: number, what: string): { p: number; q: number } {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${what} must be a non-negative number`);
  // Continued fractions: 0.6666666666666666 -> 2/3, 0.6 -> 3/5, 3 -> 3/1.
  let [h0, h1, k0, k1] = [0, 1, 1, 0];
  let x = value;
  for (let i = 0; i < 32; i++) {
    const a = Math.floor(x);
    [h0, h1] = [h1, a * h1 + h0];
    [k0, k1] = [k1, a * k1 + k0];
    if (Math.abs(h1 / k1 - value) <= 1e-12 * Math.max(1, value) || x === a) break;
    x = 1 / (x - a);
  }
  if (k1 > 1_000_000) throw new RangeError(`${what} is not a simple fraction: ${value}`);
  return { p: h1, q: k1 };
}

/** `share` of `seats` as whole seats, rounded as the rules say. Exact integer arithmetic. */
function shareOfSeats(share: number, seats: number, rounding: SeatRounding): number {
  const { p, q } = toFraction(share, 'a seat share');
  const product = p * seats;
  const remainder = product % q;
  const floor = (product - remainder) / q;
  if (rounding === 'up') return remainder > 0 ? floor + 1 : floor;
  return 2 * remainder > q ? floor + 1 : floor;
}

/** Sign of votes/base − pct/100, exactly (base > 0). */
function comparePercent(votes: number, base: number, pct: number): number {
  const { p, q } = toFraction(pct, 'a percentage');
  const diff = BigInt(votes) * 100n * BigInt(q) - BigInt(p) * BigInt(base);
  return diff > 0n ? 1 : diff < 0n ? -1 : 0;
}

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
