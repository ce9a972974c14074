import { logger } from '../logger.js';

/**
 * Lost races are retried here, with jittered, capped back-off, before the batch is handed back
 * to the stream: several shards' consumers share an election's hot items (the total, the audit
 * head), and on a starved machine the slowest writer can lose many races in a row
 * (BENCHMARKS.md, the second national run).
 */
const MAX_ATTEMPTS = 16;
const MAX_PAUSE_MS = 2_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` (read, plan, guarded write) until it answers true, or throws after too many lost races. */
export async function retryLostRaces(what: string, attempt: () => Promise<boolean>): Promise<void> {
  for (let round = 1; ; round++) {
    if (await attempt()) return;
    if (round >= MAX_ATTEMPTS)
      throw new Error(`${what} lost the race ${round} times; the batch will be retried`);
    logger.info(`${what} raced another writer; retrying`, { attempt: round });
    await pause(Math.random() * Math.min(MAX_PAUSE_MS, 50 * 2 ** round));
  }
}
