import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../infra/local/ports.js';
import { startS3 } from '../../infra/local/s3.js';
import type { PublicBucket } from '../../shared/storage/bucket.js';

/**
 * The local S3 stand-in (s3rver) on a free port, in a temporary folder, with the public bucket and
 * the site's assets manifest as an upload would leave it. Sets S3_ENDPOINT: call before the first
 * use of shared/storage.
 */
export async function startLocalBucket(name = 'election-night-test-site') {
  const port = await freePort();
  const directory = mkdtempSync(join(tmpdir(), 'local-bucket-'));
  const s3 = await startS3({ port, directory, bucket: name });
  process.env.S3_ENDPOINT = `http://127.0.0.1:${port}`;
  const { s3Bucket } = await import('../../shared/storage/s3-bucket.js');
  const bucket: PublicBucket = s3Bucket(name);
  await bucket.put(
    'assets/manifest.json',
    JSON.stringify({ resultsScript: '/assets/live.test.js', resultsStyle: '/assets/page.test.css' }),
    { contentType: 'application/json', cacheControl: 'no-cache' },
  );
  return {
    bucket,
    /** An object's text; throws when the bucket has none at `key`. */
    async readText(key: string): Promise<string> {
      const text = await bucket.get(key);
      if (text === undefined) throw new Error(`the bucket has no ${key}`);
      return text;
    },
    async stop() {
      await s3.stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
