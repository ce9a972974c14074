/**
 * `node --import tsx infra/cli/empty-site-bucket.ts --stage <stage> [--region eu-south-1]`
 *
 * The first step of `npm run remove`: deletes every object (and version) of the stage's site
 * bucket, and of its private bucket of officer code sheets, which CloudFormation would otherwise
 * refuse to delete. No stack, nothing to empty.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { parseTarget, type Target, UsageError } from './deploy-plan.js';
import { emptyBucket, stackBucket, stackNameOf, stackOutputs } from './stack-bucket.js';

const USAGE = 'usage: node --import tsx infra/cli/empty-site-bucket.ts --stage <stage> [--region eu-south-1]';
let target: Target | 'help';
try {
  target = parseTarget(process.argv.slice(2), { requireStage: true });
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\n${USAGE}`);
  process.exit(2);
}
if (target === 'help') {
  console.log(USAGE);
  process.exit(0);
}
const bucket = await stackBucket(target.stage, target.region);
if (!bucket) {
  console.log(`no stack ${stackNameOf(target.stage)} in ${target.region}: no site bucket to empty`);
} else {
  const s3 = new S3Client({ region: target.region });
  // The code sheets' bucket, in stacks deployed since it exists.
  const sheets = (await stackOutputs(target.stage, target.region))?.OfficerCodeSheetsBucketName;
  for (const name of [bucket, ...(sheets ? [sheets] : [])]) {
    const deleted = await emptyBucket(s3, name);
    console.log(`emptied s3://${name}: ${deleted} objects and versions deleted`);
  }
}
