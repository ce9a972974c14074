/**
 * The council of a municipality over 15,000 inhabitants whose mayor was elected at the run-off
 * (ballottaggio): TUEL (d.lgs. 267/2000) art. 73 cc. 7-11 read with art. 72 cc. 7 and 9, from
 * the FIRST round's list votes and the run-off's outcome. Pure; seats.ts does the first round.
 *
 * What the law and the courts say, as encoded below (sources beside each rule):
 * - The groups that share the seats are those of the round that elected the mayor: the
 *   admitted pair's lists of the first round plus the lists that joined them for the run-off
 *   (apparentamento, art. 72 c. 7), "considerate come un unico nuovo gruppo" (Cons. Stato V
 *   n. 1269/2011; TAR Marche II n. 794/2024). A defeated first-round candidate's lists that did
 *   not join either side stay a group of their own.
 * - The winner's group gets 60% of the seats, rounded up, unless D'Hondt already gave it that
 *   many, and unless another group of lists linked at the first round passed 50% of the valid
 *   votes at the first round (the "anatra zoppa": then D'Hondt stands). Unlike the first round,
 *   no 40% is required (art. 73 c. 10, second sentence).
 * - Each defeated mayoral candidate of the first round, admitted to the run-off or not, whose
 *   own first-round lists won a seat, takes one of those lists' seats (art. 73 c. 11, following
 *   the first round's links: Cons. Stato V n. 5065/2011, n. 6123/2008, n. 2519/2001; TAR Marche
 *   II n. 794/2024), even when those lists sit in the winner's group.
 *
 * Up to 15,000 inhabitants (a run-off after a tie, art. 71 c. 6) the council is art. 71's with the
 * run-off's winner. Out of scope: which council candidates fill a list's seats (preferences).
 */
import { dhondt, type Party } from './dhondt.js';
import { percent } from './percent.js';
import { comparePercent, shareOfSeats } from './seat-arithmetic.js';
import { rulesFor, type SeatRules } from './seat-rules.js';
import { allocateSeats, type SeatAllocation, type SeatInput } from './seats.js';

/** The run-off round, as its definition and count give it. */
export interface RunoffRound {
  /** The two candidates admitted (first-round ids), the higher ranked at the first round first. */
  candidateIds: readonly [string, string];
  /**
   * Every list linked to one of the two at the run-off, with the candidate it is linked to:
   * the first round's links, which stay (art. 72 c. 7), plus any apparentamento, i.e. a list of
   * a candidate not admitted that declared its link to one of the two. Ids are first-round list
   * ids; a definition's `lists` can be passed as they are.
   */
  lists: readonly { id: string; candidateId: string }[];
  /** Valid votes per admitted candidate at the run-off; a missing id counts 0. */
  candidateVotes: Record<string, number>;
  /**
   * The elder of the two, who is elected on a tie of votes and of the groups' first-round
   * votes (art. 72 c. 9). Without it, the first of `candidateIds` stands in (the definition does
   * not hold the candidates' age).
   */
  elderCandidateId?: string;
}

/** A group of lists that shares the seats (art. 73 c. 8 at the run-off). */
export interface RunoffGroup {
  /**
   * The candidate it is linked to: one of the admitted pair (its first-round lists plus the
   * apparentamento lists), or a candidate not admitted (his lists that linked to neither).
   */
  candidateId: string;
  listIds: string[];
  /** First-round votes of its lists admitted by the threshold (its cifra elettorale). */
  votes: number;
  /** Seats of the group, the defeated candidates' own seats included. */
  seats: number;
  majorityBonus: boolean;
}

/**
 * The council after a run-off, in the first round's {@link SeatAllocation} shape (so a reader
 * of the first round's seats reads it unchanged) plus what only a run-off has.
 *
 * Inherited fields, as they read here:
 * - `mayor`: the candidate elected at the run-off, with the run-off's votes and percent.
 * - `coalitions`: every FIRST-ROUND candidate, in input order, with the seats of his own
 *   first-round lists plus his own seat if he takes one; `votes` and `percent` as at the first
 *   round. A coalition whose lists joined the winner counts its seats here, not under the
 *   winner; `majorityBonus` is true for every coalition with a list in the winner's group when
 *   the bonus was given. They sum to `councilSeats`.
 * - `lists`: every first-round list, `candidateId` its FIRST-ROUND candidate; `belowThreshold`
 *   as in {@link SeatAllocation}.
 */
export interface RunoffSeatAllocation extends SeatAllocation {
  round: 'runoff';
  /** The groups that shared the seats: the winner's, the loser's, then the others in input order. */
  groups: RunoffGroup[];
  /**
   * The first-round candidate whose group of lists passed 50% of the valid votes at the first
   * round, which withholds the bonus (art. 73 c. 10, second sentence); null otherwise.
   */
  bonusWithheldBy: string | null;
}

function checkCount(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  }
  return value;
}

/** The run-off's links per list, checked against the first round. */
function runoffLinks(first: SeatInput, round: RunoffRound): Map<string, string> {
  const [a, b] = round.candidateIds;
  const candidateIds = new Set(first.candidates.map((c) => c.id));
  if (a === b || !candidateIds.has(a) || !candidateIds.has(b)) {
    throw new RangeError(`the run-off needs two different first-round candidates, got "${a}" and "${b}"`);
  }
  const firstLink = new Map(first.lists.map((l) => [l.id, l.candidateId]));
  const links = new Map<string, string>();
  for (const l of round.lists) {
    if (links.has(l.id)) throw new RangeError(`duplicate run-off list "${l.id}"`);
    if (!firstLink.has(l.id)) throw new RangeError(`run-off list "${l.id}" did not run at the first round`);
    if (l.candidateId !== a && l.candidateId !== b) {
      throw new RangeError(
        `run-off list "${l.id}" is linked to "${l.candidateId}", who is not in the run-off`,
      );
    }
    links.set(l.id, l.candidateId);
  }
  // TUEL art. 72 c. 7: "restano fermi i collegamenti con le liste per l'elezione del consiglio
  // comunale dichiarati al primo turno": an admitted candidate's lists stay his.
  for (const [listId, candidateId] of firstLink) {
    if ((candidateId === a || candidateId === b) && links.get(listId) !== candidateId) {
      throw new RangeError(`list "${listId}" must stay linked to "${candidateId}" at the run-off`);
    }
  }
  checkCount(round.candidateVotes[a] ?? 0, `run-off votes of "${a}"`);
  checkCount(round.candidateVotes[b] ?? 0, `run-off votes of "${b}"`);
  return links;
}

/** Share `seats` among `lists` by D'Hondt, into `into`; ties by lot into `tiedByLot`. */
function shareAmongLists(
  lists: readonly Party[],
  seats: number,
  into: Map<string, number>,
  tiedByLot: string[],
): void {
  // A group that holds seats has admitted votes (D'Hondt gives none to a group without), so
  // some list of it has votes.
  const result = dhondt(lists, seats);
  tiedByLot.push(...result.tiedByLot);
  for (const [id, n] of Object.entries(result.seats)) into.set(id, n);
}

/**
 * Which of a defeated candidate's seated lists gives up his seat (art. 73 c. 11, "detratto dai
 * seggi complessivamente attribuiti al gruppo di liste collegate"): the one whose last seat
 * has the smallest quotient (votes / seats), i.e. the seat D'Hondt awarded last among them;
 * on equal quotients the list with fewer votes (it ranked after), then the later id in the
 * lot's order (see dhondt.ts). When all the lists are in one group this is exactly D'Hondt
 * with one seat fewer, as seats.ts does at the first round (D'Hondt is house-monotone and
 * consistent). Returns the list and whether a lot decided it.
 */
function listGivingUpSeat(
  lists: readonly { id: string; votes: number; seats: number }[],
): { id: string; byLot: boolean } | undefined {
  const seated = lists.filter((l) => l.seats > 0);
  // Negative when `x` was awarded its last seat AFTER `y` (so `x` gives it up first).
  const later = (x: (typeof seated)[number], y: (typeof seated)[number]) => {
    const byQuotient = Math.sign(x.votes * y.seats - y.votes * x.seats);
    if (byQuotient !== 0) return byQuotient;
    if (x.votes !== y.votes) return x.votes - y.votes;
    return x.id > y.id ? -1 : x.id < y.id ? 1 : 0;
  };
  const sorted = [...seated].sort(later);
  const [last, next] = sorted;
  if (last === undefined) return undefined;
  const byLot =
    next !== undefined && last.votes === next.votes && last.votes * next.seats === next.votes * last.seats;
  return { id: last.id, byLot };
}

/**
 * Up to 15,000 inhabitants a run-off follows only a tie at the top (TUEL art. 71 c. 6), with no
 * apparentamento (art. 71 has none: one list per candidate), and the council depends on nothing
 * but who was elected: two thirds to his list, the rest by D'Hondt among the others, each
 * defeated candidate whose list won a seat taking its first one (art. 71 cc. 8-9). So it is the
 * first round's allocation by seats.ts with the run-off's winner ranked first; only the mayor's
 * figures are the run-off's.
 */
function councilAfterTie(
  first: SeatInput,
  rules: SeatRules,
  links: ReadonlyMap<string, string>,
  mayor: string,
  mayorFigures: SeatAllocation['mayor'],
): RunoffSeatAllocation {
  for (const [listId, candidateId] of links) {
    if (first.lists.find((l) => l.id === listId)?.candidateId !== candidateId) {
      throw new RangeError(
        `list "${listId}" cannot be linked to "${candidateId}": art. 71 has no apparentamento`,
      );
    }
  }
  const top = Math.max(...first.candidates.map((c) => first.candidateVotes[c.id] ?? 0));
  const ranked: SeatInput = { ...first, candidateVotes: { ...first.candidateVotes, [mayor]: top + 1 } };
  const outcome = allocateSeats(ranked, rules);
  // The first round had votes (else no run-off), so the allocation exists and elects `mayor`.
  if (outcome?.outcome !== 'allocated' || outcome.mayor.candidateId !== mayor) {
    throw new Error('the first round cannot be allocated with the run-off winner first');
  }
  return {
    ...outcome,
    round: 'runoff',
    mayor: mayorFigures,
    groups: first.candidates.map((c) => ({
      candidateId: c.id,
      listIds: first.lists.filter((l) => l.candidateId === c.id).map((l) => l.id),
      votes: outcome.coalitions.find((x) => x.candidateId === c.id)?.votes ?? 0,
      seats: outcome.coalitions.find((x) => x.candidateId === c.id)?.seats ?? 0,
      majorityBonus: false,
    })),
    bonusWithheldBy: null,
  };
}

/**
 * The council after a run-off (TUEL art. 73 cc. 7-11), from the first round's count and the
 * run-off's links and votes.
 *
 * Returns `null` while nothing can be allocated: no run-off votes yet, or the first round has
 * no mayoral or list votes (or every list is below the threshold).
 *
 * @param first the first round's count, exactly as {@link allocateSeats} takes it.
 * @param round the run-off: the admitted pair, its lists (first-round links plus apparentamento)
 *   and its votes.
 * @param rules defaults to {@link rulesFor}(first.population). With art. 71 rules (up to
 *   15,000 inhabitants, a run-off after a tie) the council is art. 71's, see {@link councilAfterTie}.
 * @throws RangeError on inconsistent input: anything {@link allocateSeats} refuses, a first
 *   round that elected its mayor, a pair that is not two first-round candidates, a run-off list
 *   unknown to the first round or linked outside the pair, an admitted candidate's first-round
 *   list not linked to him at the run-off, a negative or fractional vote count, or an
 *   apparentamento under art. 71 rules.
 */
export function allocateRunoffSeats(
  first: SeatInput,
  round: RunoffRound,
  rules: SeatRules = rulesFor(first.population),
): RunoffSeatAllocation | null {
  const council = rules.council;
  // Validates the first round as seats.ts does, and tells whether it elected a mayor.
  const firstOutcome = allocateSeats(first, rules);
  if (firstOutcome === null) return null;
  if (firstOutcome.outcome !== 'runoff') throw new RangeError('the first round elected a mayor: no run-off');
  const links = runoffLinks(first, round);

  // --- The mayor (TUEL art. 72 c. 9) ------------------------------------------------------
  const listVotes = (id: string) => first.listVotes[id] ?? 0;
  const [a, b] = round.candidateIds;
  const votesA = round.candidateVotes[a] ?? 0;
  const votesB = round.candidateVotes[b] ?? 0;
  if (votesA + votesB === 0) return null;
  const groupCifra = (candidateId: string) =>
    [...links].reduce((sum, [listId, c]) => sum + (c === candidateId ? listVotes(listId) : 0), 0);
  // "È proclamato eletto sindaco il candidato che ha ottenuto il maggior numero di voti validi";
  // on a tie, the one linked (with the apparentamento lists, "ai sensi del comma 7") to the
  // group with the larger cifra elettorale; on a further tie, the elder.
  const elder = round.elderCandidateId === b ? b : a;
  const mayor =
    votesA !== votesB
      ? votesA > votesB
        ? a
        : b
      : groupCifra(a) !== groupCifra(b)
        ? groupCifra(a) > groupCifra(b)
          ? a
          : b
        : elder;
  const loser = mayor === a ? b : a;
  const mayorVotes = mayor === a ? votesA : votesB;
  if (council.method === 'majority-share') {
    return councilAfterTie(first, rules, links, mayor, {
      candidateId: mayor,
      votes: mayorVotes,
      percent: percent(mayorVotes, votesA + votesB),
    });
  }

  // --- The groups that share the seats (art. 73 c. 8 at the round that elected the mayor) ----
  const groupOf = (listId: string, firstCandidate: string) => links.get(listId) ?? firstCandidate;
  const groupIds = [
    mayor,
    loser,
    ...first.candidates.map((c) => c.id).filter((id) => id !== mayor && id !== loser),
  ];
  const members = new Map<string, string[]>(groupIds.map((id) => [id, []]));
  for (const l of first.lists) members.get(groupOf(l.id, l.candidateId))?.push(l.id);

  // --- Threshold (art. 73 c. 7) ------------------------------------------------------------
  // "Non sono ammesse all'assegnazione dei seggi quelle liste che abbiano ottenuto al primo
  // turno meno del 3 per cento dei voti validi e che non appartengano a nessun gruppo di liste
  // che abbia superato tale soglia." Read literally ("nessun gruppo"): a list under 3% is
  // admitted if its first-round group OR its run-off group passed 3% at the first round. The
  // base is the first round's valid mayoral votes, as in seats.ts (Cons. Stato V n. 802/2012).
  const totalCandidateVotes = first.candidates.reduce((sum, c) => sum + (first.candidateVotes[c.id] ?? 0), 0);
  const totalListVotes = first.lists.reduce((sum, l) => sum + listVotes(l.id), 0);
  const base = council.percentBase === 'candidate-votes' ? totalCandidateVotes : totalListVotes;
  const firstGroupVotes = (candidateId: string) =>
    first.lists.reduce((sum, l) => sum + (l.candidateId === candidateId ? listVotes(l.id) : 0), 0);
  const runoffGroupVotes = (groupId: string) =>
    (members.get(groupId) ?? []).reduce((sum, id) => sum + listVotes(id), 0);
  const over = (votes: number, pct: number) => comparePercent(votes, base, pct) > 0;
  const admitted = new Map<string, boolean>();
  for (const l of first.lists) {
    admitted.set(
      l.id,
      comparePercent(listVotes(l.id), base, council.thresholdPercent) >= 0 ||
        over(firstGroupVotes(l.candidateId), council.thresholdPercent) ||
        over(runoffGroupVotes(groupOf(l.id, l.candidateId)), council.thresholdPercent),
    );
  }
  const cifra = (groupId: string) =>
    (members.get(groupId) ?? []).reduce((sum, id) => sum + (admitted.get(id) ? listVotes(id) : 0), 0);
  const contenders: Party[] = groupIds.map((id) => ({ id, votes: cifra(id) }));
  if (!contenders.some((c) => c.votes > 0)) return null;

  // --- Seats per group (art. 73 cc. 8 and 10) ----------------------------------------------
  const seats = first.councilSeats;
  const tiedByLot: string[] = [];
  const groupSeats = new Map<string, number>();
  const award = (parties: Party[], n: number) => {
    const result = dhondt(parties, n);
    tiedByLot.push(...result.tiedByLot);
    for (const [id, s] of Object.entries(result.seats)) groupSeats.set(id, s);
  };
  award(contenders, seats);

  // TUEL art. 73 c. 10, second sentence: "Qualora un candidato alla carica di sindaco sia
  // proclamato eletto al secondo turno, alla lista o al gruppo di liste ad esso collegate che
  // non abbia già conseguito, ai sensi del comma 8, almeno il 60 per cento dei seggi del
  // consiglio, viene assegnato il 60 per cento dei seggi, sempreché nessuna altra lista o altro
  // gruppo di liste collegate al primo turno abbia già superato nel turno medesimo il 50 per
  // cento dei voti validi." No 40% condition, unlike the first sentence. "Altro gruppo ...
  // collegate al primo turno": the first round's groups other than the mayor's own, with all
  // their lists' votes (as seats.ts does), on the first round's valid votes (the Ministry's
  // reading reported for Civitavecchia 2019, see docs/domain.md).
  const majorityHolder = first.candidates.find(
    (c) =>
      c.id !== mayor && comparePercent(firstGroupVotes(c.id), base, council.bonus.noOtherAbovePercent) > 0,
  );
  // The 60% is a minimum, rounded up (Cons. Stato V n. 1197/2012, circolare Min. Interno
  // n. 8/2012), as at the first round.
  const bonusSeats = Math.min(seats, shareOfSeats(council.bonus.seatShare, seats, council.bonus.rounding));
  let bonusGiven = false;
  // Seats go to lists by their votes (c. 9): a mayor whose group has no admitted list votes (its
  // lists all under the threshold, or with none at the first round) has no list to seat, so no
  // bonus can be given to it, and the council is the groups' own D'Hondt.
  const mayorGroupVotes = contenders.find((c) => c.id === mayor)?.votes ?? 0;
  if (majorityHolder === undefined && mayorGroupVotes > 0 && (groupSeats.get(mayor) ?? 0) < bonusSeats) {
    // "I restanti seggi vengono assegnati alle altre liste o gruppi di liste collegate ai sensi
    // del comma 8": D'Hondt among the other groups.
    tiedByLot.length = 0;
    const others = contenders.filter((c) => c.id !== mayor);
    const shared = others.some((c) => c.votes > 0);
    award(others, shared ? seats - bonusSeats : 0);
    groupSeats.set(mayor, shared ? bonusSeats : seats);
    bonusGiven = true;
  }

  // --- Seats per list within each group (art. 73 c. 9) -------------------------------------
  const listSeats = new Map<string, number>();
  for (const groupId of groupIds) {
    const lists = (members.get(groupId) ?? []).map((id) => ({
      id,
      votes: admitted.get(id) ? listVotes(id) : 0,
    }));
    shareAmongLists(lists, groupSeats.get(groupId) ?? 0, listSeats, tiedByLot);
  }

  // --- Defeated candidates (art. 73 c. 11) -------------------------------------------------
  // "Sono in primo luogo proclamati eletti alla carica di consigliere i candidati alla carica di
  // sindaco, non risultati eletti, collegati a ciascuna lista che abbia ottenuto almeno un
  // seggio": every defeated candidate of the first round, admitted to the run-off or not, whose
  // lists OF THE FIRST ROUND won a seat, and the seat comes from those lists (Cons. Stato V
  // n. 5065/2011; TAR Marche II n. 794/2024: "a carico della propria lista (o gruppo di liste) a
  // lui collegate nel primo turno", also when the original coalition split up).
  const councillorsFromCandidates: string[] = [];
  for (const c of first.candidates) {
    if (c.id === mayor) continue;
    const own = first.lists
      .filter((l) => l.candidateId === c.id)
      .map((l) => ({ id: l.id, votes: listVotes(l.id), seats: listSeats.get(l.id) ?? 0 }));
    const giving = listGivingUpSeat(own);
    if (giving === undefined) continue;
    councillorsFromCandidates.push(c.id);
    listSeats.set(giving.id, (listSeats.get(giving.id) ?? 0) - 1);
    if (giving.byLot) tiedByLot.push(giving.id);
  }

  // --- The result, in the first round's shape ----------------------------------------------
  const inWinnerGroup = new Set(members.get(mayor) ?? []);
  return {
    outcome: 'allocated',
    round: 'runoff',
    rules: rules.id,
    mayor: { candidateId: mayor, votes: mayorVotes, percent: percent(mayorVotes, votesA + votesB) },
    runoff: null,
    coalitions: first.candidates.map((c) => {
      const own = first.lists.filter((l) => l.candidateId === c.id);
      return {
        candidateId: c.id,
        votes: firstGroupVotes(c.id),
        percent: percent(firstGroupVotes(c.id), totalListVotes),
        seats:
          own.reduce((sum, l) => sum + (listSeats.get(l.id) ?? 0), 0) +
          (councillorsFromCandidates.includes(c.id) ? 1 : 0),
        majorityBonus: bonusGiven && own.some((l) => inWinnerGroup.has(l.id)),
      };
    }),
    lists: first.lists.map((l) => ({
      listId: l.id,
      candidateId: l.candidateId,
      votes: listVotes(l.id),
      percent: percent(listVotes(l.id), totalListVotes),
      seats: listSeats.get(l.id) ?? 0,
      belowThreshold: admitted.get(l.id) === false,
    })),
    councillorsFromCandidates,
    tiedByLot: [...new Set(tiedByLot)],
    groups: groupIds
      .filter((id) => id === mayor || id === loser || (members.get(id) ?? []).length > 0)
      .map((id) => ({
        candidateId: id,
        listIds: members.get(id) ?? [],
        votes: cifra(id),
        seats: groupSeats.get(id) ?? 0,
        majorityBonus: bonusGiven && id === mayor,
      })),
    bonusWithheldBy: majorityHolder?.id ?? null,
  };
}
