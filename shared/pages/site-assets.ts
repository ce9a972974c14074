/**
 * The page's script and stylesheet, at content-hashed, immutable paths. The upload writes them
 * first and the manifest naming them last; the publisher renders pages with the manifest it
 * finds, so a page never names an asset that is not there yet, and an old page keeps its own.
 */
export interface SiteAssets {
  resultsScript?: string;
  resultsStyle?: string;
}

/** Where the upload puts the manifest (read by the publisher through the bucket, not the CDN). */
export const SITE_MANIFEST_KEY = 'assets/manifest.json';

/** The shape of an asset path: nothing else is ever written into a page. */
export const ASSET_PATH = /^\/assets\/[A-Za-z0-9._-]{1,100}$/;
