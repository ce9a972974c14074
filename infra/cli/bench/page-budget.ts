/**
 * The results page's weight budgets (issue 5), measured as a browser would load the page from
 * the local site: the HTML, then every stylesheet, script and image it references (and the
 * stylesheet's own images), each gzipped as a CDN would serve it. The first poll (latest.json
 * and, when it moved on, the summary) is reported beside the first load.
 */
import { gzipSync } from 'node:zlib';

export const BUDGETS = {
  /** The page's first load, gzipped, for the demo election. */
  firstLoadGzipped: 60 * 1024,
  /** The pointer every reader polls. */
  pointerBytes: 300,
  /** The summary, gzipped, even at 61,550 sections. */
  summaryGzipped: 20 * 1024,
};

export interface MeasuredFile {
  path: string;
  bytes: number;
  gzipped: number;
}

async function measure(siteUrl: string, path: string): Promise<MeasuredFile & { text: string }> {
  const response = await fetch(new URL(path, siteUrl));
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  return { path, bytes: body.length, gzipped: gzipSync(body).length, text: body.toString('utf8') };
}

const referencesIn = (html: string) =>
  [...html.matchAll(/<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src|img[^>]*src)="([^"]+)"/g)].map(
    (m) => m[1] ?? '',
  );
const urlsInCss = (css: string) => [...css.matchAll(/url\("?([^")]+)"?\)/g)].map((m) => m[1] ?? '');

export async function measurePage(siteUrl: string, pagePath: string, electionId: string) {
  const page = await measure(siteUrl, pagePath);
  const assets: MeasuredFile[] = [];
  for (const path of referencesIn(page.text)) {
    const asset = await measure(siteUrl, path);
    assets.push(asset);
    // Only a rehearsal's body uses the stylesheet's watermark; counting it always is the worst case.
    if (path.endsWith('.css'))
      for (const url of urlsInCss(asset.text)) assets.push(await measure(siteUrl, url));
  }
  const pointer = await measure(siteUrl, `/results/${electionId}/latest.json`);
  const summary = await measure(siteUrl, (JSON.parse(pointer.text) as { summary: string }).summary);
  const files = [page, ...assets].map(({ path, bytes, gzipped }) => ({ path, bytes, gzipped }));
  const firstLoadGzipped = files.reduce((sum, f) => sum + f.gzipped, 0);
  return {
    files,
    firstLoadGzipped,
    pointer: { path: pointer.path, bytes: pointer.bytes, gzipped: pointer.gzipped },
    summary: { path: summary.path, bytes: summary.bytes, gzipped: summary.gzipped },
  };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
export const verdict = (value: number, budget: number) => (value <= budget ? 'within budget' : 'OVER BUDGET');

export function pageReport(measured: Awaited<ReturnType<typeof measurePage>>): string[] {
  return [
    ...measured.files.map((f) => `  ${f.path}: ${f.bytes} bytes, ${f.gzipped} gzipped`),
    `first load of the page: ${kib(measured.firstLoadGzipped)} gzipped (budget ${kib(BUDGETS.firstLoadGzipped)}: ${verdict(measured.firstLoadGzipped, BUDGETS.firstLoadGzipped)})`,
    `first poll: latest.json ${measured.pointer.bytes} bytes (budget ${BUDGETS.pointerBytes}: ${verdict(measured.pointer.bytes, BUDGETS.pointerBytes)}), then the summary ${measured.summary.bytes} bytes, ${measured.summary.gzipped} gzipped, only when it moved on`,
  ];
}
