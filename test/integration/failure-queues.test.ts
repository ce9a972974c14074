import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../infra/local/stack.js';
import { smallElection, squareResults, testActor } from '../helpers/elections.js';
import { startLocalBucket } from '../helpers/local-bucket.js';
import { startLocalTable } from '../helpers/local-table.js';
import { type NightUseCases, nightUseCases } from '../helpers/night-use-cases.js';

let table: Awaited<ReturnType<typeof startLocalTable>>;
let site: Awaited<ReturnType<typeof startLocalBucket>>;
let m: NightUseCases &
  typeof import('../../shared/db/aggregates.js') &
  typeof import('../../shared/use-cases/recover-failed-batch.js');

beforeAll(async () => {
  table = await startLocalTable();
  site = await startLocalBucket();
  m = {
    ...(await import('../../shared/db/aggregates.js')),
    ...(await nightUseCases()),
    ...(await import('../../shared/use-cases/recover-failed-batch.js')),
  };
});

afterAll(async () => {
  await site?.stop();
  await table?.stop();
});

/**
 * The body Lambda sends an on-failure queue when a reader gives up on these records (AWS's
 * documented shape: the batch is named by shard and sequence numbers, its records are not in it).
 */
async function failureRecordOf(records: DynamoDBRecord[]): Promise<string> {
  const streams = new DynamoDBStreamsClient({
    endpoint: table.endpoint,
    region: 'eu-south-1',
    credentials: LOCAL_CREDENTIALS,
  });
  const { Table } = await table.client.send(new DescribeTableCommand({ TableName: process.env.TABLE_NAME }));
  const streamArn = Table?.LatestStreamArn ?? '';
  const wanted = records.map((r) => r.dynamodb?.SequenceNumber ?? '');
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  for (const shard of StreamDescription?.Shards ?? []) {
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shard.ShardId,
        ShardIteratorType: 'TRIM_HORIZON',
      }),
    );
    const { Records = [] } = await streams.send(new GetRecordsCommand({ ShardIterator }));
    const inShard = Records.map((r) => r.dynamodb?.SequenceNumber ?? '').filter((s) => wanted.includes(s));
    if (inShard.length === 0) continue;
    streams.destroy();
    return JSON.stringify({
      requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 10001 },
      version: '1.0',
      DDBStreamBatchInfo: {
        shardId: shard.ShardId,
        startSequenceNumber: inShard[0],
        endSequenceNumber: inShard.at(-1),
        batchSize: inShard.length,
        streamArn,
      },
    });
  }
  streams.destroy();
  throw new Error('the records are in no shard');
}

describe('the on-failure queues’ consumers re-apply a batch their reader gave up on', () => {
  it('given a batch the aggregator gave up on, when its failure record is consumed (twice), then the totals count it once', async () => {
    // Prepare
    await m.defineElection('recover', smallElection('recover'), testActor);
    await table.readNewStreamRecords();
    for (const n of [1, 2])
      await m.submitResults({
        actor: testActor,
        electionId: 'recover',
        sectionId: String(n),
        body: squareResults(n),
      });
    const given = await table.readNewStreamRecords();
    const body = await failureRecordOf(given);

    // Act
    const first = await m.recoverAggregation(body);
    const second = await m.recoverAggregation(body);

    // Assess
    expect([first, second]).toEqual(['recovered', 'recovered']);
    const total = (await m.readTotal('recover')).tally;
    expect(total.sections).toBe(2);
    expect(total.voters).toBe(squareResults(1).voters + squareResults(2).voters);
  });

  it('given a batch the publisher gave up on, when its failure record is consumed, then its sections and summary are published', async () => {
    // Prepare
    await m.submitResults({
      actor: testActor,
      electionId: 'recover',
      sectionId: '3',
      body: squareResults(3),
    });
    const body = await failureRecordOf(await table.readNewStreamRecords());
    await m.recoverAggregation(body);
    const { bucket } = site;

    // Act
    const outcome = await m.recoverPublication(bucket, body);

    // Assess
    expect(outcome).toBe('recovered');
    expect(JSON.parse((await bucket.get('results/recover/sections/3.json')) ?? '{}').status).toBe('reported');
    expect(await bucket.get('results/recover/latest.json')).toBeDefined();
  });

  it('given a failure record naming a shard the stream no longer has, when consumed, then it is left to the reconciliation, not retried', async () => {
    // Prepare
    const body = JSON.parse(await failureRecordOf(await seedOne()));
    body.DDBStreamBatchInfo.shardId = 'shardId-00000000000000000000-gone0000';

    // Act
    const outcome = await m.recoverAggregation(JSON.stringify(body));

    // Assess
    expect(outcome).toBe('gone');
  });

  it('given a message that is not a failure record, when consumed, then it fails (and stays in the queue for the operator)', async () => {
    // Act and assess
    await expect(m.recoverAggregation('{"hello":"world"}')).rejects.toThrow();
  });
});

async function seedOne(): Promise<DynamoDBRecord[]> {
  await m.submitTurnout({
    actor: testActor,
    electionId: 'recover',
    sectionId: '1',
    slotId: 'T1',
    body: { voters: 10 },
  });
  return table.readNewStreamRecords();
}
