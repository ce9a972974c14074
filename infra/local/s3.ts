import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';
import { AtomicObjectStore } from './atomic-object-store.js';

/**
 * An S3-compatible server on 127.0.0.1 (s3rver, with S3's atomic PUT), keeping objects in
 * `directory`; `others`: more buckets.
 */
export async function startS3(options: {
  port: number;
  directory: string;
  bucket: string;
  others?: string[];
}) {
  mkdirSync(options.directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    directory: options.directory,
    silent: true,
    configureBuckets: [options.bucket, ...(options.others ?? [])].map((name) => ({ name, configs: [] })),
  });
  // S3's PUT is atomic; s3rver's is not (atomic-object-store.ts).
  server.store = server.context.store = new AtomicObjectStore(options.directory);
  await server.run();
  return { stop: () => server.close() };
}
