/**
 * A second verifier of the public log, written apart from shared/domain/log/ and sharing none of
 * its code: node:crypto's SHA-256 and Ed25519, the tile paths spelled its own way, the root and
 * every tile recomputed from the entries by the recursive MTH of RFC 9162 section 2.1.1 over all
 * leaves (not from tiles, not level by level). The tests check what the appender writes with it.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';

const sha256 = (...parts: Uint8Array[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
};

const leafHashOf = (entry: Uint8Array) => sha256(Uint8Array.of(0), entry);

/** MTH(D[start:end]), recursively, from the leaf hashes. */
function mth(leaves: readonly Uint8Array[], start: number, end: number): Uint8Array {
  const n = end - start;
  if (n === 0) return sha256();
  if (n === 1) return leaves[start] as Uint8Array;
  let k = 1;
  while (k << 1 < n) k <<= 1;
  return sha256(Uint8Array.of(1), mth(leaves, start, start + k), mth(leaves, start + k, end));
}

/** "x001/x234/067" the other way round: the decimal digits, left-padded to groups of three. */
function indexPath(index: number): string {
  let digits = String(index);
  while (digits.length % 3 !== 0) digits = `0${digits}`;
  const groups = digits.match(/.../g) as string[];
  return groups.map((group, i) => (i === groups.length - 1 ? group : `x${group}`)).join('/');
}

const pathOf = (level: string, index: number, width: number) =>
  `tile/${level}/${indexPath(index)}${width === 256 ? '' : `.p/${width}`}`;

function entriesOf(bundle: Uint8Array): Uint8Array[] {
  const entries: Uint8Array[] = [];
  const view = Buffer.from(bundle.buffer, bundle.byteOffset, bundle.length);
  for (let at = 0; at < view.length; ) {
    const length = view.readUInt16BE(at);
    entries.push(new Uint8Array(view.subarray(at + 2, at + 2 + length)));
    at += 2 + length;
  }
  return entries;
}

/** Ed25519 public key from a note verifier key, with its key id checked. */
function publicKeyOf(vkey: string) {
  const [name = '', keyId = '', ...rest] = vkey.split('+');
  const key = Buffer.from(rest.join('+'), 'base64');
  if (key.length !== 33 || key[0] !== 1) throw new Error('independent verifier: not an Ed25519 vkey');
  const id = createHash('sha256').update(`${name}\n`).update(key).digest().subarray(0, 4).toString('hex');
  if (id !== keyId) throw new Error('independent verifier: the key id does not match');
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), key.subarray(1)]);
  return { name, keyId, key: createPublicKey({ key: spki, format: 'der', type: 'spki' }) };
}

export interface IndependentVerdict {
  size: number;
  rootBase64: string;
  time: string | undefined;
  entries: Uint8Array[];
}

/**
 * Checks a whole log as files under its prefix (`checkpoint`, `tile/...`): the checkpoint's
 * Ed25519 signature by `vkey`, every entry bundle the size calls for, the root recomputed from
 * all the entries, and every hash tile (full and partial) the size calls for, byte for byte.
 * Throws, saying what differs.
 */
export function verifyLogIndependently(
  files: ReadonlyMap<string, Uint8Array>,
  vkey: string,
): IndependentVerdict {
  const note = Buffer.from(files.get('checkpoint') ?? new Uint8Array()).toString('utf8');
  const split = note.lastIndexOf('\n\n');
  const text = note.slice(0, split + 1);
  const { name, keyId, key } = publicKeyOf(vkey);
  const signed = note
    .slice(split + 2)
    .split('\n')
    .filter((line) => line.startsWith(`\u2014 ${name} `))
    .map((line) => Buffer.from(line.slice(`\u2014 ${name} `.length), 'base64'))
    .filter((sig) => sig.subarray(0, 4).toString('hex') === keyId)
    .some((sig) => verify(null, Buffer.from(text, 'utf8'), key, sig.subarray(4)));
  if (!signed) throw new Error('independent verifier: no valid signature of the key on the checkpoint');
  const [origin, sizeText, rootBase64, ...extensions] = text.slice(0, -1).split('\n');
  if (origin !== name) throw new Error('independent verifier: the origin is not the key name');
  const size = Number(sizeText);

  const entries: Uint8Array[] = [];
  for (let index = 0; index * 256 < size; index++) {
    const width = Math.min(256, size - index * 256);
    const bundle = files.get(pathOf('entries', index, width));
    if (!bundle) throw new Error(`independent verifier: no entry bundle ${pathOf('entries', index, width)}`);
    const found = entriesOf(bundle);
    if (found.length !== width)
      throw new Error(`independent verifier: bundle ${index} has ${found.length} entries`);
    entries.push(...found);
  }
  const leaves = entries.map(leafHashOf);
  const root = Buffer.from(mth(leaves, 0, size)).toString('base64');
  if (root !== rootBase64)
    throw new Error(`independent verifier: the entries hash to ${root}, not ${rootBase64}`);

  for (let level = 0, span = 1; span <= size; level++, span *= 256) {
    const hashes = Math.floor(size / span);
    for (let index = 0; index * 256 < hashes; index++) {
      const width = Math.min(256, hashes - index * 256);
      const path = pathOf(String(level), index, width);
      const expected = Buffer.concat(
        Array.from({ length: width }, (_, i) => {
          const first = (index * 256 + i) * span;
          return mth(leaves, first, first + span);
        }),
      );
      const tile = files.get(path);
      if (!tile || !expected.equals(tile))
        throw new Error(`independent verifier: tile ${path} is wrong or missing`);
    }
  }
  const time = extensions.find((line) => line.startsWith('time '))?.slice('time '.length);
  return { size, rootBase64, time, entries };
}
