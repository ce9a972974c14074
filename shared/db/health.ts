import { BatchGetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.js';
import { keys } from './keys.js';

/** The table's two stream readers, each proving it runs by answering probes. */
export const STREAM_CONSUMERS = ['aggregator', 'publisher'] as const;
export type StreamConsumer = (typeof STREAM_CONSUMERS)[number];

export interface HealthState {
  probe?: { nonce: string; at: string };
  acks: Partial<Record<StreamConsumer, string>>;
}

export async function readHealth(): Promise<HealthState> {
  const wanted = [keys.healthProbe(), ...STREAM_CONSUMERS.map((c) => keys.healthAck(c))];
  const response = await db().send(
    new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: wanted, ConsistentRead: true } } }),
  );
  const items = response.Responses?.[tableName()] ?? [];
  const probe = items.find((i) => i.SK === keys.healthProbe().SK);
  const acks: HealthState['acks'] = {};
  for (const consumer of STREAM_CONSUMERS) {
    const ack = items.find((i) => i.SK === keys.healthAck(consumer).SK);
    if (ack) acks[consumer] = ack.nonce as string;
  }
  return { ...(probe ? { probe: { nonce: probe.nonce as string, at: probe.at as string } } : {}), acks };
}

/** A probe item: each stream consumer answers it with an ack, proving the trigger runs. */
export async function writeProbe(nonce: string): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.healthProbe(), type: 'HealthProbe', nonce, at: new Date().toISOString() },
    }),
  );
}

export async function acknowledgeProbe(consumer: StreamConsumer, nonce: string): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.healthAck(consumer), type: 'HealthAck', nonce, at: new Date().toISOString() },
    }),
  );
}
