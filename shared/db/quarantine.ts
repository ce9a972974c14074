import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.js';
import { keys } from './keys.js';

/** A stream record a consumer could not read, kept whole for staff to inspect. */
export interface QuarantinedRecord {
  consumer: string;
  eventId: string;
  sequenceNumber: string;
  reason: string;
  quarantinedAt: string;
  record: string;
}

/** Keeps a poison record; idempotent per stream record, so a redelivery stores it once. */
export async function quarantineRecord(entry: QuarantinedRecord): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...keys.quarantined(entry.consumer, entry.sequenceNumber, entry.eventId),
        type: 'Quarantined',
        ...entry,
      },
    }),
  );
}

export async function listQuarantine(limit = 100): Promise<QuarantinedRecord[]> {
  const { Items = [] } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.quarantinePartition },
      ConsistentRead: true,
      Limit: limit,
    }),
  );
  return Items.map(({ PK: _pk, SK: _sk, type: _type, ...entry }) => entry as QuarantinedRecord);
}
