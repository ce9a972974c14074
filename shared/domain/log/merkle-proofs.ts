/**
 * Verifying RFC 9162 inclusion and consistency proofs (sections 2.1.3.2 and 2.1.4.2), pure and
 * synchronous, over RFC 6962 hashing. Tree sizes and indexes are plain numbers: every step is
 * arithmetic (halving, parity), never 32-bit bitwise operators, so a log past 2^32 entries still
 * verifies. Browser-safe.
 */
import { HASH_SIZE, type Hash, nodeHash } from './rfc6962.js';

export function hashesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] as number) ^ (b[i] as number);
  return difference === 0;
}

const isOdd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);
const isSize = (n: number) => Number.isSafeInteger(n) && n >= 0;
const isHash = (h: Uint8Array) => h.length === HASH_SIZE;

/** The largest power of two strictly below n (n >= 2), the split point of RFC 9162's MTH. */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * Whether `proof` shows the leaf `leaf` at `index` in the tree of `size` leaves whose root is
 * `root` (RFC 9162 section 2.1.3.2).
 */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Hash,
  proof: readonly Hash[],
  root: Hash,
): boolean {
  if (!isSize(index) || !isSize(size) || index >= size) return false;
  if (!isHash(leaf) || !isHash(root) || !proof.every(isHash)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && hashesEqual(r, root);
}

/**
 * Whether `proof` shows the tree of `firstSize` leaves and root `firstRoot` to be a prefix of the
 * tree of `secondSize` leaves and root `secondRoot` (RFC 9162 section 2.1.4.2). Equal sizes need
 * an empty proof and equal roots; the empty tree is a prefix of every tree.
 */
export function verifyConsistency(
  firstSize: number,
  secondSize: number,
  proof: readonly Hash[],
  firstRoot: Hash,
  secondRoot: Hash,
): boolean {
  if (!isSize(firstSize) || !isSize(secondSize) || firstSize > secondSize) return false;
  if (!isHash(firstRoot) || !isHash(secondRoot) || !proof.every(isHash)) return false;
  if (firstSize === secondSize) return proof.length === 0 && hashesEqual(firstRoot, secondRoot);
  if (firstSize === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(firstSize) ? [firstRoot, ...proof] : [...proof];
  let fn = firstSize - 1;
  let sn = secondSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0] as Hash;
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && hashesEqual(fr, firstRoot) && hashesEqual(sr, secondRoot);
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}
