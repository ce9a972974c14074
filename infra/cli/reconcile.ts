/**
 * `npm run reconcile -- <electionId> [--wait <seconds>]`
 *
 * Recomputes an election's totals from the stored section data and compares them with the
 * aggregates and the published summary; exits 1 on any difference. Against the local stack by
 * default (the ports of `npm start`); against AWS when TABLE_NAME and BUCKET_NAME are set and
 * LOCAL is not. With --wait, retries until the pipeline has caught up or the time is over.
 */
import { parseArgs } from 'node:util';
import { localEnvironment } from './local-environment.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { wait: { type: 'string', default: '0' }, help: { type: 'boolean', default: false } },
});
const electionId = positionals[0];
if (values.help || !electionId) {
  console.log('usage: npm run reconcile -- <electionId> [--wait <seconds>]');
  process.exit(values.help ? 0 : 2);
}
Object.assign(process.env, localEnvironment());

const { reconcileElection } = await import('../../shared/use-cases/reconcile-election.js');
const { s3Bucket } = await import('../../shared/storage/s3-bucket.js');

const deadline = Date.now() + Number(values.wait) * 1000;
for (;;) {
  const report = await reconcileElection(s3Bucket(), electionId);
  if (report.differences.length === 0 || Date.now() >= deadline) {
    console.log(
      `election ${report.electionId}: ${report.sections} sections, published seq ${report.publishedSeq ?? 'none'}`,
    );
    for (const d of report.differences)
      console.log(`  ${d.where}: ${d.counter} expected ${d.expected}, found ${d.actual}`);
    console.log(`${report.differences.length} differences`);
    process.exit(report.differences.length === 0 ? 0 : 1);
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
}
