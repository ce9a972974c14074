/**
 * emptyBucket against an S3 API (s3rver, unversioned like a fresh site bucket). s3rver fails a
 * ListObjectsV2 that would be truncated (an InternalError), so this stays under one page of
 * 1,000; the rounds past the first are the unit test's (test/unit/empty-bucket.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { emptyBucket } from '../../infra/cli/stack-bucket.js';
import { freePort } from '../../infra/local/ports.js';
import { startS3 } from '../../infra/local/s3.js';

const BUCKET = 'empty-me';
let server: { stop: () => Promise<unknown> };
let directory: string;
let s3: S3Client;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'empty-bucket-'));
  const port = await freePort();
  server = await startS3({ port, directory, bucket: BUCKET });
  s3 = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    region: 'eu-south-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
});

afterAll(async () => {
  s3?.destroy();
  await server?.stop();
  rmSync(directory, { recursive: true, force: true });
});

it('given a bucket of published files, when emptied, then nothing is left', async () => {
  const keys = Array.from({ length: 420 }, (_, i) => `results/e/sections/${i}.json`);
  for (let i = 0; i < keys.length; i += 100)
    await Promise.all(
      keys.slice(i, i + 100).map((Key) => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: '{}' }))),
    );

  const deleted = await emptyBucket(s3, BUCKET);

  expect(deleted).toBe(keys.length);
  const { KeyCount } = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
  expect(KeyCount ?? 0).toBe(0);
}, 60_000);
