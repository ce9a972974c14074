/**
 * An election's public log as the bucket holds it: every file under `results/<e>/log/`, by its
 * path under that prefix, read straight from S3 (for the independent verifier).
 */
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { s3 } from '../../shared/storage/s3-bucket.js';

export async function readBucketLog(
  bucketName: string,
  electionId: string,
): Promise<Map<string, Uint8Array>> {
  const prefix = `results/${electionId}/log/`;
  const files = new Map<string, Uint8Array>();
  let token: string | undefined;
  do {
    const page = await s3().send(
      new ListObjectsV2Command({ Bucket: bucketName, Prefix: prefix, ContinuationToken: token }),
    );
    for (const { Key } of page.Contents ?? []) {
      if (!Key) continue;
      const object = await s3().send(new GetObjectCommand({ Bucket: bucketName, Key }));
      files.set(Key.slice(prefix.length), (await object.Body?.transformToByteArray()) ?? new Uint8Array());
    }
    token = page.NextContinuationToken;
  } while (token);
  return files;
}
