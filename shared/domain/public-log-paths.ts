/**
 * Where an election's public log is published (docs/interface.md, The public log): its prefix,
 * checkpoint, tiles and entry bundles, the deployment's verifier keys and the section files that
 * list the receipts. URL paths from the site's root. Dependency-free, so the browser's verifier
 * and the command line read the very same layout.
 */
import { type TileAddress, tilePath } from './log/tile-path.js';
import { LogCheckError } from './public-log-checks.js';

/** The deployment's verifier keys, one a line. */
export const LOG_KEYS_PATH = '/results/log-key.txt';

export const publicLogPaths = (electionId: string) => {
  const prefix = `/results/${electionId}/log/`;
  return {
    prefix,
    checkpoint: `${prefix}checkpoint`,
    tile: (address: TileAddress) => `${prefix}${tilePath(address)}`,
    section: (sectionId: string) => `/results/${electionId}/sections/${sectionId}.json`,
    /** The tail of the checkpoint's origin line, and of its key's name: `<deployment>/results/{e}/log`. */
    originSuffix: `/results/${electionId}/log`,
  };
};

/**
 * Reads one published file by its URL path: its bytes, or undefined when the site has none
 * (404). Anything else (a network failure) throws. The page passes `fetch`, the command line
 * `fetch` against its `--site`, the tests a map.
 */
export type FetchPublicFile = (path: string) => Promise<Uint8Array | undefined>;

/** The same reads, a failure to read (not an absence) reported as the `site` check. */
export const reporting =
  (fetchFile: FetchPublicFile): FetchPublicFile =>
  async (path) => {
    try {
      return await fetchFile(path);
    } catch (error) {
      throw new LogCheckError('site', `${path} could not be read: ${(error as Error).message}`);
    }
  };
