/**
 * The exact arithmetic of seat rules: shares such as 2/3 or 60% as integer fractions, so no
 * rounding of floating point ever decides a seat.
 */
import type { SeatRounding } from './seat-rules.js';

/** p/q with small integers, recovered exactly from a share such as 2/3 or 0.6. */
export function toFraction(value: number, what: string): { p: number; q: number } {
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
export function shareOfSeats(share: number, seats: number, rounding: SeatRounding): number {
  const { p, q } = toFraction(share, 'a seat share');
  const product = p * seats;
  const remainder = product % q;
  const floor = (product - remainder) / q;
  if (rounding === 'up') return remainder > 0 ? floor + 1 : floor;
  return 2 * remainder > q ? floor + 1 : floor;
}

/** Sign of votes/base − pct/100, exactly (base > 0). */
export function comparePercent(votes: number, base: number, pct: number): number {
  const { p, q } = toFraction(pct, 'a percentage');
  const diff = BigInt(votes) * 100n * BigInt(q) - BigInt(p) * BigInt(base);
  return diff > 0n ? 1 : diff < 0n ? -1 : 0;
}
