/**
 * Builds the site's static assets with esbuild: the results page's script (bundled from the
 * same TypeScript the publisher renders with), its stylesheet and the rehearsal watermark.
 * Answers the files with the content type and cache policy each is served with.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';
import { CACHE, CONTENT_TYPE } from '../shared/storage/bucket.js';
import { SITE_ASSETS } from './results-page/site-assets.js';

const SITE_DIR = dirname(fileURLToPath(import.meta.url));

export interface SiteFile {
  key: string;
  body: string;
  contentType: string;
  cacheControl: string;
}

/** Browsers of cheap phones still in use: what the script may assume. */
const BROWSERS = ['chrome87', 'firefox78', 'safari15', 'edge88'];

const keyOf = (path: string) => path.replace(/^\//, '');

export async function buildSite(): Promise<SiteFile[]> {
  const script = await build({
    entryPoints: [join(SITE_DIR, 'results-page', 'live.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: BROWSERS,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const style = await transform(readFileSync(join(SITE_DIR, 'results-page', 'results-page.css'), 'utf8'), {
    loader: 'css',
    minify: true,
    target: BROWSERS,
  });
  const asset = (path: string, body: string, contentType: string): SiteFile => ({
    key: keyOf(path),
    body,
    contentType,
    cacheControl: CACHE.asset,
  });
  return [
    asset(SITE_ASSETS.resultsScript, script.outputFiles[0]?.text ?? '', CONTENT_TYPE.js),
    asset(SITE_ASSETS.resultsStyle, style.code, CONTENT_TYPE.css),
    asset(
      SITE_ASSETS.rehearsalWatermark,
      readFileSync(join(SITE_DIR, 'results-page', 'rehearsal-watermark.svg'), 'utf8'),
      CONTENT_TYPE.svg,
    ),
  ];
}
