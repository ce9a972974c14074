/**
 * Appending entries to a C2SP tlog-tiles log: from the current size, the entries to add and a
 * reader of the tiles and bundles already written, every hash tile and entry bundle to write and
 * the new root. Pure apart from the injected reads; the caller writes the files (full ones
 * immutable, partial ones replaced by the next append) and then signs the new checkpoint. A full
 * tile or bundle is written once: only the partial rightmost ones of the old tree are read and
 * extended. Browser-safe.
 */
import { decodeEntryBundle, encodeEntryBundle } from './entry-bundle.js';
import { hashesEqual } from './merkle-proofs.js';
import { HASH_SIZE, type Hash, leafHash } from './rfc6962.js';
import { TILE_WIDTH, tilePath } from './tile-path.js';
import {
  hashesOfTile,
  MalformedTileError,
  perfectSubtreeHash,
  type ReadTile,
  TreeHashes,
  treeHash,
} from './tree-from-tiles.js';

/** Reads the entry bundle of this index, `width` entries wide (256 for a full bundle). */
export type ReadEntryBundle = (index: number, width: number) => Promise<Uint8Array>;

export interface LogReader {
  readTile: ReadTile;
  readEntryBundle: ReadEntryBundle;
}

/** One file to write under the log's prefix. */
export interface LogFile {
  /** Relative to the log's prefix: `tile/0/x001/234`, `tile/entries/000.p/7`. */
  path: string;
  level: number | 'entries';
  index: number;
  width: number;
  bytes: Uint8Array;
  /** A full tile or bundle never changes (cache it for good); a partial one is replaced later. */
  immutable: boolean;
}

export interface AppendResult {
  /** The tree's size after the append. */
  size: number;
  root: Hash;
  /** The new entries' leaf hashes, in order: entry i is at log index (old size + i). */
  leafHashes: Hash[];
  /** Hash tiles, lowest level first. */
  tiles: LogFile[];
  bundles: LogFile[];
}

export class LogHistoryMismatchError extends Error {
  override name = 'LogHistoryMismatchError';
}

export interface AppendInput {
  /** The log's size now (the last checkpoint's). */
  size: number;
  entries: readonly Uint8Array[];
  reader: LogReader;
  /**
   * The root of the log at `size` as last signed: when given, the tiles read are checked
   * against it first, so an append never builds on altered history.
   */
  previousRoot?: Hash;
}

export async function appendEntries({
  size,
  entries,
  reader,
  previousRoot,
}: AppendInput): Promise<AppendResult> {
  if (!Number.isSafeInteger(size) || size < 0) throw new Error(`not a log size: ${size}`);
  const newSize = size + entries.length;
  if (previousRoot !== undefined) {
    const root = await treeHash(new TreeHashes(size, reader.readTile));
    if (!hashesEqual(root, previousRoot))
      throw new LogHistoryMismatchError(
        `the tiles of the log at size ${size} do not hash to its signed root`,
      );
  }
  const bundles = await bundlesOf(size, entries, reader.readEntryBundle);
  const leafHashes = entries.map(leafHash);
  const tiles: LogFile[] = [];

  // Level by level: the new hashes of a level are the roots of the tiles below that this append
  // filled; the partial tile it extends is read at the width the old tree has it.
  let fresh = leafHashes;
  let oldCount = size;
  let newCount = newSize;
  for (let level = 0; newCount > oldCount; level++) {
    const firstTile = Math.floor(oldCount / TILE_WIDTH);
    const kept = oldCount % TILE_WIDTH;
    const prefix = kept > 0 ? await readHashes(reader.readTile, level, firstTile, kept) : [];
    const hashes = [...prefix, ...fresh];
    const parents: Hash[] = [];
    for (let at = 0, index = firstTile; at < hashes.length; at += TILE_WIDTH, index++) {
      const chunk = hashes.slice(at, at + TILE_WIDTH);
      tiles.push(fileOf(level, index, chunk.length, concat(chunk)));
      if (chunk.length === TILE_WIDTH) parents.push(perfectSubtreeHash(chunk));
    }
    fresh = parents;
    oldCount = Math.floor(oldCount / TILE_WIDTH);
    newCount = Math.floor(newCount / TILE_WIDTH);
  }

  const written = new Map(tiles.map((tile) => [`${tile.level}/${tile.index}`, tile.bytes]));
  const readWithNew: ReadTile = (level, index, width) =>
    Promise.resolve(written.get(`${level}/${index}`) ?? reader.readTile(level, index, width));
  const root = await treeHash(new TreeHashes(newSize, readWithNew));
  return { size: newSize, root, leafHashes, tiles, bundles };
}

async function bundlesOf(
  size: number,
  entries: readonly Uint8Array[],
  readEntryBundle: ReadEntryBundle,
): Promise<LogFile[]> {
  if (entries.length === 0) return [];
  const firstBundle = Math.floor(size / TILE_WIDTH);
  const kept = size % TILE_WIDTH;
  const prefix = kept > 0 ? decodeEntryBundle(await readEntryBundle(firstBundle, kept)) : [];
  if (prefix.length !== kept)
    throw new Error(`entry bundle ${firstBundle} of width ${kept} holds ${prefix.length} entries`);
  const all = [...prefix, ...entries];
  const files: LogFile[] = [];
  for (let at = 0, index = firstBundle; at < all.length; at += TILE_WIDTH, index++) {
    const chunk = all.slice(at, at + TILE_WIDTH);
    files.push(fileOf('entries', index, chunk.length, encodeEntryBundle(chunk)));
  }
  return files;
}

async function readHashes(readTile: ReadTile, level: number, index: number, width: number): Promise<Hash[]> {
  const bytes = await readTile(level, index, width);
  if (bytes.length !== width * HASH_SIZE) throw new MalformedTileError(level, index, width, bytes.length);
  return hashesOfTile(bytes);
}

function fileOf(level: number | 'entries', index: number, width: number, bytes: Uint8Array): LogFile {
  return {
    path: tilePath({ level, index, width }),
    level,
    index,
    width,
    bytes,
    immutable: width === TILE_WIDTH,
  };
}

function concat(hashes: readonly Hash[]): Uint8Array {
  const bytes = new Uint8Array(hashes.length * HASH_SIZE);
  hashes.forEach((hash, i) => {
    bytes.set(hash, i * HASH_SIZE);
  });
  return bytes;
}
