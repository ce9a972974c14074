import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, hashOf } from '../../shared/domain/canonical.js';

/** The same value with the keys of every object in reverse insertion order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value !== null && typeof value === 'object') {
    // fromEntries defines own properties, so a "__proto__" key stays a plain key.
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversedKeys(v)]),
    );
  }
  return value;
}

describe('canonicalJson and hashOf', () => {
  it('given one body written with its keys in two orders, when hashed, then the hashes are equal', () => {
    // Prepare
    const a = {
      voters: 560,
      blankBallots: 3,
      candidateVotes: { C1: 200, C2: 350 },
      listVotes: { L1: 150, L2: 379 },
    };
    const b = {
      listVotes: { L2: 379, L1: 150 },
      candidateVotes: { C2: 350, C1: 200 },
      blankBallots: 3,
      voters: 560,
    };

    // Act
    const [hashA, hashB] = [hashOf(a), hashOf(b)];

    // Assess
    expect(hashA).toBe(hashB);
    expect(hashA).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalJson(b)).toBe(
      '{"blankBallots":3,"candidateVotes":{"C1":200,"C2":350},"listVotes":{"L1":150,"L2":379},"voters":560}',
    );
  });

  it('given any JSON value, when its keys are reordered at every depth, then the canonical text and the hash are unchanged', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        // Prepare
        const reordered = reversedKeys(value);

        // Act
        const [textA, textB] = [canonicalJson(value), canonicalJson(reordered)];

        // Assess
        expect(textB).toBe(textA);
        expect(hashOf(reordered)).toBe(hashOf(value));
      }),
    );
  });

  it('given any JSON value, when made canonical, then the text parses back to an equal value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        // Act
        const text = canonicalJson(value);

        // Assess
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('given two bodies that differ in one count or in array order, when hashed, then the hashes differ', () => {
    // Act
    const hashes = [
      hashOf({ voters: 560, candidateVotes: { C1: 200 } }),
      hashOf({ voters: 560, candidateVotes: { C1: 201 } }),
      hashOf({ sections: ['1', '2'] }),
      hashOf({ sections: ['2', '1'] }),
    ];

    // Assess
    expect(new Set(hashes).size).toBe(4);
  });

  it('given a key whose value is undefined, when hashed, then it is the same as leaving the key out', () => {
    // Act
    const [withUndefined, without] = [hashOf({ voters: 1, district: undefined }), hashOf({ voters: 1 })];

    // Assess
    expect(withUndefined).toBe(without);
  });
});
