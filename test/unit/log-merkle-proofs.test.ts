import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyConsistency, verifyInclusion } from '../../shared/domain/log/merkle-proofs.js';
import { fromHex, type Hash, leafHash, toHex } from '../../shared/domain/log/rfc6962.js';
import {
  consistencyProof,
  EMPTY_TREE_HASH,
  inclusionProof,
  TreeHashes,
  treeHash,
} from '../../shared/domain/log/tree-from-tiles.js';
import { MemoryLog, testEntry } from '../helpers/memory-log.js';

/** RFC 6962's reference tree (the leaves and hashes of transparency-dev/merkle's test data). */
const LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
];
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
/** [leaf index, tree size, proof] */
const INCLUSION: [number, number, string[]][] = [
  [0, 1, []],
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];
/** [first size, second size, proof] */
const CONSISTENCY: [number, number, string[]][] = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    6,
    7,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];

const flipBit = (hash: Hash, bit: number) => {
  const copy = Uint8Array.from(hash);
  copy[bit >> 3] = (copy[bit >> 3] as number) ^ (1 << (bit & 7));
  return copy;
};

describe('the RFC 6962 reference tree, built by appending one leaf at a time', () => {
  const log = new MemoryLog();
  beforeAll(async () => {
    for (const leaf of LEAVES) await log.append([fromHex(leaf)]);
  });

  it('given every size from 0 to 8, then the tree hash from the tiles is the reference root', async () => {
    // Act
    const roots = await Promise.all(
      [0, 1, 2, 3, 4, 5, 6, 7, 8].map((size) => treeHash(new TreeHashes(size, log.reader.readTile))),
    );

    // Assert
    expect(toHex(roots[0] as Hash)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(roots.slice(1).map(toHex)).toEqual(ROOTS);
    expect(toHex(EMPTY_TREE_HASH)).toBe(toHex(roots[0] as Hash));
  });

  it('given the reference inclusion proofs, then the tiles give the same proofs and each verifies', async () => {
    for (const [index, size, expected] of INCLUSION) {
      // Act
      const proof = await inclusionProof(new TreeHashes(size, log.reader.readTile), index);
      const leaf = leafHash(fromHex(LEAVES[index] as string));

      // Assert
      expect(proof.map(toHex)).toEqual(expected);
      expect(
        verifyInclusion(index, size, leaf, expected.map(fromHex), fromHex(ROOTS[size - 1] as string)),
      ).toBe(true);
      expect(
        verifyInclusion(index, size, fromHex('00'.repeat(32)), proof, fromHex(ROOTS[size - 1] as string)),
      ).toBe(false);
    }
  });

  it('given the reference consistency proofs, then the tiles give the same proofs and each verifies', async () => {
    for (const [first, second, expected] of CONSISTENCY) {
      // Act
      const proof = await consistencyProof(new TreeHashes(second, log.reader.readTile), first);

      // Assert
      expect(proof.map(toHex)).toEqual(expected);
      const [firstRoot, secondRoot] = [
        fromHex(ROOTS[first - 1] as string),
        fromHex(ROOTS[second - 1] as string),
      ];
      expect(verifyConsistency(first, second, expected.map(fromHex), firstRoot, secondRoot)).toBe(true);
      expect(verifyConsistency(first, second, expected.map(fromHex), secondRoot, firstRoot)).toBe(
        first === second,
      );
    }
  });

  it('given proofs with a hash too many, too few, or sizes out of range, then none verifies', () => {
    // Prepare
    const [index, size, path] = INCLUSION[2] as [number, number, string[]];
    const proof = path.map(fromHex);
    const leaf = leafHash(fromHex(LEAVES[index] as string));
    const root = fromHex(ROOTS[size - 1] as string);
    const consistency = (CONSISTENCY[2]?.[2] ?? []).map(fromHex);

    // Act / Assert
    expect(verifyInclusion(index, size, leaf, proof, root)).toBe(true);
    expect(verifyInclusion(index, size, leaf, proof.slice(1), root)).toBe(false);
    expect(verifyInclusion(index, size, leaf, [...proof, root], root)).toBe(false);
    expect(verifyInclusion(size, size, leaf, proof, root)).toBe(false);
    expect(verifyInclusion(-1, size, leaf, proof, root)).toBe(false);
    expect(verifyConsistency(6, 8, consistency.slice(1), fromHex(ROOTS[5] as string), root)).toBe(false);
    expect(verifyConsistency(8, 6, consistency, root, fromHex(ROOTS[5] as string))).toBe(false);
    expect(verifyConsistency(0, 8, [], EMPTY_TREE_HASH, root)).toBe(true);
    expect(verifyConsistency(0, 8, consistency, EMPTY_TREE_HASH, root)).toBe(false);
    expect(verifyConsistency(8, 8, [], root, root)).toBe(true);
    expect(verifyConsistency(8, 8, [root], root, root)).toBe(false);
  });
});

describe('proofs over a log built one entry at a time (every size has its checkpoint tiles)', () => {
  const MAX = 700;
  const log = new MemoryLog();
  const roots: Hash[] = [];
  beforeAll(async () => {
    for (let i = 0; i < MAX; i++) {
      await log.append([testEntry(i)]);
      roots.push(log.root);
    }
  }, 120_000);
  const rootOf = (size: number) => (size === 0 ? EMPTY_TREE_HASH : (roots[size - 1] as Hash));

  it('given any size n and index below it, then the inclusion proof verifies, and no flipped bit, other index or other size does', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: MAX }).chain((n) => fc.tuple(fc.constant(n), fc.nat(n - 1), fc.nat(255))),
        async ([n, index, bit]) => {
          // Prepare
          const tree = new TreeHashes(n, log.reader.readTile);
          const leaf = leafHash(testEntry(index));

          // Act
          const proof = await inclusionProof(tree, index);

          // Assert
          expect(verifyInclusion(index, n, leaf, proof, rootOf(n))).toBe(true);
          expect(verifyInclusion(index, n, flipBit(leaf, bit), proof, rootOf(n))).toBe(false);
          expect(verifyInclusion(index, n, leaf, proof, flipBit(rootOf(n), bit))).toBe(false);
          proof.forEach((_, k) => {
            const bent = proof.map((hash, j) => (j === k ? flipBit(hash, bit) : hash));
            expect(verifyInclusion(index, n, leaf, bent, rootOf(n))).toBe(false);
          });
          if (index + 1 < n) expect(verifyInclusion(index + 1, n, leaf, proof, rootOf(n))).toBe(false);
          if (index > 0) expect(verifyInclusion(index - 1, n, leaf, proof, rootOf(n))).toBe(false);
          if (n < MAX) expect(verifyInclusion(index, n + 1, leaf, proof, rootOf(n + 1))).toBe(false);
          if (index < n - 1) expect(verifyInclusion(index, n - 1, leaf, proof, rootOf(n - 1))).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('given any sizes m <= n, then the consistency proof verifies, and no flipped bit or other size does', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: MAX })
          .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n }), fc.nat(255))),
        async ([n, m, bit]) => {
          // Prepare
          const tree = new TreeHashes(n, log.reader.readTile);

          // Act
          const proof = await consistencyProof(tree, m);

          // Assert
          expect(toHex(await treeHash(tree, m))).toBe(toHex(rootOf(m)));
          expect(verifyConsistency(m, n, proof, rootOf(m), rootOf(n))).toBe(true);
          expect(verifyConsistency(m, n, proof, flipBit(rootOf(m), bit), rootOf(n))).toBe(false);
          expect(verifyConsistency(m, n, proof, rootOf(m), flipBit(rootOf(n), bit))).toBe(false);
          proof.forEach((_, k) => {
            const bent = proof.map((hash, j) => (j === k ? flipBit(hash, bit) : hash));
            expect(verifyConsistency(m, n, bent, rootOf(m), rootOf(n))).toBe(false);
          });
          if (m > 1) expect(verifyConsistency(m - 1, n, proof, rootOf(m - 1), rootOf(n))).toBe(false);
          if (m < n) expect(verifyConsistency(m + 1, n, proof, rootOf(m + 1), rootOf(n))).toBe(false);
          if (n < MAX) expect(verifyConsistency(m, n + 1, proof, rootOf(m), rootOf(n + 1))).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});
