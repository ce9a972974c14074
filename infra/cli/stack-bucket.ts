/**
 * The deployed stack's outputs (its site bucket, for upload-site.ts and empty-site-bucket.ts; the
 * origin secret and the distribution, for rotate-origin-secret.ts), and the bucket emptied before
 * a teardown.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  DeleteObjectsCommand,
  GetBucketVersioningCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  type ObjectIdentifier,
  type S3Client,
} from '@aws-sdk/client-s3';

export const stackNameOf = (stage: string) => `election-night-${stage}`;

/**
 * The deployed stack's outputs, by key (PublicBucketName, OriginSecretArn, DistributionId, ...);
 * undefined when there is no such stack.
 */
export async function stackOutputs(
  stage: string,
  region: string,
  client = new CloudFormationClient({ region }),
): Promise<Record<string, string> | undefined> {
  try {
    const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stackNameOf(stage) }));
    const outputs: Record<string, string> = {};
    for (const { OutputKey, OutputValue } of Stacks?.[0]?.Outputs ?? [])
      if (OutputKey && OutputValue !== undefined) outputs[OutputKey] = OutputValue;
    return outputs;
  } catch (error) {
    // DescribeStacks answers a ValidationError "Stack with id … does not exist".
    if ((error as Error).name === 'ValidationError' && /does not exist/.test((error as Error).message))
      return undefined;
    throw error;
  }
}

/** The bucket named by the stack's PublicBucketName output; undefined when there is no such stack. */
export async function stackBucket(
  stage: string,
  region: string,
  client = new CloudFormationClient({ region }),
): Promise<string | undefined> {
  const outputs = await stackOutputs(stage, region, client);
  if (!outputs) return undefined;
  const name = outputs.PublicBucketName;
  if (!name) throw new Error(`stack ${stackNameOf(stage)} has no PublicBucketName output`);
  return name;
}

/**
 * Deletes every object of the bucket, and when versioning is or was on (Enabled or Suspended)
 * every version and delete marker too, 1,000 at a time (DeleteObjects' limit); returns how many
 * it deleted. Each round lists the bucket afresh, so what is written meanwhile goes too.
 */
export async function emptyBucket(s3: S3Client, bucket: string): Promise<number> {
  const { Status } = await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
  const versioned = Status === 'Enabled' || Status === 'Suspended';
  const nextBatch = async (): Promise<ObjectIdentifier[]> => {
    if (!versioned) {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1000 }));
      return (page.Contents ?? []).map(({ Key }) => ({ Key }));
    }
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, MaxKeys: 1000 }));
    return [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map(({ Key, VersionId }) => ({
      Key,
      VersionId,
    }));
  };
  let deleted = 0;
  for (let batch = await nextBatch(); batch.length > 0; batch = await nextBatch()) {
    const answer = await s3.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.slice(0, 1000), Quiet: true } }),
    );
    if (answer.Errors?.length) {
      const [first] = answer.Errors;
      throw new Error(
        `${answer.Errors.length} objects of ${bucket} could not be deleted, e.g. ${first?.Key}: ${first?.Code} ${first?.Message}`,
      );
    }
    deleted += Math.min(batch.length, 1000);
  }
  return deleted;
}
