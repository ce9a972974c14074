/**
 * A failed attempt (an unknown bearer token, a wrong sign-in), counted against each key it is
 * made under (an address; for a sign-in, the username too) in the clock's minute. Past the limit
 * under any key it answers 429 with Retry-After, else 401 with `message`: the one rule of both
 * the token check and staff sign-in. Only failures ever reach it, so it never refuses what is valid.
 */
import { readSignInFailures, recordSignInFailure } from '../db/sign-in-failures.js';
import { RateLimitedError, UnauthorizedError } from '../errors.js';

export const SIGN_IN_FAILURES_PER_WINDOW = 20;
export const WINDOW_MS = 60_000;

/** The fixed window `now` falls in: its id and when it ends. */
export function windowOf(now: number): { id: string; endsAt: number } {
  const start = now - (now % WINDOW_MS);
  return { id: new Date(start).toISOString(), endsAt: start + WINDOW_MS };
}

export async function refuseFailedAttempt(
  keys: readonly string[],
  message: string,
  throttledMessage: string,
): Promise<never> {
  const now = Date.now();
  const window = windowOf(now);
  const counts = await Promise.all(keys.map((key) => readSignInFailures(key, window.id)));
  if (Math.max(...counts) >= SIGN_IN_FAILURES_PER_WINDOW)
    throw new RateLimitedError(throttledMessage, Math.max(1, Math.ceil((window.endsAt - now) / 1000)));
  await Promise.all(keys.map((key) => recordSignInFailure(key, window.id, window.endsAt)));
  throw new UnauthorizedError(message);
}
