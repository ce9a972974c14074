import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local.js';
import { freePort } from '../../infra/local/ports.js';
import { ensureTable } from '../../infra/local/table.js';

const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * DynamoDB Local in memory on a free port, with the project's table, and the environment the
 * shared modules read pointed at it. Call before the first use of any shared/db module.
 */
export async function startLocalTable(tableName = 'election-night-test') {
  const port = await freePort();
  const server = await startDynamoDbLocal({ port });
  const endpoint = `http://127.0.0.1:${port}`;
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    BUCKET_NAME: 'election-night-test-site',
    DYNAMODB_ENDPOINT: endpoint,
    AWS_REGION: 'eu-south-1',
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    POWERTOOLS_LOG_LEVEL: 'WARN',
  });
  const client = new DynamoDBClient({ endpoint, region: 'eu-south-1', credentials });
  await ensureTable(client, tableName);
  const streams = new DynamoDBStreamsClient({ endpoint, region: 'eu-south-1', credentials });
  const positions = new Map<string, string>();

  /** Every stream record written since the last call, as Lambda would receive them. */
  async function readNewStreamRecords(): Promise<DynamoDBRecord[]> {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const streamArn = Table?.LatestStreamArn ?? '';
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    const records: _Record[] = [];
    for (const shard of StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId ?? '';
      const after = positions.get(shardId);
      let { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shardId,
          ...(after
            ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
            : { ShardIteratorType: 'TRIM_HORIZON' }),
        }),
      );
      // A shard may answer an empty page before its records: stop after two empty pages in a row.
      for (let empty = 0; ShardIterator && empty < 2; ) {
        const page = await streams.send(new GetRecordsCommand({ ShardIterator }));
        const batch = page.Records ?? [];
        records.push(...batch);
        const last = batch.at(-1)?.dynamodb?.SequenceNumber;
        if (last) positions.set(shardId, last);
        empty = batch.length === 0 ? empty + 1 : 0;
        ShardIterator = page.NextShardIterator;
      }
    }
    return records as unknown as DynamoDBRecord[];
  }

  return {
    endpoint,
    client,
    readNewStreamRecords,
    async stop() {
      client.destroy();
      streams.destroy();
      await server.stop();
    },
  };
}
