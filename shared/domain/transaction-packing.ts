/** One transaction's worth of changes: the changes and their items, in order. */
export interface Packed<T> {
  changes: T[];
  items: Record<string, unknown>[];
}

/** DynamoDB's limit on the items of one TransactWriteItems. */
export const MAX_TRANSACTION_ITEMS = 100;

/**
 * Packs changes into transactions of at most `maxItems` items, in order, never splitting a
 * change's own items (each change stays atomic); a change larger than `maxItems` goes alone.
 * With `maxItems` 1, every change is a transaction of its own.
 */
export function packTransactions<T>(
  changes: readonly T[],
  itemsOf: (change: T) => Record<string, unknown>[],
  maxItems: number = MAX_TRANSACTION_ITEMS,
): Packed<T>[] {
  const packs: Packed<T>[] = [];
  let current: Packed<T> | undefined;
  for (const change of changes) {
    const items = itemsOf(change);
    if (!current || current.items.length + items.length > maxItems) {
      current = { changes: [], items: [] };
      packs.push(current);
    }
    current.changes.push(change);
    current.items.push(...items);
  }
  return packs;
}
