import { getElectionState, listElectionIds } from '../db/elections.js';
import { getPublication } from '../db/publications.js';
import { countsReleaseDue } from '../domain/counts-from.js';
import { logger } from '../logger.js';
import { recordHealed } from '../metrics.js';
import { loadElection } from './election-context.js';
import { type HealReport, healElection } from './heal-election.js';
import { requestLogAppends, requestLogCatchUps } from './request-public-log.js';

/**
 * What one run's sweeps may take: at most 70% of its time, and 15 s, so a national night's sweep
 * spreads over several runs instead of reading the table flat out (README "Self-healing").
 */
const SWEEP_SHARE = 0.7;
const SWEEP_MAX_MS = 15_000;

/**
 * One run of the periodic reconciliation (EventBridge every minute in AWS; locally the stack's
 * timer, every RECONCILE_INTERVAL_S): each open election is healed (heal-election.ts). The run's
 * state item reaches the publisher through the stream, which rewrites what was repaired and makes
 * any publish that was lost, and the first publish after the close of the polls (`countsFrom`)
 * when the latest one withheld the counts: they appear at that instant with nothing submitted.
 * Certified elections are left alone.
 */
export async function reconcileOpenElections(
  timeLeftMs: () => number,
  now: () => Date = () => new Date(),
): Promise<HealReport[]> {
  const reports: HealReport[] = [];
  const electionIds = await listElectionIds();
  const states = new Map(
    await Promise.all(electionIds.map(async (id) => [id, await getElectionState(id)] as const)),
  );
  const open = electionIds.filter((id) => states.get(id) && states.get(id)?.state !== 'certified');
  // Every log catches up with its chain: an open election's is asked every run (an append that
  // finds nothing new is a lease and two reads), a certified one's only while behind its chain
  // (its last entry is the certification).
  await Promise.all([
    requestLogAppends(open),
    requestLogCatchUps(electionIds.filter((id) => states.get(id)?.state === 'certified')),
  ]);
  for (const electionId of open) {
    const [{ head }, publication] = await Promise.all([loadElection(electionId), getPublication(electionId)]);
    // The state item this run writes reaches the publisher, whose publication then no longer
    // covers the present (publish-results.ts): the counts are published.
    if (countsReleaseDue(head.countsFrom, publication, now()))
      logger.info('the polls have closed since the latest publish: publishing the counts', {
        electionId,
        countsFrom: head.countsFrom,
      });
    const report = await healElection(electionId, {
      budgetMs: Math.min(SWEEP_MAX_MS, timeLeftMs() * SWEEP_SHARE),
    });
    reports.push(report);
    recordHealed(report.repaired.length);
    logger.info('reconciled', {
      electionId,
      swept: report.swept,
      sweptAll: report.sweptAll,
      suspects: report.suspects,
      totalsChecked: report.totalsChecked,
      repaired: report.repaired.length,
    });
  }
  return reports;
}
