/**
 * The electoral rules of Italian municipal councils as DATA ({@link SeatRules}), so a
 * special-statute region (Sicily, Sardinia, Trentino-Alto Adige, Friuli Venezia Giulia, Valle
 * d'Aosta) can be added as another entry rather than as another branch. The two
 * ordinary-statute rule sets are {@link ITALIAN_MUNICIPAL_RULES}: TUEL (d.lgs. 18 agosto 2000,
 * n. 267) art. 71 up to 15,000 inhabitants and arts. 72-73 above. seats.ts applies them.
 */

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
