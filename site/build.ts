/**
 * Builds the site's static assets with esbuild: the results page's script (bundled from the
 * same TypeScript the publisher renders with), its stylesheet and the rehearsal watermark,
 * each named by a hash of its content and cached for good, then the manifest that names them
 * (last, so it never names a file not yet uploaded).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';
import { CACHE, CONTENT_TYPE } from '../shared/storage/bucket.js';
import { SITE_MANIFEST_KEY, type SiteAssets } from './results-page/site-assets.js';

const SITE_DIR = dirname(fileURLToPath(import.meta.url));

export interface SiteFile {
  key: string;
  body: string;
  contentType: string;
  cacheControl: string;
}

/** Browsers of cheap phones still in use: what the script may assume. */
const BROWSERS = ['chrome87', 'firefox78', 'safari15', 'edge88'];

/** `/assets/<name>.<hash of the content>.<extension>`: a new build never overwrites an old one. */
const hashedPath = (name: string, extension: string, body: string) =>
  `/assets/${name}.${createHash('sha256').update(body).digest('hex').slice(0, 12)}.${extension}`;

const file = (path: string, body: string, contentType: string): SiteFile => ({
  key: path.replace(/^\//, ''),
  body,
  contentType,
  cacheControl: CACHE.immutable,
});

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
  const scriptBody = script.outputFiles[0]?.text ?? '';
  const watermark = readFileSync(join(SITE_DIR, 'results-page', 'rehearsal-watermark.svg'), 'utf8');
  const watermarkPath = hashedPath('rehearsal-watermark', 'svg', watermark);
  const css = readFileSync(join(SITE_DIR, 'results-page', 'results-page.css'), 'utf8').replaceAll(
    '/assets/rehearsal-watermark.svg',
    watermarkPath,
  );
  const style = await transform(css, { loader: 'css', minify: true, target: BROWSERS });
  const manifest: Required<SiteAssets> = {
    resultsScript: hashedPath('results-page', 'js', scriptBody),
    resultsStyle: hashedPath('results-page', 'css', style.code),
  };
  return [
    file(manifest.resultsScript, scriptBody, CONTENT_TYPE.js),
    file(manifest.resultsStyle, style.code, CONTENT_TYPE.css),
    file(watermarkPath, watermark, CONTENT_TYPE.svg),
    {
      ...file(`/${SITE_MANIFEST_KEY}`, JSON.stringify(manifest), CONTENT_TYPE.json),
      cacheControl: 'no-cache',
    },
  ];
}
