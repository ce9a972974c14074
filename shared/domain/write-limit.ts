/**
 * The write limit of one credential (an officer's code, a staff token): at most `versions`
 * stored writes in any `windowMs` (CONTRACT, Abuse limits), a sliding window, not the clock's
 * minutes. A write is admitted when fewer than `versions` of the credential's stored writes fall
 * in the window that ends with it, `(now - windowMs, now]`; the credential keeps the times of its
 * latest `versions` stored writes, which is all that decision needs.
 */
export interface WriteLimit {
  versions: number;
  windowMs: number;
}

/** What the API holds every credential to: 60 stored writes in any 60 seconds. */
export const WRITE_LIMIT: WriteLimit = { versions: 60, windowMs: 60_000 };

export type Admission =
  /** The times to keep with this write among them: the latest `versions`, oldest first. */
  | { admitted: true; stored: number[] }
  /** Seconds until the oldest write in the window leaves it, so a write is admitted again. */
  | { admitted: false; retryAfterSeconds: number };

/** Whether a write at `now` is admitted, given the times (ms) of the credential's latest stored writes. */
export function admitWrite(
  stored: readonly number[],
  now: number,
  limit: WriteLimit = WRITE_LIMIT,
): Admission {
  const latest = [...stored].sort((a, b) => a - b).slice(-limit.versions);
  const inWindow = latest.filter((at) => at > now - limit.windowMs);
  const oldest = inWindow[0];
  if (inWindow.length < limit.versions || oldest === undefined)
    return { admitted: true, stored: [...latest, now].slice(-limit.versions) };
  return {
    admitted: false,
    retryAfterSeconds: Math.max(1, Math.ceil((oldest + limit.windowMs - now) / 1000)),
  };
}
