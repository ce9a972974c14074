import { SITE_MANIFEST_KEY } from '../shared/pages/site-assets.js';
import type { PublicBucket } from '../shared/storage/bucket.js';
import type { SiteFile } from './build.js';

/** Upload order: the hashed assets, then the pages that name them, then the manifest. */
const phaseOf = (file: SiteFile) =>
  file.key === SITE_MANIFEST_KEY ? 2 : file.key.startsWith('assets/') ? 0 : 1;

/**
 * Puts the built site's files in the public bucket, each with its content type and cache
 * policy, so that nothing ever names a file not yet there: assets first, manifest last.
 */
export async function uploadSite(bucket: PublicBucket, files: SiteFile[]): Promise<void> {
  const put = (file: SiteFile) =>
    bucket.put(file.key, file.body, { contentType: file.contentType, cacheControl: file.cacheControl });
  for (const phase of [0, 1, 2]) await Promise.all(files.filter((f) => phaseOf(f) === phase).map(put));
}
