/**
 * What the stream consumers made of the load: the aggregated and published section counts,
 * then the reconciliation. Imported once the shared modules' environment points at the stack.
 */
import { readTotal } from '../../../shared/db/aggregates.js';
import type { ElectionDefinition } from '../../../shared/domain/election.js';
import { publicPaths } from '../../../shared/domain/public-files.js';
import { counter } from '../../../shared/domain/tally.js';
import { s3Bucket } from '../../../shared/storage/s3-bucket.js';
import { type ReconcileReport, reconcileElection } from '../../../shared/use-cases/reconcile-election.js';
import { type AuditReport, verifyAudit } from '../verify-audit/verify-trail.js';

export interface PipelineReport {
  /** Expected and found, for every count the load must leave at exactly one per section. */
  counts: { what: string; expected: number; found: number }[];
  reconcile: ReconcileReport;
  /** The audit trail of every write of the load, checked as `npm run verify-audit` does. */
  audit: AuditReport;
  /** Ms from the call until the counts were right (or the deadline). */
  caughtUpMs: number;
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 1000));

/**
 * Waits (up to `deadline`, epoch ms) until the election total counts every section's count and
 * every turnout reading and the published summary reports every section, then reconciles until
 * it finds no difference or the deadline passes, and verifies the audit trail the same way.
 */
export async function awaitPipeline(election: ElectionDefinition, deadline: number): Promise<PipelineReport> {
  const started = Date.now();
  const bucket = s3Bucket();
  const paths = publicPaths(election.id);
  const expected = election.sections.length;
  // A file not yet published reads as undefined: "not yet" (the local S3 PUTs atomically, as S3 does).
  const read = (key: string) => bucket.get(key);
  const readCounts = async () => {
    const tally = (await readTotal(election.id))?.tally ?? {};
    const pointer = await read(paths.pointer);
    const summaryKey = pointer && (JSON.parse(pointer) as { summary: string }).summary.replace(/^\//, '');
    const summary = summaryKey ? await read(summaryKey) : undefined;
    const published = summary
      ? (JSON.parse(summary) as { sections: { total: number; reported: number } }).sections
      : undefined;
    return [
      { what: 'aggregate total: sections counted', expected, found: tally[counter.sections] ?? 0 },
      ...election.turnoutSlots.map((slot) => ({
        what: `aggregate total: sections with turnout ${slot.id}`,
        expected,
        found: tally[counter.turnoutSections(slot.id)] ?? 0,
      })),
      { what: 'published summary: sections reported', expected, found: published?.reported ?? 0 },
      { what: 'published summary: sections in all', expected, found: published?.total ?? 0 },
    ];
  };

  let counts = await readCounts();
  while (counts.some((c) => c.found !== c.expected) && Date.now() < deadline) {
    await pause();
    counts = await readCounts();
  }
  const caughtUpMs = Date.now() - started;
  let reconcile = await reconcileElection(bucket, election.id);
  while (reconcile.differences.length > 0 && Date.now() < deadline) {
    await pause();
    reconcile = await reconcileElection(bucket, election.id);
  }
  let audit = await verifyAudit(bucket, election.id);
  while (audit.problems.length > 0 && Date.now() < deadline) {
    await pause();
    audit = await verifyAudit(bucket, election.id);
  }
  return { counts, reconcile, audit, caughtUpMs };
}
