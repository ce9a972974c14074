import type { PublicBucket } from '../shared/storage/bucket.js';
import type { SiteFile } from './build.js';
import { SITE_MANIFEST_KEY } from './results-page/site-assets.js';

/**
 * Puts the built site's files in the public bucket, each with its content type and cache
 * policy: the assets first, the manifest that names them last.
 */
export async function uploadSite(bucket: PublicBucket, files: SiteFile[]): Promise<void> {
  const put = (file: SiteFile) =>
    bucket.put(file.key, file.body, { contentType: file.contentType, cacheControl: file.cacheControl });
  await Promise.all(files.filter((f) => f.key !== SITE_MANIFEST_KEY).map(put));
  await Promise.all(files.filter((f) => f.key === SITE_MANIFEST_KEY).map(put));
}
