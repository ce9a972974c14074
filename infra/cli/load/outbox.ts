import { inPool } from '../../../shared/in-pool.js';
import { type Answer, answerOf, type Submission, verdictOf } from './submissions.js';

export interface OutboxOptions {
  apiUrl: string;
  /** Sections retried at once. */
  concurrency: number;
  timeoutSeconds: number;
  /** Epoch ms after which nothing more is sent. */
  deadline: number;
}

/** The first wait between attempts, and the most one wait may grow to (ms). */
const FIRST_WAIT_MS = 250;
const LONGEST_WAIT_MS = 8_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function send(submission: Submission, options: OutboxOptions): Promise<Answer | undefined> {
  submission.attempts++;
  submission.sentAt = Date.now();
  try {
    const response = await fetch(new URL(submission.path, options.apiUrl), {
      method: 'PUT',
      headers: { authorization: `Bearer ${submission.token}`, 'content-type': 'application/json' },
      body: submission.body,
      signal: AbortSignal.timeout(options.timeoutSeconds * 1000),
    });
    return answerOf(response.status, await response.text(), response.headers.get('retry-after'));
  } catch {
    // Unreachable or no answer in time: as a phone out of signal, try again later.
    return undefined;
  }
}

/**
 * Sends one submission until it is stored or refused, or the deadline passes: exponential
 * back-off with full jitter between attempts (so retrying phones do not return in step), or
 * the wait a 429 asks for in Retry-After.
 */
async function deliver(submission: Submission, options: OutboxOptions): Promise<void> {
  for (let attempt = 0; verdictOf(submission.answer) === 'retry'; attempt++) {
    const backoff = Math.random() * Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** attempt);
    const wait = submission.answer?.retryAfter !== undefined ? submission.answer.retryAfter * 1000 : backoff;
    if (Date.now() + wait >= options.deadline) return;
    await sleep(wait);
    submission.answer = await send(submission, options);
  }
}

/**
 * The officer app's outbox, after the load: every submission without a stored answer is sent
 * again, each section's in its own order, until stored, refused, or out of time. Answers how
 * many submissions needed it, and the requests it took.
 */
export async function drainOutbox(
  sections: Submission[][],
  options: OutboxOptions,
): Promise<{ submissions: number; requests: number }> {
  const waiting = sections
    .map((items) => items.filter((s) => verdictOf(s.answer) === 'retry'))
    .filter((items) => items.length > 0);
  const attemptsBefore = waiting.flat().reduce((sum, s) => sum + s.attempts, 0);
  await inPool(waiting, options.concurrency, async (items) => {
    for (const submission of items) await deliver(submission, options);
  });
  const attemptsAfter = waiting.flat().reduce((sum, s) => sum + s.attempts, 0);
  return { submissions: waiting.flat().length, requests: attemptsAfter - attemptsBefore };
}
