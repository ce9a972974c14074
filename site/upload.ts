import type { PublicBucket } from '../shared/storage/bucket.js';
import type { SiteFile } from './build.js';

/** Puts the built site's files in the public bucket, each with its content type and cache policy. */
export async function uploadSite(bucket: PublicBucket, files: SiteFile[]): Promise<void> {
  await Promise.all(
    files.map((file) =>
      bucket.put(file.key, file.body, { contentType: file.contentType, cacheControl: file.cacheControl }),
    ),
  );
}
