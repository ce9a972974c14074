/**
 * The API's write limit in the write use cases (submit, review): the writing credential's window
 * is read beside the section, the write is refused (429, nothing stored) when it has no place in
 * it, and otherwise takes its place in the write's own transaction. Writes made without a limit
 * (the terminal's, the bench's) read and write no window.
 */
import { readWriteWindow, type WriteWindow, writeWindowPut } from '../db/write-windows.js';
import { admitWrite, type WriteLimit } from '../domain/write-limit.js';
import { RateLimitedError } from '../errors.js';

/** The credential's window when its writes are limited; undefined otherwise. */
export const readWindowIfLimited = (credential: string, limit: WriteLimit | undefined) =>
  limit ? readWriteWindow(credential) : Promise.resolve(undefined);

/**
 * The write's place in the window, as the transaction's Put of it, or RateLimitedError (429 with
 * Retry-After: the seconds until the oldest write in the window leaves it).
 */
export function takePlaceInWindow(
  window: WriteWindow | undefined,
  limit: WriteLimit | undefined,
  now = Date.now(),
) {
  if (!window || !limit) return undefined;
  const admission = admitWrite(window.stored, now, limit);
  if (!admission.admitted)
    throw new RateLimitedError(
      `this credential stored ${limit.versions} versions in the last ${limit.windowMs / 1000} seconds, the most it may: nothing was stored; send it again in ${admission.retryAfterSeconds} s`,
      admission.retryAfterSeconds,
    );
  return writeWindowPut(window, admission.stored, limit.windowMs);
}
