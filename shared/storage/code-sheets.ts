/**
 * The private bucket of officer code sheets: the codes an issuing job made, one object per part,
 * read back only through the API by staff, and forgotten within a day (the bucket's lifecycle
 * rule; the API stops serving a sheet an hour after its job is done). Never the public bucket:
 * everything there is served by CloudFront.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { config } from '../config.js';
import { s3 } from './s3-bucket.js';

function bucket(): string {
  const name = config().CODE_SHEETS_BUCKET;
  if (!name) throw new Error('CODE_SHEETS_BUCKET is not set for this function');
  return name;
}

/** The key of a part's codes, written by one worker (a worker that took over writes its own). */
export const sheetPartKey = (electionId: string, jobId: string, part: number, owner: string) =>
  `jobs/${electionId}/${jobId}/${String(part).padStart(4, '0')}-${owner}.json`;

export async function putSheetPart(key: string, body: string): Promise<void> {
  await s3().send(
    new PutObjectCommand({
      Bucket: bucket(),
      Key: key,
      Body: body,
      ContentType: 'application/json; charset=utf-8',
      // The bucket encrypts by default (KMS); asking for it too refuses to write anywhere that would not.
      ServerSideEncryption: 'aws:kms',
    }),
  );
}

export async function getSheetPart(key: string): Promise<string> {
  const object = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
  return (await object.Body?.transformToString()) ?? '';
}
