import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/ports.js';
import { startS3 } from '../../infra/local/s3.js';

/**
 * S3 answers a GET with a whole object, the old one or the new, however a PUT of the same key
 * overlaps it. The local stand-in must too: the site server reads section files from it while
 * the publisher rewrites them, and a half-written file would not parse.
 */

const BUCKET = 'election-night-test-atomic';
const KEY = 'results/e/sections/1.json';
/** Big enough that writing one takes several writes of the file system's chunks. */
const versionOf = (n: number) => JSON.stringify({ version: n, padding: String(n % 10).repeat(400_000) });

let directory = '';
let s3: Awaited<ReturnType<typeof startS3>>;
let client: S3Client;

beforeAll(async () => {
  const port = await freePort();
  directory = mkdtempSync(join(tmpdir(), 'local-s3-atomic-'));
  s3 = await startS3({ port, directory, bucket: BUCKET });
  client = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    region: 'eu-south-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
});

afterAll(async () => {
  client?.destroy();
  await s3?.stop();
  rmSync(directory, { recursive: true, force: true });
});

const put = (n: number) =>
  client.send(
    new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: versionOf(n), ContentType: 'application/json' }),
  );

async function get() {
  const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY }));
  return { text: (await object.Body?.transformToString()) ?? '', length: object.ContentLength };
}

describe('the local S3', () => {
  it('given GETs overlapping PUTs of the same key, then each GET answers one whole version, with its length and type', async () => {
    // Prepare
    await put(0);
    const versions = Array.from({ length: 20 }, (_, n) => n + 1);
    // Act
    const reads: Promise<{ text: string; length: number | undefined }>[] = [];
    const writes = versions.map(async (n) => {
      reads.push(get(), get());
      await put(n);
    });
    await Promise.all(writes);
    const answers = await Promise.all(reads);
    const last = await get();
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: KEY }));
    // Assess
    const whole = new Set([0, ...versions].map(versionOf));
    const broken = answers.filter(
      (answer) => !whole.has(answer.text) || answer.length !== answer.text.length,
    );
    expect(broken.map((answer) => answer.text.slice(0, 40))).toEqual([]);
    expect(whole.has(last.text)).toBe(true);
    expect(head.ContentType).toBe('application/json');
    expect(head.ContentLength).toBe(last.text.length);
  });
});
