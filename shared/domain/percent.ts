/** A share as a percentage with two decimals; zero when there is nothing to share. */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part * 10_000) / whole) / 100 : 0;
}
