/**
 * `npm run reconcile -- <electionId> [--wait <seconds>] [--repair]`
 *
 * Recomputes an election's totals from the stored section data and compares them with the
 * aggregates and the published summary; exits 1 on any difference. Against the local stack by
 * default (the ports of `npm start`); against AWS when TABLE_NAME and BUCKET_NAME are set and
 * LOCAL is not. With --wait, retries until the pipeline has caught up or the time is over.
 * With --repair, differences are followed by a redrive of every section's current items through
 * the exactly-once aggregation (what stream batches lost is applied once, the rest is a no-op),
 * then by a second reconciliation.
 */
import { electionCheckArgs } from './election-check-args.js';

const { electionId, waitMs, repair } = electionCheckArgs('reconcile');

const { reconcileElection } = await import('../../shared/use-cases/reconcile-election.js');
const { s3Bucket } = await import('../../shared/storage/s3-bucket.js');

type Report = Awaited<ReturnType<typeof reconcileElection>>;
/** Differences listed in full; beyond these, only counted (a lost batch touches every district). */
const SHOWN = 60;

/** Reconciles until clean or out of time; prints the last report. */
async function reconcileUntil(deadline: number): Promise<Report> {
  for (;;) {
    const report = await reconcileElection(s3Bucket(), electionId);
    if (report.differences.length === 0 || Date.now() >= deadline) {
      console.log(
        `election ${report.electionId}: ${report.sections} sections, published seq ${report.publishedSeq ?? 'none'}`,
      );
      for (const d of report.differences.slice(0, SHOWN))
        console.log(`  ${d.where}: ${d.counter} expected ${d.expected}, found ${d.actual}`);
      if (report.differences.length > SHOWN)
        console.log(`  ... and ${report.differences.length - SHOWN} more`);
      console.log(`${report.differences.length} differences`);
      return report;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

const wait = waitMs;
let report = await reconcileUntil(Date.now() + wait);
if (report.differences.length > 0 && repair) {
  const { redriveAggregation } = await import('../../shared/use-cases/redrive-aggregation.js');
  const { sources } = await redriveAggregation(electionId);
  console.log(`repair: ${sources} stored items redriven through the aggregation; reconciling again`);
  // The publisher follows the repaired totals through the stream: give it time to publish.
  report = await reconcileUntil(Date.now() + Math.max(wait, 60_000));
}
process.exit(report.differences.length === 0 ? 0 : 1);
