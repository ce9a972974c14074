/**
 * `npm run verify-audit -- <electionId> [--wait <seconds>] [--repair]`
 *
 * Checks an election's audit trail (verify-audit/verify-trail.ts): the hash chain intact and
 * ending at its head, every history record chained once and unchanged, the stored results
 * following from the chained writes, each staff account's write allowed to the account's role
 * and elections when it was made (by the deployment's trail, itself checked the same way), the
 * totals and the published summary reconciled, and every published snapshot's head still in
 * the chain, and the public log rebuilt from the chain byte for byte what the site holds, under a
 * checkpoint its published key signed (verify-audit/verify-public-log.ts). Exits 0 when all hold,
 * 1 otherwise.
 * With --wait, checks again until clean or out of time (the stream may still be catching up).
 * With --repair, history records missing from the chain (a lost stream batch) are appended;
 * nothing already chained is ever rewritten. Against the local stack by default; against AWS
 * when TABLE_NAME and BUCKET_NAME are set.
 */
import { electionCheckArgs } from './election-check-args.js';

const { electionId, waitMs, repair } = electionCheckArgs('verify-audit');

const { verifyAudit } = await import('./verify-audit/verify-trail.js');
const { s3Bucket } = await import('../../shared/storage/s3-bucket.js');
const { s3LogFiles } = await import('../../shared/storage/log-files.js');

/** Problems listed in full; beyond these, only counted. */
const SHOWN = 60;
const deadline = Date.now() + waitMs;

for (;;) {
  const report = await verifyAudit(s3Bucket(), electionId, { repair, logFiles: s3LogFiles() });
  const clean = report.problems.length === 0 && report.differences.length === 0;
  if (clean || Date.now() >= deadline) {
    const head = report.head ? `entry ${report.head.seq}, hash ${report.head.hash}` : 'none';
    console.log(`election ${report.electionId}: audit head ${head}`);
    console.log(
      `  ${report.entries} entries, ${report.records} history records, ${report.snapshotsChecked} published snapshots checked${report.chainedNow ? `, ${report.chainedNow} records chained now (--repair)` : ''}`,
    );
    console.log(
      `  the deployment's trail (the staff accounts' rights): ${report.deployment.entries} entries, ${report.deployment.records} records`,
    );
    console.log(`  the public log: ${report.logSize ?? 0} entries under its signed checkpoint`);
    for (const p of report.problems.slice(0, SHOWN)) console.log(`  ${p.where}: ${p.problem}`);
    if (report.problems.length > SHOWN)
      console.log(`  ... and ${report.problems.length - SHOWN} more problems`);
    for (const d of report.differences.slice(0, SHOWN))
      console.log(`  ${d.where}: ${d.counter} expected ${d.expected}, found ${d.actual}`);
    console.log(
      clean
        ? 'the audit trail is intact and the results follow from it'
        : `${report.problems.length} problems, ${report.differences.length} differences in the totals`,
    );
    process.exit(clean ? 0 : 1);
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
}
