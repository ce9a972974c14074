import type { Context } from 'aws-lambda';

/** Room kept to answer (and to let the last transactions finish) before the function's own timeout. */
const ANSWER_MARGIN_MS = 4_000;

/**
 * When a long request stops starting new work, so that it answers what it did, rather than
 * being cut off by its timeout after changes nobody hears of (new codes never shown).
 */
export const deadlineOf = (context: Pick<Context, 'getRemainingTimeInMillis'>): number =>
  Date.now() + context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS;
