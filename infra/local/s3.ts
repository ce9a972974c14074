import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';

/** An S3-compatible server on 127.0.0.1 (s3rver), keeping objects in `directory`; `others`: more buckets. */
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
  await server.run();
  return { stop: () => server.close() };
}
