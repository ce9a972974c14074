import autocannon, { type Result } from 'autocannon';
import type { Schedule } from './schedule.js';
import { answerOf, type Submission } from './submissions.js';

export interface DriveOptions {
  apiUrl: string;
  connections: number;
  /** Seconds a request may wait for its answer before its connection drops it. */
  timeoutSeconds: number;
  /** Seconds the whole run may take: then it stops, and what was not answered is left to the outbox. */
  deadlineSeconds: number;
  /** Hears each answer as it comes back: its status (0: none came in time) and its time in ms. */
  onAnswer?: (status: number, ms: number) => void;
}

/**
 * Sends every submission of the schedule once through autocannon, each of `connections` keep-alive
 * connections taking the next one as soon as its previous request is answered. `amount` is the
 * number of submissions, so the run ends when each has been sent once; autocannon ignores its
 * `duration` when given an amount, hence the deadline of our own. Each answer is kept on its
 * submission; one lost to a timeout or a dropped connection simply has none.
 */
export async function drive(schedule: Schedule, options: DriveOptions): Promise<Result> {
  const instance = autocannon({
    url: options.apiUrl,
    connections: Math.min(options.connections, schedule.total),
    amount: schedule.total,
    timeout: options.timeoutSeconds,
    requests: [
      {
        setupRequest: (request, context) => {
          const submission = schedule.take();
          context.submission = submission;
          return {
            ...request,
            method: 'PUT',
            path: submission.path,
            headers: { authorization: `Bearer ${submission.token}`, 'content-type': 'application/json' },
            body: submission.body,
          };
        },
        onResponse: (status, body, context, headers) => {
          const retryAfter = headers['retry-after'] ?? headers['Retry-After'];
          (context.submission as Submission).answer = answerOf(status, body, [retryAfter].flat()[0]);
        },
      },
    ],
  });
  const hear = options.onAnswer;
  if (hear) {
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) =>
      hear(status, ms),
    );
    instance.on('reqError', () => hear(0, options.timeoutSeconds * 1000));
  }
  const deadline = setTimeout(() => instance.stop(), options.deadlineSeconds * 1000);
  try {
    return await instance;
  } finally {
    clearTimeout(deadline);
  }
}
