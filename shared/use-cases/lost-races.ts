import { logger } from '../logger.js';
import { AGAIN, retrying } from '../retry.js';

/**
 * Lost races are retried here before the batch is handed back to the stream: several shards'
 * consumers share an election's hot items (the total, the audit head), and on a starved machine
 * the slowest writer can lose many races in a row (BENCHMARKS.md, the second national run).
 */
const LOST_RACES = { attempts: 16, baseMs: 50, maxMs: 2_000 };

/** Runs `attempt` (read, plan, guarded write) until it answers true, or throws after too many lost races. */
export async function retryLostRaces(what: string, attempt: () => Promise<boolean>): Promise<void> {
  await retrying(
    {
      ...LOST_RACES,
      exhausted: () =>
        new Error(`${what} lost the race ${LOST_RACES.attempts} times; the batch will be retried`),
      onRetry: (round) => logger.info(`${what} raced another writer; retrying`, { attempt: round }),
    },
    async () => ((await attempt()) ? undefined : AGAIN),
  );
}
