/**
 * The published files of a site, read over HTTP(S) for the log's verifiers: a file's bytes, or
 * undefined on 404; any other answer or a network failure throws, so a site that is down is
 * never taken for a log that is missing.
 */
import type { FetchPublicFile } from '../../../shared/domain/public-log-paths.js';

export const httpFiles =
  (site: string): FetchPublicFile =>
  async (path) => {
    const url = new URL(path, site);
    const answer = await fetch(url, { headers: { 'cache-control': 'no-cache' } });
    if (answer.status === 404 || answer.status === 403) {
      await answer.arrayBuffer();
      return undefined;
    }
    if (!answer.ok) throw new Error(`${url.href} answered ${answer.status}`);
    return new Uint8Array(await answer.arrayBuffer());
  };
