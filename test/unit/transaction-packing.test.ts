import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TRANSACTION_ITEMS, packTransactions } from '../../shared/domain/transaction-packing.js';

const itemsOf = (size: number) => Array.from({ length: size }, (_, i) => ({ i }));

describe('packing sections into transactions', () => {
  it('given sections of 3 and 4 items, then each transaction holds at most 100 items, every section whole and in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 3, max: 4 }), { maxLength: 400 }), (sizes) => {
        // Act
        const packs = packTransactions(sizes, itemsOf);
        // Assess
        expect(packs.flatMap((p) => p.changes)).toEqual(sizes);
        for (const pack of packs) {
          expect(pack.items.length).toBeLessThanOrEqual(MAX_TRANSACTION_ITEMS);
          expect(pack.items.length).toBe(pack.changes.reduce((sum, size) => sum + size, 0));
        }
        // No two neighbours could have shared one transaction.
        for (let i = 1; i < packs.length; i++)
          expect((packs[i - 1]?.items.length ?? 0) + (packs[i]?.changes[0] ?? 0)).toBeGreaterThan(
            MAX_TRANSACTION_ITEMS,
          );
      }),
    );
  });

  it('given Rome re-issued (2,600 sections of 4 items), then it takes 104 transactions', () => {
    expect(packTransactions(Array(2600).fill(4), itemsOf)).toHaveLength(104);
  });

  it('given a limit of 1, then every section is a transaction of its own', () => {
    expect(packTransactions([3, 4, 3], itemsOf, 1).map((p) => p.changes)).toEqual([[3], [4], [3]]);
  });
});
