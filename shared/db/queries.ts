import {
  BatchGetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { inPool } from '../in-pool.js';
import { AGAIN, retrying } from '../retry.js';
import { db, tableName } from './client.js';
import type { Key } from './keys.js';

/** Every item a query matches, page by page (a page stops at 1 MB). */
export async function queryAll(
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db().send(new QueryCommand({ ...input, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/**
 * What DynamoDB leaves unprocessed in a batch (throttled) is sent again, backing off: a dozen
 * attempts, about 10 s at worst, within any function's time.
 */
export const unprocessedPolicy = (operation: string, left: () => number) => ({
  attempts: 12,
  baseMs: 50,
  maxMs: 1_000,
  exhausted: () => new Error(`${operation}: DynamoDB left ${left()} items unprocessed after 12 attempts`),
});

/** Sends a conditional write: true when it was made, false when its condition did not hold. */
export async function writeIf(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/**
 * Every item of these keys that exists, read consistently, 100 at a time (`inFlight` batches at
 * once), retrying what DynamoDB leaves unprocessed.
 */
export async function batchGet(itemKeys: Key[], inFlight = 1): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const batches: Key[][] = [];
  for (let start = 0; start < itemKeys.length; start += 100) batches.push(itemKeys.slice(start, start + 100));
  await inPool(batches, inFlight, async (batch) => {
    let pending = batch;
    await retrying(
      unprocessedPolicy('BatchGetItem', () => pending.length),
      async () => {
        const response = await db().send(
          new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true } } }),
        );
        items.push(...((response.Responses?.[tableName()] as Record<string, unknown>[]) ?? []));
        pending = (response.UnprocessedKeys?.[tableName()]?.Keys as Key[] | undefined) ?? [];
        return pending.length > 0 ? AGAIN : undefined;
      },
    );
  });
  return items;
}

/**
 * Sends a guarded transaction: true when it was made, false when a guard did not hold or another
 * transaction got in the way (the caller re-reads and tries again); anything else is thrown.
 */
export async function transactIf(input: TransactWriteCommandInput): Promise<boolean> {
  try {
    await db().send(new TransactWriteCommand(input));
    return true;
  } catch (error) {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    if (
      (error as Error).name === 'TransactionCanceledException' &&
      reasons?.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict')
    )
      return false;
    throw error;
  }
}
