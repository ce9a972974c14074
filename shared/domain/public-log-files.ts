/**
 * Reading an election's published log files for a verifier: a hash tile reader for TreeHashes,
 * an entry bundle decoded to its entries, and an entry read back as the canonical JSON of this
 * election's public audit record. Each failure names its check. Browser-safe.
 */
import { canonicalJson } from './canonical-json.js';
import { decodeEntryBundle } from './log/entry-bundle.js';
import type { ReadTile } from './log/tree-from-tiles.js';
import { bundleOf, required } from './public-log-checkpoint.js';
import { type LogCheck, LogCheckError } from './public-log-checks.js';
import type { PublicLogEntry } from './public-log-entry.js';
import { type FetchPublicFile, publicLogPaths } from './public-log-paths.js';

/** Reads the election's hash tiles; a missing one fails `check`. */
export const tileReader =
  (fetchFile: FetchPublicFile, electionId: string, check: LogCheck): ReadTile =>
  (level, index, width) =>
    required(fetchFile, publicLogPaths(electionId).tile({ level, index, width }), check);

/** The entries of the bundle holding `index` in a tree of `size`, checked to be as many as its width. */
export async function readBundle(
  fetchFile: FetchPublicFile,
  electionId: string,
  index: number,
  size: number,
): Promise<Uint8Array[]> {
  const { path, width } = bundleOf(electionId, index, size);
  const bytes = await required(fetchFile, path, 'entry-bundle');
  let entries: Uint8Array[];
  try {
    entries = decodeEntryBundle(bytes);
  } catch (error) {
    throw new LogCheckError('entry-bundle', `${path} does not decode: ${(error as Error).message}`);
  }
  if (entries.length !== width)
    throw new LogCheckError('entry-bundle', `${path} holds ${entries.length} entries, not ${width}`);
  return entries;
}

/** The public audit record an entry holds, checked to be canonical JSON of this election. */
export function parseEntry(bytes: Uint8Array, electionId: string, index: number): PublicLogEntry {
  const fail = (why: string) => new LogCheckError('entry', `entry ${index} ${why}`);
  let text: string;
  let value: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    value = JSON.parse(text);
  } catch {
    throw fail('is not JSON in UTF-8');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw fail('is not a JSON object');
  if (canonicalJson(value) !== text) throw fail('is not canonical JSON (keys sorted, no spaces)');
  const entry = value as Partial<PublicLogEntry>;
  if (entry.electionId !== electionId)
    throw fail(`names election ${String(entry.electionId)}, not ${electionId}`);
  for (const field of ['kind', 'at', 'role', 'credentialId'] as const)
    if (typeof entry[field] !== 'string') throw fail(`has no ${field}`);
  return entry as PublicLogEntry;
}
