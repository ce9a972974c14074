import type { ElectionDefinition } from '../../../shared/domain/election.js';
import { sectionNightOf } from '../night/demo-night.js';

/** What the API last answered for a submission. */
export interface Answer {
  status: number;
  /** From a 2xx: the stored version and its status (accepted, flagged). */
  version?: number;
  state?: string;
  /** From an error: the contract's stable code (CONCURRENT_WRITE, ...), or LAMBDA_FAILED. */
  code?: string;
  /** From a failed invocation: the emulator's error message. */
  message?: string;
  /** Seconds, from a 429's Retry-After. */
  retryAfter?: number;
}

/** One PUT an officer's phone makes, and what became of it. */
export interface Submission {
  readonly sectionId: string;
  /** `turnout T1`, `results`, or `results re-sent` (an identical body sent again). */
  readonly what: string;
  readonly path: string;
  readonly body: string;
  readonly token: string;
  /** When it was last handed to a connection (ms), and how many times. */
  sentAt?: number;
  attempts: number;
  answer?: Answer;
}

/** Every 10th section's phone re-sends its count, as one on a weak signal that lost the answer. */
const RESEND_EVERY = 10;

/**
 * A section's submissions in the order its officer makes them: each turnout reading, then the
 * count, then (for every 10th section) the identical count again.
 */
export function sectionSubmissions(election: ElectionDefinition, index: number, token: string): Submission[] {
  const night = sectionNightOf(election, index);
  const base = `/v1/elections/${encodeURIComponent(election.id)}/sections/${encodeURIComponent(night.sectionId)}`;
  const make = (what: string, path: string, body: unknown): Submission => ({
    sectionId: night.sectionId,
    what,
    path,
    body: JSON.stringify(body),
    token,
    attempts: 0,
  });
  const results = make('results', `${base}/results`, night.results);
  return [
    ...Object.entries(night.turnout).map(([slotId, reading]) =>
      make(`turnout ${slotId}`, `${base}/turnout/${encodeURIComponent(slotId)}`, reading),
    ),
    results,
    ...(index % RESEND_EVERY === 0 ? [{ ...results, what: 'results re-sent' }] : []),
  ];
}

/**
 * The status a failed invocation stands for, when the body is serverless-offline's report of
 * one. For an HTTP API (payload 2.0) the emulator answers a Lambda timeout or crash with 200 and
 * `{ errorMessage: "[504] - Lambda timeout.", errorType, stackTrace }` as the body; AWS would
 * answer 5xx. The status is the one in the message, else 502, as the emulator itself intends.
 */
export function emulatorFailure(body: string): { status: number; message: string } | undefined {
  if (!body.includes('"errorType"')) return undefined;
  try {
    const { errorType, errorMessage } = JSON.parse(body) as { errorType?: unknown; errorMessage?: unknown };
    if (typeof errorType !== 'string') return undefined;
    const message = String(errorMessage).slice(0, 200);
    return { status: Number(/\[(\d{3})]/.exec(message)?.[1] ?? 502), message };
  } catch {
    return undefined;
  }
}

/** The answer's status and what the body says of it (a version, or an error code). */
export function answerOf(status: number, body: string, retryAfter: string | null | undefined): Answer {
  const failed = emulatorFailure(body);
  if (failed !== undefined) return { ...failed, code: 'LAMBDA_FAILED' };
  let parsed: { version?: unknown; status?: unknown; error?: { code?: unknown } } = {};
  try {
    parsed = JSON.parse(body);
  } catch {
    // Not JSON (an emulator's own error page): the status says enough.
  }
  const seconds = Number(retryAfter);
  return {
    status,
    ...(typeof parsed.version === 'number' ? { version: parsed.version } : {}),
    ...(typeof parsed.status === 'string' ? { state: parsed.status } : {}),
    ...(typeof parsed.error?.code === 'string' ? { code: parsed.error.code } : {}),
    ...(retryAfter && Number.isFinite(seconds) ? { retryAfter: seconds } : {}),
  };
}

/**
 * What a phone's outbox does next with a submission: nothing (stored), send it again (no
 * answer, a busy or failing server, a rate limit, a write race), or give up and say so.
 */
export function verdictOf(answer: Answer | undefined): 'stored' | 'retry' | 'refused' {
  if (!answer) return 'retry';
  if (answer.status >= 200 && answer.status < 300) return 'stored';
  if (answer.status === 429 || answer.status >= 500) return 'retry';
  if (answer.status === 409 && answer.code === 'CONCURRENT_WRITE') return 'retry';
  return 'refused';
}
