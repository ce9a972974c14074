import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.js';
import { keys } from './keys.js';

/**
 * Up to `limit` of one kind of a section's history records (the sort-key `prefix`), in key order,
 * after the record whose sort key is `after` (from the first without it). `more` is true when
 * the table may hold more of them.
 */
export async function readHistoryRecords(
  electionId: string,
  sectionId: string,
  prefix: string,
  after: string | undefined,
  limit: number,
): Promise<{ records: Record<string, unknown>[]; more: boolean }> {
  const partition = keys.sectionPartition(electionId, sectionId);
  const { Items = [], LastEvaluatedKey } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': partition, ':prefix': prefix },
      ...(after !== undefined ? { ExclusiveStartKey: { PK: partition, SK: after } } : {}),
      Limit: limit,
      ConsistentRead: true,
    }),
  );
  return { records: Items, more: LastEvaluatedKey !== undefined };
}
