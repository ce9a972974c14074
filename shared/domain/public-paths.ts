import { LOG_KEYS_PATH, publicLogPaths } from './public-log-paths.js';
/**
 * Where each public file lives. Dependency-free, so the page's browser script can use it too.
 */
export const publicPaths = (electionId: string) => {
  const root = `results/${electionId}`;
  return {
    pointer: `${root}/latest.json`,
    snapshot: (seq: number) => `${root}/snapshots/${seq}.json`,
    snapshotCsv: (seq: number) => `${root}/snapshots/${seq}.csv`,
    changes: (seq: number) => `${root}/changes/${seq}.json`,
    /** The Atom feed of the latest publishes, rewritten in place. */
    feed: `${root}/feed.xml`,
    definition: (hash: string) => `${root}/definition/${hash.slice(0, 16)}.json`,
    section: (sectionId: string) => `${root}/sections/${sectionId}.json`,
    sectionsPrefix: `${root}/sections/`,
    /** The public log's prefix (C2SP tlog-tiles): `checkpoint`, `tile/...` under it. */
    log: publicLogPaths(electionId).prefix.slice(1),
  };
};

/** Every log's verifier key of the deployment, one a line, as the bucket keys it (public-log-paths.ts). */
export const LOG_KEYS_FILE = LOG_KEYS_PATH.slice(1);

/** An object key as the URL path the site serves it at. */
export const urlPathOf = (key: string) => `/${key}`;
