/**
 * Builds the site's static assets with esbuild: the results page's script (bundled from the
 * same TypeScript the publisher renders with), its stylesheet and the rehearsal watermark, the
 * officer and staff apps, the receipt verification page (`/verify/`),
 * each named by a hash of its content and cached for good, then the manifest that names them
 * (last, so it never names a file not yet uploaded).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin, transform } from 'esbuild';
import {
  ERROR_PAGE_CSS,
  ERROR_PAGE_STYLE_PATH,
  NOT_FOUND_CACHE_CONTROL,
  NOT_FOUND_PAGE_KEY,
  notFoundPage,
} from '../shared/pages/error-page.js';
import { FAVICON_PATH } from '../shared/pages/html.js';
import { SITE_MANIFEST_KEY, type SiteAssets } from '../shared/pages/site-assets.js';
import { CACHE, CONTENT_TYPE } from '../shared/storage/bucket.js';
import { appHead } from './app-head.js';
import { verifyPage } from './verify-page/page.js';

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

/**
 * Zod re-exports all its ~40 message locales (about 260 KB) from the `z` object. Imported as a
 * namespace (`import * as z`, which lint requires) they are dropped by esbuild itself; this keeps
 * them out of the browser whatever the import: the site's scripts only ever speak through our
 * own messages, so zod keeps its default English one.
 */
const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(plugin) {
    plugin.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";',
      loader: 'js',
    }));
  },
};

/** One browser script, bundled and minified. */
async function bundle(entry: string, define: Record<string, string> = {}): Promise<string> {
  const result = await build({
    entryPoints: [join(SITE_DIR, entry)],
    plugins: [zodEnglishOnly],
    define,
    bundle: true,
    minify: true,
    format: 'iife',
    target: BROWSERS,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    // Before zod loads: its schemas would otherwise probe `new Function`, which the site's CSP
    // forbids (the probe's failure is caught, but the browser still reports a violation).
    banner: { js: 'globalThis.__zod_globalConfig={jitless:true};' },
  });
  return result.outputFiles[0]?.text ?? '';
}

/** A page's stylesheet, after the site's shared base (`site/base.css`), minified. */
const minifiedCss = async (path: string, replace: (css: string) => string = (css) => css) =>
  (
    await transform(
      replace(
        `${readFileSync(join(SITE_DIR, 'base.css'), 'utf8')}\n${readFileSync(join(SITE_DIR, path), 'utf8')}`,
      ),
      {
        loader: 'css',
        minify: true,
        target: BROWSERS,
      },
    )
  ).code;

/** An app's page (officer, staff): static, naming its hashed script and stylesheet; rewritten by each upload. */
function appPage(title: string, script: string, style: string): string {
  return `${appHead(title, script, style)}
<body>
<main id="app"><noscript><p>Questa app richiede JavaScript. This app needs JavaScript.</p></noscript></main>
<div id="announcer" class="visually-hidden" role="status" aria-live="polite"></div>
</body>
</html>
`;
}

export async function buildSite(): Promise<SiteFile[]> {
  const scriptBody = await bundle('results-page/live.ts');
  const watermark = readFileSync(join(SITE_DIR, 'results-page', 'rehearsal-watermark.svg'), 'utf8');
  const watermarkPath = hashedPath('rehearsal-watermark', 'svg', watermark);
  const style = await minifiedCss('results-page/results-page.css', (css) =>
    css.replaceAll('/assets/rehearsal-watermark.svg', watermarkPath),
  );
  const manifest: Required<SiteAssets> = {
    resultsScript: hashedPath('results-page', 'js', scriptBody),
    resultsStyle: hashedPath('results-page', 'css', style),
  };
  // The officer app says its version with every call (X-App-Version): the package's.
  const { version } = JSON.parse(readFileSync(join(SITE_DIR, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const officerScript = await bundle('officer-app/app.ts', {
    __OFFICER_APP_VERSION__: JSON.stringify(version),
  });
  const officerStyle = await minifiedCss('officer-app/officer-app.css');
  const officerScriptPath = hashedPath('officer-app', 'js', officerScript);
  const officerStylePath = hashedPath('officer-app', 'css', officerStyle);
  const staffScript = await bundle('staff-app/app.ts');
  const staffScriptPath = hashedPath('staff-app', 'js', staffScript);
  const verifyScript = await bundle('verify-page/app.ts');
  const verifyStyle = await minifiedCss('verify-page/verify-page.css');
  const verifyScriptPath = hashedPath('verify-page', 'js', verifyScript);
  const verifyStylePath = hashedPath('verify-page', 'css', verifyStyle);
  const qrReader = await bundle('verify-page/qr-reader.ts');
  const qrReaderPath = hashedPath('qr-reader', 'js', qrReader);
  return [
    file(qrReaderPath, qrReader, CONTENT_TYPE.js),
    file(verifyScriptPath, verifyScript, CONTENT_TYPE.js),
    file(verifyStylePath, verifyStyle, CONTENT_TYPE.css),
    {
      // The public verification of a receipt (the QR link opens it): no API, the log's files only.
      key: 'verify/index.html',
      body: verifyPage(verifyScriptPath, verifyStylePath, qrReaderPath),
      contentType: CONTENT_TYPE.html,
      cacheControl: CACHE.live,
    },
    file(staffScriptPath, staffScript, CONTENT_TYPE.js),
    {
      // The staff page shares the officer app's stylesheet: one look for the municipality's tools.
      key: 'staff/index.html',
      body: appPage('Personale del Comune', staffScriptPath, officerStylePath),
      contentType: CONTENT_TYPE.html,
      cacheControl: CACHE.live,
    },
    file(manifest.resultsScript, scriptBody, CONTENT_TYPE.js),
    file(manifest.resultsStyle, style, CONTENT_TYPE.css),
    file(watermarkPath, watermark, CONTENT_TYPE.svg),
    file(officerScriptPath, officerScript, CONTENT_TYPE.js),
    file(officerStylePath, officerStyle, CONTENT_TYPE.css),
    {
      key: 'officer/index.html',
      body: appPage('Seggio: invio dei dati', officerScriptPath, officerStylePath),
      contentType: CONTENT_TYPE.html,
      cacheControl: CACHE.live,
    },
    {
      // At a stable path, never cached by browser or CDN, so a new build's worker is found at once.
      key: 'officer/sw.js',
      body: await bundle('officer-app/service-worker.ts', {
        APP_FILES: JSON.stringify(['/officer/', officerScriptPath, officerStylePath]),
      }),
      contentType: CONTENT_TYPE.js,
      cacheControl: 'no-cache',
    },
    {
      // The site's icon, at a stable path every page links (shared/pages/html.ts).
      key: FAVICON_PATH.slice(1),
      body: readFileSync(join(SITE_DIR, 'favicon.svg'), 'utf8'),
      contentType: CONTENT_TYPE.svg,
      cacheControl: 'public, max-age=86400',
    },
    // The "not found" page (error-page.ts): its stylesheet, then the page, as the API answers it.
    file(ERROR_PAGE_STYLE_PATH, ERROR_PAGE_CSS, CONTENT_TYPE.css),
    {
      key: NOT_FOUND_PAGE_KEY,
      body: notFoundPage(),
      contentType: CONTENT_TYPE.html,
      cacheControl: NOT_FOUND_CACHE_CONTROL,
    },
    {
      ...file(`/${SITE_MANIFEST_KEY}`, JSON.stringify(manifest), CONTENT_TYPE.json),
      cacheControl: 'no-cache',
    },
  ];
}
