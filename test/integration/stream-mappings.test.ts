/**
 * The local event source mappings against DynamoDB Local's real stream. The functions are an
 * HTTP server on Lambda's Invoke API path that records what it is handed and fails on cue: the
 * mapping's batching, filtering, retries, bisection and on-failure delivery are what is tested.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/ports.js';
import { LOCAL_CREDENTIALS } from '../../infra/local/stack.js';
import { startStreamMappings } from '../../infra/local/streams/stream-mappings.js';
import { startLocalTable } from '../helpers/local-table.js';

let table: Awaited<ReturnType<typeof startLocalTable>>;
let server: Server;
let lambdaPort: number;
let folder: string;
/** Every invocation, in order: the function and the event it was handed. */
const invocations: { functionName: string; event: { Records: Record<string, unknown>[] } }[] = [];
/** The SK whose batches the reader function fails. */
let poison = '';

const skOf = (record: Record<string, unknown>) =>
  ((record.dynamodb as { Keys: { SK: { S: string } } }).Keys.SK as { S: string }).S;

const template = {
  Resources: {
    ReaderLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'reader' } },
    RecoverLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'recover' } },
    FailuresQueue: { Type: 'AWS::SQS::Queue', Properties: {} },
    ReaderMapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        FunctionName: { 'Fn::GetAtt': ['ReaderLambdaFunction', 'Arn'] },
        EventSourceArn: { 'Fn::GetAtt': ['ResultsTable', 'StreamArn'] },
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 10,
        MaximumRetryAttempts: 2,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        FilterCriteria: {
          Filters: [
            { Pattern: JSON.stringify({ dynamodb: { Keys: { SK: { S: [{ prefix: 'ITEM#' }] } } } }) },
          ],
        },
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['FailuresQueue', 'Arn'] } } },
      },
    },
    RecoverMapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        FunctionName: { 'Fn::GetAtt': ['RecoverLambdaFunction', 'Arn'] },
        EventSourceArn: { 'Fn::GetAtt': ['FailuresQueue', 'Arn'] },
        BatchSize: 1,
      },
    },
  },
};

beforeAll(async () => {
  table = await startLocalTable();
  folder = mkdtempSync(join(tmpdir(), 'stream-mappings-'));
  lambdaPort = await freePort();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const functionName = /functions\/([^/]+)\/invocations/.exec(req.url ?? '')?.[1] ?? '';
      const event = JSON.parse(body);
      invocations.push({ functionName, event });
      const failing =
        functionName === 'reader' && event.Records.some((r: Record<string, unknown>) => skOf(r) === poison);
      res.writeHead(200, failing ? { 'x-amz-function-error': 'Unhandled' } : {});
      res.end(
        failing ? JSON.stringify({ errorMessage: 'poisoned' }) : JSON.stringify({ batchItemFailures: [] }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(lambdaPort, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await table?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

const start = () =>
  startStreamMappings({
    template: template as never,
    dynamodbEndpoint: table.endpoint,
    credentials: LOCAL_CREDENTIALS,
    region: 'eu-south-1',
    tableName: String(process.env.TABLE_NAME),
    lambdaPort,
    queueArnOf: (id) => `arn:aws:sqs:eu-south-1:000000000000:${id}`,
    positionsFile: join(folder, 'positions.json'),
    log: () => undefined,
  });

async function put(sk: string) {
  const { db, tableName } = await import('../../shared/db/client.js');
  await db().send(new PutCommand({ TableName: tableName(), Item: { PK: 'P', SK: sk } }));
}

async function until(done: () => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const delivered = () =>
  invocations.filter((i) => i.functionName === 'reader').flatMap((i) => i.event.Records.map(skOf));

describe('the local event source mappings of the stream', () => {
  it('given records written while no reader runs, when the mapping starts, then they come in order, in batches of at most the batch size, filtered', async () => {
    // Prepare
    for (let n = 1; n <= 25; n++) await put(`ITEM#${String(n).padStart(2, '0')}`);
    await put('OTHER#1');

    // Act
    const mappings = await start();
    await until(() => new Set(delivered()).size === 25);
    await mappings.stop();

    // Assess
    const batches = invocations.filter((i) => i.functionName === 'reader').map((i) => i.event.Records.length);
    expect(Math.max(...batches)).toBeLessThanOrEqual(10);
    expect(batches.length).toBeLessThanOrEqual(4);
    expect(delivered()).toEqual(
      Array.from({ length: 25 }, (_, i) => `ITEM#${String(i + 1).padStart(2, '0')}`),
    );
    const first = invocations[0]?.event.Records[0] as {
      dynamodb: { ApproximateCreationDateTime: unknown };
      eventSource: string;
    };
    expect(typeof first.dynamodb.ApproximateCreationDateTime).toBe('number');
    expect(first.eventSource).toBe('aws:dynamodb');
    expect(existsSync(join(folder, 'positions.json'))).toBe(true);
  });

  it('given a restart, when the mapping starts again, then nothing already done is handed over again', async () => {
    // Prepare
    const before = invocations.length;
    await put('ITEM#26');

    // Act
    const mappings = await start();
    await until(() => delivered().includes('ITEM#26'));
    await mappings.stop();

    // Assess
    expect(invocations.slice(before).flatMap((i) => i.event.Records.map(skOf))).toEqual(['ITEM#26']);
  });

  it('given a record the function keeps failing on, when its retries are spent, then the batch is bisected down to it, it is named to the queue consumer in AWS’s failure record, and the shard moves on', async () => {
    // Prepare
    poison = 'ITEM#30';
    for (let n = 27; n <= 34; n++) await put(`ITEM#${n}`);
    const before = invocations.length;

    // Act
    const mappings = await start();
    await until(
      () => delivered().includes('ITEM#34') && invocations.some((i) => i.functionName === 'recover'),
      60_000,
    );
    await mappings.stop();

    // Assess
    const recovered = invocations.filter((i) => i.functionName === 'recover');
    expect(recovered).toHaveLength(1);
    const message = recovered[0]?.event.Records[0] as {
      body: string;
      eventSource: string;
      eventSourceARN: string;
    };
    expect(message.eventSource).toBe('aws:sqs');
    expect(message.eventSourceARN).toContain(':FailuresQueue');
    const failure = JSON.parse(message.body) as {
      requestContext: { condition: string };
      DDBStreamBatchInfo: Record<string, unknown>;
    };
    expect(failure.requestContext.condition).toBe('RetryAttemptsExhausted');
    expect(failure.DDBStreamBatchInfo.batchSize).toBe(1);
    const poisoned = invocations
      .slice(before)
      .flatMap((i) => i.event.Records)
      .find((r) => skOf(r) === 'ITEM#30') as { dynamodb: { SequenceNumber: string } };
    expect(failure.DDBStreamBatchInfo.startSequenceNumber).toBe(poisoned.dynamodb.SequenceNumber);
    expect(failure.DDBStreamBatchInfo.endSequenceNumber).toBe(poisoned.dynamodb.SequenceNumber);
    for (const sk of ['ITEM#27', 'ITEM#29', 'ITEM#31', 'ITEM#34']) expect(delivered()).toContain(sk);
    const positions = JSON.parse(readFileSync(join(folder, 'positions.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(Object.keys(positions).every((key) => key.includes('::reader::'))).toBe(true);
  });
});
