import { GetObjectCommand, HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { clientOptions } from '../aws/client-options.js';
import { config } from '../config.js';
import type { PublicBucket } from './bucket.js';

let client: S3Client | undefined;

/** The functions' one S3 client (the public bucket's and the code sheets'), built once per cold start. */
export function s3(): S3Client {
  if (!client) {
    const { S3_ENDPOINT } = config();
    client = new S3Client({
      ...clientOptions(S3_ENDPOINT),
      // A local S3-compatible server answers on one host: address buckets by path.
      ...(S3_ENDPOINT ? { forcePathStyle: true } : {}),
    });
  }
  return client;
}

/** An object, or undefined when the bucket has none at `key` (every other failure is thrown). */
export async function getObjectIfAny(client: S3Client, bucketName: string, key: string) {
  try {
    return await client.send(new GetObjectCommand({ Bucket: bucketName, Key: key }));
  } catch (error) {
    if ((error as Error).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

/** Writes an object with the type and the caching it is served with. */
export async function putObject(
  client: S3Client,
  bucketName: string,
  key: string,
  body: string | Uint8Array,
  { contentType, cacheControl }: { contentType: string; cacheControl: string },
): Promise<void> {
  await client.send(
    new PutObjectCommand({
      Bucket: bucketName,
      Key: key,
      Body: body,
      ContentType: contentType,
      CacheControl: cacheControl,
    }),
  );
}

/** The public bucket on S3 (in production) or on an S3-compatible server (locally). */
export function s3Bucket(bucketName = config().BUCKET_NAME): PublicBucket {
  return bucketOn(s3, bucketName);
}

/** A bucket through a client of the caller's (for tools that run outside the Lambdas). */
export function bucketOn(s3: () => S3Client, bucketName: string): PublicBucket {
  return {
    put: async (key, body, options) => putObject(s3(), bucketName, key, body, options),
    async get(key) {
      return (await getObjectIfAny(s3(), bucketName, key))?.Body?.transformToString();
    },
    async isReachable() {
      try {
        await s3().send(new HeadBucketCommand({ Bucket: bucketName }));
        return true;
      } catch {
        return false;
      }
    },
  };
}
