/**
 * The aggregation-and-chain function (functions/aggregate-and-chain) called as the table's stream
 * calls it: one batch of records in one event. Its modules read their configuration on first use,
 * so it is imported at the first call, after startLocalTable has pointed the environment at the
 * table.
 */
import type { DynamoDBRecord } from 'aws-lambda';

export async function aggregateAndChain(records: DynamoDBRecord[]): Promise<unknown> {
  const { handler } = await import('../../functions/aggregate-and-chain/handler.js');
  return handler({ Records: records }, { functionName: 'test' } as never);
}
