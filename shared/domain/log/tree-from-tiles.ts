/**
 * A tree's hashes read from its tiles (C2SP tlog-tiles), through an injected reader, and what
 * they give: the root of any size up to the tree's, inclusion and consistency proofs (RFC 9162
 * sections 2.1.3.1 and 2.1.4.1). The tiles are not trusted here: a proof computed from altered
 * tiles fails its verification against a signed root (merkle-proofs.ts). Browser-safe.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { largestPowerOfTwoBelow } from './merkle-proofs.js';
import { HASH_SIZE, type Hash, nodeHash } from './rfc6962.js';
import { TILE_HEIGHT, TILE_WIDTH, tileWidthAt } from './tile-path.js';

/** Reads the hash tile at this level and index, `width` hashes wide (256 for a full tile). */
export type ReadTile = (level: number, index: number, width: number) => Promise<Uint8Array>;

export class MalformedTileError extends Error {
  override name = 'MalformedTileError';
  constructor(
    readonly level: number,
    readonly index: number,
    readonly width: number,
    readonly bytes: number,
  ) {
    super(`tile ${level}/${index} of width ${width} has ${bytes} bytes, not ${width * HASH_SIZE}`);
  }
}

/** The RFC 6962 hash of a perfect subtree over `hashes` (a power of two of them, in order). */
export function perfectSubtreeHash(hashes: readonly Hash[]): Hash {
  let level = [...hashes];
  while (level.length > 1) {
    const next: Hash[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(nodeHash(level[i] as Hash, level[i + 1] as Hash));
    level = next;
  }
  const [root] = level;
  if (!root) throw new Error('a subtree of no hashes');
  return root;
}

/** The hashes a tile's bytes hold. */
export function hashesOfTile(bytes: Uint8Array): Hash[] {
  const hashes: Hash[] = [];
  for (let at = 0; at + HASH_SIZE <= bytes.length; at += HASH_SIZE)
    hashes.push(bytes.subarray(at, at + HASH_SIZE));
  return hashes;
}

/**
 * The hashes of a tree of `size` leaves, as its tiles hold them. Each tile is read once (and
 * kept for the reader's life), at the width the tree of this size has it.
 */
export class TreeHashes {
  private readonly tiles = new Map<string, Promise<Hash[]>>();

  constructor(
    readonly size: number,
    private readonly readTile: ReadTile,
  ) {
    if (!Number.isSafeInteger(size) || size < 0) throw new Error(`not a tree size: ${size}`);
  }

  /** The hash of the perfect subtree of 2^height leaves starting at leaf index * 2^height. */
  async subtree(height: number, index: number): Promise<Hash> {
    if ((index + 1) * 2 ** height > this.size)
      throw new RangeError(`no subtree ${height}/${index} in a tree of ${this.size}`);
    const level = Math.floor(height / TILE_HEIGHT);
    const span = 2 ** (height % TILE_HEIGHT);
    const first = index * span;
    const tile = Math.floor(first / TILE_WIDTH);
    const hashes = await this.tile(level, tile);
    const offset = first - tile * TILE_WIDTH;
    return perfectSubtreeHash(hashes.slice(offset, offset + span));
  }

  /**
   * RFC 9162's MTH(D[start:end]) for the ranges its proofs use: a run of perfect subtrees of
   * decreasing size (end - start's binary digits) from an index aligned to the first, hashed
   * together from the right.
   */
  async range(start: number, end: number): Promise<Hash> {
    const parts: Promise<Hash>[] = [];
    let at = start;
    for (let height = 52; height >= 0; height--) {
      const span = 2 ** height;
      if (end - at >= span) {
        if (at % span !== 0) throw new RangeError(`the range ${start}-${end} is not one of RFC 9162's`);
        parts.push(this.subtree(height, at / span));
        at += span;
      }
    }
    const hashes = await Promise.all(parts);
    let hash = hashes.pop();
    if (!hash) throw new RangeError('the hash of an empty range');
    while (hashes.length > 0) hash = nodeHash(hashes.pop() as Hash, hash);
    return hash;
  }

  private tile(level: number, index: number): Promise<Hash[]> {
    const key = `${level}/${index}`;
    let hashes = this.tiles.get(key);
    if (!hashes) {
      const width = tileWidthAt(this.size, level, index);
      hashes = this.readTile(level, index, width).then((bytes) => {
        if (bytes.length !== width * HASH_SIZE)
          throw new MalformedTileError(level, index, width, bytes.length);
        return hashesOfTile(bytes);
      });
      this.tiles.set(key, hashes);
    }
    return hashes;
  }
}

/** SHA-256 of nothing: RFC 9162's MTH of the empty tree. */
export const EMPTY_TREE_HASH: Hash = sha256(new Uint8Array(0));

/** The root hash of the first `size` leaves (size <= the tree's). */
export async function treeHash(tree: TreeHashes, size = tree.size): Promise<Hash> {
  checkWithin(tree, size);
  return size === 0 ? EMPTY_TREE_HASH : tree.range(0, size);
}

/** The inclusion proof of leaf `index` in the first `size` leaves (RFC 9162 2.1.3.1, PATH). */
export async function inclusionProof(tree: TreeHashes, index: number, size = tree.size): Promise<Hash[]> {
  checkWithin(tree, size);
  if (!Number.isSafeInteger(index) || index < 0 || index >= size)
    throw new RangeError(`no leaf ${index} in a tree of ${size}`);
  const proof: Promise<Hash>[] = [];
  let start = 0;
  let end = size;
  // Walks from the root down to the leaf; the proof lists the siblings from the leaf up.
  while (end - start > 1) {
    const k = largestPowerOfTwoBelow(end - start);
    if (index < start + k) {
      proof.unshift(tree.range(start + k, end));
      end = start + k;
    } else {
      proof.unshift(tree.range(start, start + k));
      start += k;
    }
  }
  return Promise.all(proof);
}

/**
 * The consistency proof from the first `firstSize` leaves to the first `secondSize`
 * (RFC 9162 2.1.4.1, SUBPROOF); empty when the sizes are equal or the first is empty.
 */
export async function consistencyProof(
  tree: TreeHashes,
  firstSize: number,
  secondSize = tree.size,
): Promise<Hash[]> {
  checkWithin(tree, secondSize);
  if (!Number.isSafeInteger(firstSize) || firstSize < 0 || firstSize > secondSize)
    throw new RangeError(`no consistency from ${firstSize} to ${secondSize}`);
  if (firstSize === 0 || firstSize === secondSize) return [];
  const proof: Promise<Hash>[] = [];
  let m = firstSize;
  let start = 0;
  let end = secondSize;
  let whole = true;
  while (m !== end - start) {
    const k = largestPowerOfTwoBelow(end - start);
    if (m <= k) {
      proof.unshift(tree.range(start + k, end));
      end = start + k;
    } else {
      proof.unshift(tree.range(start, start + k));
      m -= k;
      start += k;
      whole = false;
    }
  }
  if (!whole) proof.unshift(tree.range(start, end));
  return Promise.all(proof);
}

function checkWithin(tree: TreeHashes, size: number) {
  if (!Number.isSafeInteger(size) || size < 0 || size > tree.size)
    throw new RangeError(`size ${size} is not within the tree of ${tree.size}`);
}
