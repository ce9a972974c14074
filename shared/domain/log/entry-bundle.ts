/**
 * C2SP tlog-tiles entry bundles: the log's entries, in order, each prefixed with its length as a
 * big-endian 16-bit integer, at most 256 a bundle. Browser-safe.
 */
import { TILE_WIDTH } from './tile-path.js';

export const MAX_ENTRY_BYTES = 65_535;

export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  if (entries.length > TILE_WIDTH) throw new Error(`an entry bundle holds at most ${TILE_WIDTH} entries`);
  const bytes = new Uint8Array(entries.reduce((sum, entry) => sum + 2 + entry.length, 0));
  let at = 0;
  for (const entry of entries) {
    if (entry.length > MAX_ENTRY_BYTES)
      throw new Error(`a log entry of ${entry.length} bytes is over ${MAX_ENTRY_BYTES}`);
    bytes[at] = entry.length >> 8;
    bytes[at + 1] = entry.length & 0xff;
    bytes.set(entry, at + 2);
    at += 2 + entry.length;
  }
  return bytes;
}

export class MalformedEntryBundleError extends Error {
  override name = 'MalformedEntryBundleError';
}

/** The entries of a bundle; throws MalformedEntryBundleError when a length runs past the end. */
export function decodeEntryBundle(bytes: Uint8Array): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 2 > bytes.length) throw new MalformedEntryBundleError('an entry bundle ends inside a length');
    const length = ((bytes[at] as number) << 8) | (bytes[at + 1] as number);
    if (at + 2 + length > bytes.length)
      throw new MalformedEntryBundleError('an entry bundle ends inside an entry');
    entries.push(bytes.subarray(at + 2, at + 2 + length));
    at += 2 + length;
  }
  if (entries.length > TILE_WIDTH) throw new MalformedEntryBundleError('an entry bundle of over 256 entries');
  return entries;
}
