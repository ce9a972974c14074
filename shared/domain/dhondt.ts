/**
 * The D'Hondt highest-averages method, as the Italian municipal electoral law spells it out
 * (TUEL, d.lgs. 267/2000, art. 71 c. 8 and art. 73 c. 8): each party's votes are divided by
 * 1, 2, 3, ... and the seats go to the highest quotients; "a parità di quoziente, nelle cifre
 * intere e decimali, il posto è attribuito alla lista che ha ottenuto la maggiore cifra
 * elettorale e, a parità di quest'ultima, per sorteggio".
 *
 * Pure and exact: quotients are compared by cross-multiplication of integers, never as
 * floating-point numbers, so 2/3 and 4/6 are equal and 1/3 is never "slightly" more than 2/6.
 */

/** A contender in a D'Hondt allocation: a list, or a coalition of lists. */
export interface Party {
  /** Unique among the parties of one allocation; also the order of the lot (see {@link dhondt}). */
  id: string;
  /** Valid votes: a non-negative integer. */
  votes: number;
}

/** The outcome of a D'Hondt allocation. */
export interface DhondtResult {
  /** Seats per party id; every party of the input is present, with 0 when it won nothing. */
  seats: Record<string, number>;
  /**
   * Ids whose last seat was decided by lot (a tie of quotient AND total votes across the last
   * seat awarded): the parties that won and the parties that lost that draw. Empty otherwise.
   */
  tiedByLot: string[];
}

/** Sign of a/b − c/d for non-negative integers a, c and positive integers b, d, exactly. */
function compareFractions(a: number, b: number, c: number, d: number): number {
  const left = a * d;
  const right = c * b;
  if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) return Math.sign(left - right);
  const exact = BigInt(a) * BigInt(d) - BigInt(c) * BigInt(b);
  return exact > 0n ? 1 : exact < 0n ? -1 : 0;
}

/** Code-unit order of ids: deterministic and independent of the locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Which of two quotients (votes / divisor) ranks first: the higher quotient; on a tie of
 * quotient the higher total votes (TUEL art. 73 c. 8, art. 71 c. 8); on a tie of both, the
 * lot, played here deterministically as the ascending id. Negative when `a` ranks first.
 */
function rankQuotients(a: { party: Party; divisor: number }, b: { party: Party; divisor: number }): number {
  const byQuotient = compareFractions(b.party.votes, b.divisor, a.party.votes, a.divisor);
  if (byQuotient !== 0) return byQuotient;
  if (a.party.votes !== b.party.votes) return b.party.votes - a.party.votes;
  return compareIds(a.party.id, b.party.id);
}

/**
 * D'Hondt: quotients votes/1, votes/2, ...; highest quotients win; a tie of quotients goes to
 * the higher total votes, then by lot (here: deterministic, by id order, reported in
 * tiedByLot). Parties with 0 votes get 0 seats.
 *
 * When no party has votes, nobody gets a seat (the seats cannot be shared out), so the seats
 * awarded sum to `seats` only when some party has votes. The result does not depend on the
 * order of `parties`.
 *
 * @param parties the contenders; ids must be unique, votes non-negative integers.
 * @param seats the seats to award, a non-negative integer.
 * @throws RangeError on a duplicate id, a negative or fractional vote count or seat count.
 */
export function dhondt(parties: readonly Party[], seats: number): DhondtResult {
  if (!Number.isSafeInteger(seats) || seats < 0) {
    throw new RangeError(`seats must be a non-negative integer, got ${seats}`);
  }
  const seen = new Set<string>();
  for (const party of parties) {
    if (seen.has(party.id)) throw new RangeError(`duplicate party id "${party.id}"`);
    seen.add(party.id);
    if (!Number.isSafeInteger(party.votes) || party.votes < 0) {
      throw new RangeError(`votes of "${party.id}" must be a non-negative integer, got ${party.votes}`);
    }
  }

  const won = new Map<string, number>(parties.map((p) => [p.id, 0]));
  const contenders = parties.filter((p) => p.votes > 0);
  /** The next quotient each contender would be awarded a seat with. */
  const next = (party: Party) => ({ party, divisor: (won.get(party.id) ?? 0) + 1 });
  const best = () =>
    contenders
      .map(next)
      .reduce<ReturnType<typeof next> | undefined>(
        (top, candidate) => (top === undefined || rankQuotients(candidate, top) < 0 ? candidate : top),
        undefined,
      );

  let last: ReturnType<typeof next> | undefined;
  for (let seat = 0; seat < seats; seat++) {
    const winner = best();
    if (winner === undefined) break;
    won.set(winner.party.id, winner.divisor);
    last = winner;
  }

  // A lot decided the last seat when the best unawarded quotient equals the last awarded one
  // in quotient and in total votes (equal votes and quotient imply the same divisor).
  const tiedByLot: string[] = [];
  const runnerUp = last === undefined ? undefined : best();
  if (last !== undefined && runnerUp !== undefined) {
    const boundary = last;
    const tied = (party: Party, divisor: number) =>
      party.votes === boundary.party.votes &&
      compareFractions(party.votes, divisor, boundary.party.votes, boundary.divisor) === 0;
    if (tied(runnerUp.party, runnerUp.divisor)) {
      for (const party of contenders) {
        const seatsWon = won.get(party.id) ?? 0;
        if ((seatsWon > 0 && tied(party, seatsWon)) || tied(party, seatsWon + 1)) tiedByLot.push(party.id);
      }
      tiedByLot.sort(compareIds);
    }
  }

  return { seats: Object.fromEntries(won), tiedByLot };
}
