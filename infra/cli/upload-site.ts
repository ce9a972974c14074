/**
 * `npm run upload-site -- [--stage prod] [--region eu-south-1] [--bucket name]`
 *
 * Builds the site's static assets and puts them in the deployed stack's public bucket (named
 * by the stack output PublicBucketName unless --bucket is given). `npm run deploy` runs it
 * after `serverless deploy`.
 */
import { parseArgs } from 'node:util';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { bucketOn } from '../../shared/storage/s3-bucket.js';
import { buildSite } from '../../site/build.js';
import { uploadSite } from '../../site/upload.js';

const { values } = parseArgs({
  options: {
    stage: { type: 'string', default: 'prod' },
    region: { type: 'string', default: process.env.AWS_REGION ?? 'eu-south-1' },
    bucket: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log('usage: npm run upload-site -- [--stage prod] [--region eu-south-1] [--bucket name]');
  process.exit(0);
}

async function stackBucket(stage: string, region: string): Promise<string> {
  const client = new CloudFormationClient({ region });
  const stackName = `election-night-${stage}`;
  const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
  const name = Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === 'PublicBucketName')?.OutputValue;
  if (!name) throw new Error(`stack ${stackName} has no PublicBucketName output: deploy it first`);
  return name;
}

const bucketName = values.bucket ?? (await stackBucket(values.stage, values.region));
const s3 = new S3Client({ region: values.region });
const files = await buildSite();
await uploadSite(
  bucketOn(() => s3, bucketName),
  files,
);
console.log(`uploaded ${files.map((f) => f.key).join(', ')} to s3://${bucketName}`);
