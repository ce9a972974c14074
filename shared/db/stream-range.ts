import {
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { clientOptions } from '../aws/client-options.js';
import { config } from '../config.js';

/** A stream batch that a reader gave up on, as Lambda names it in its on-failure record. */
export interface StreamBatch {
  streamArn: string;
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
}

let client: DynamoDBStreamsClient | undefined;
const streams = () => {
  client ??= new DynamoDBStreamsClient(clientOptions(config().DYNAMODB_ENDPOINT));
  return client;
};

/** Errors that say the records are no longer in the stream (past its 24 hours, or the stream replaced). */
const GONE = new Set(['TrimmedDataAccessException', 'ResourceNotFoundException', 'ExpiredIteratorException']);

/** Pages read after the batch's start before giving up on reaching its end (a closed, drained shard). */
const MAX_PAGES = 100;

/**
 * The records of a failed batch, read again from the stream: from its first sequence number to
 * its last. Answers "gone" when the stream no longer holds them (the periodic reconciliation
 * repairs what they changed).
 */
export async function readStreamBatch(batch: StreamBatch): Promise<DynamoDBRecord[] | 'gone'> {
  const end = BigInt(batch.endSequenceNumber);
  const records: DynamoDBRecord[] = [];
  try {
    let { ShardIterator } = await streams().send(
      new GetShardIteratorCommand({
        StreamArn: batch.streamArn,
        ShardId: batch.shardId,
        ShardIteratorType: 'AT_SEQUENCE_NUMBER',
        SequenceNumber: batch.startSequenceNumber,
      }),
    );
    for (let page = 0; ShardIterator && page < MAX_PAGES; page++) {
      const { Records = [], NextShardIterator } = await streams().send(
        new GetRecordsCommand({ ShardIterator }),
      );
      for (const record of Records) {
        if (BigInt(record.dynamodb?.SequenceNumber ?? '0') > end) return records;
        records.push(record as unknown as DynamoDBRecord);
      }
      ShardIterator = NextShardIterator;
    }
    return records;
  } catch (error) {
    if (GONE.has((error as Error).name)) return 'gone';
    throw error;
  }
}
