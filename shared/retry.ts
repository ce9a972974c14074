/**
 * The one retry loop: an attempt is run again after a lost race or a partial answer, with capped,
 * fully jittered exponential back-off (a pause drawn from 0 to min(cap, base × 2^round)), so
 * writers that collided spread out instead of colliding again; after the last attempt it gives up
 * with the caller's error. Every retry in the system goes through here.
 */

/** What an attempt answers when it must be run again. */
export const AGAIN = Symbol('again');

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The pause before the second attempt is drawn from [0, baseMs × 2), doubling each round... */
  baseMs: number;
  /** ...up to this cap. */
  maxMs: number;
  /** The error thrown once every attempt answered AGAIN. */
  exhausted: () => Error;
  /** Told before each pause (a log line). */
  onRetry?: (round: number) => void;
  /** For tests: the pause and the draw. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The longest pause after `round` attempts under `policy`. */
export const pauseCap = (policy: Pick<RetryPolicy, 'baseMs' | 'maxMs'>, round: number) =>
  Math.min(policy.maxMs, policy.baseMs * 2 ** round);

/** Runs `attempt` until it answers something other than AGAIN, at most `policy.attempts` times. */
export async function retrying<T>(
  policy: RetryPolicy,
  attempt: (round: number) => Promise<T | typeof AGAIN>,
): Promise<T> {
  const { sleep = sleepFor, random = Math.random } = policy;
  for (let round = 1; ; round++) {
    const answer = await attempt(round);
    if (answer !== AGAIN) return answer;
    if (round >= policy.attempts) throw policy.exhausted();
    policy.onRetry?.(round);
    await sleep(random() * pauseCap(policy, round));
  }
}
