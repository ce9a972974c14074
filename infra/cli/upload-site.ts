/**
 * `npm run upload-site -- [--stage prod] [--region eu-south-1] [--bucket name]`
 *
 * Builds the site's static assets and puts them in the deployed stack's public bucket (named
 * by the stack output PublicBucketName unless --bucket is given). `npm run deploy` runs it
 * after `serverless deploy`.
 */
import { parseArgs } from 'node:util';
import { S3Client } from '@aws-sdk/client-s3';
import { bucketOn } from '../../shared/storage/s3-bucket.js';
import { buildSite } from '../../site/build.js';
import { uploadSite } from '../../site/upload.js';
import { stackBucket, stackNameOf } from './stack-bucket.js';

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

const bucketName = values.bucket ?? (await stackBucket(values.stage, values.region));
if (!bucketName)
  throw new Error(`there is no stack ${stackNameOf(values.stage)} in ${values.region}: deploy it first`);
const s3 = new S3Client({ region: values.region });
const files = await buildSite();
await uploadSite(
  bucketOn(() => s3, bucketName),
  files,
);
console.log(`uploaded ${files.map((f) => f.key).join(', ')} to s3://${bucketName}`);
