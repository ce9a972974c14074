/**
 * An election's public log as a reader gets it from what the site publishes: the checkpoint, then
 * every entry bundle and hash tile its size calls for (by the paths of C2SP tlog-tiles), by their
 * paths under the log's prefix, and the log's key line from the deployment's key file. Read over
 * HTTP from the site (fetchSiteLog), or straight from the bucket behind it (readBucketLog).
 */
import { TILE_WIDTH, tilePath } from '../../shared/domain/log/index.js';
import { s3LogFiles } from '../../shared/storage/log-files.js';

/** Reads one published file by its path from the site's root (`results/...`); throws when it cannot. */
export type ReadPublishedFile = (path: string) => Promise<Uint8Array>;

export interface PublishedLog {
  /** The log's files, by their paths under `results/<e>/log/`. */
  files: Map<string, Uint8Array>;
  /** The checkpoint's size. */
  size: number;
  /** The line of `results/log-key.txt` whose key is named after this election's log. */
  keyLine: string;
}

/** The log, read file by file through `read`, as a reader who starts from the checkpoint would. */
export async function readPublishedLog(read: ReadPublishedFile, electionId: string): Promise<PublishedLog> {
  const prefix = `results/${electionId}/log/`;
  const files = new Map<string, Uint8Array>();
  const checkpoint = await read(`${prefix}checkpoint`);
  files.set('checkpoint', checkpoint);
  const size = Number(new TextDecoder().decode(checkpoint).split('\n')[1]);
  const wanted: string[] = [];
  for (let index = 0; index * TILE_WIDTH < size; index++)
    wanted.push(
      tilePath({ level: 'entries', index, width: Math.min(TILE_WIDTH, size - index * TILE_WIDTH) }),
    );
  for (let level = 0, span = 1; span <= size; level++, span *= TILE_WIDTH) {
    const hashes = Math.floor(size / span);
    for (let index = 0; index * TILE_WIDTH < hashes; index++)
      wanted.push(tilePath({ level, index, width: Math.min(TILE_WIDTH, hashes - index * TILE_WIDTH) }));
  }
  for (const path of wanted) files.set(path, await read(prefix + path));
  const keys = new TextDecoder().decode(await read('results/log-key.txt'));
  const keyLine = keys.split('\n').find((line) => line.split('+')[0]?.endsWith(`/results/${electionId}/log`));
  if (!keyLine) throw new Error(`no key of ${electionId}'s log in results/log-key.txt: ${keys}`);
  return { files, size, keyLine };
}

/** The log over HTTP from the site at `siteUrl` (ending in `/`); a file not answered 200 throws. */
export function fetchSiteLog(siteUrl: string, electionId: string): Promise<PublishedLog> {
  return readPublishedLog(async (path) => {
    const url = `${siteUrl}${path}`;
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }, electionId);
}

/** The log straight from the bucket (S3_ENDPOINT set, as startLocalBucket sets it); a missing file throws. */
export function readBucketLog(bucketName: string, electionId: string): Promise<PublishedLog> {
  const bucket = s3LogFiles(bucketName);
  return readPublishedLog(async (key) => {
    const bytes = await bucket.get(key);
    if (!bytes) throw new Error(`the bucket ${bucketName} has no ${key}`);
    return bytes;
  }, electionId);
}
