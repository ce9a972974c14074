/**
 * Asks the log writer (functions/append-public-log) to append what was chained, asynchronously:
 * the chain's writers (the aggregation, the reconciliation) never hold the log's key. A lost
 * request is made good by the next one, or by the reconciliation's, a minute later at most; so a
 * failure is logged, never thrown (it must not hold the stream's batch back).
 */
import { startWorker } from '../aws/start-worker.js';
import { config } from '../config.js';
import { logger } from '../logger.js';
import { publicLogDue } from './public-log-due.js';

export interface AppendPublicLogEvent {
  electionId: string;
}

export async function requestLogAppends(electionIds: Iterable<string>): Promise<void> {
  const functionName = config().APPEND_PUBLIC_LOG_FUNCTION;
  if (!functionName) return;
  await Promise.all(
    [...new Set(electionIds)].map(async (electionId) => {
      try {
        await startWorker(functionName, { electionId } satisfies AppendPublicLogEvent);
      } catch (error) {
        logger.error('the public log writer could not be started: the reconciliation will', {
          electionId,
          error,
        });
      }
    }),
  );
}

/** The reconciliation's: a request for every log with work waiting (public-log-due.ts). */
export async function requestLogCatchUps(electionIds: readonly string[]): Promise<void> {
  if (!config().APPEND_PUBLIC_LOG_FUNCTION) return;
  const behind: string[] = [];
  for (const electionId of electionIds) {
    if ((await publicLogDue(electionId)).due) behind.push(electionId);
  }
  await requestLogAppends(behind);
}
