/**
 * The local IAM gate between the functions and DynamoDB Local / s3rver: what an AWS SDK client
 * signing as a function is allowed, and what it is told when it is not, compared with AWS's
 * own answers (the error names and messages the SDK surfaces).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local.js';
import type { FunctionRole } from '../../infra/local/iam/function-roles.js';
import { type IamGate, startIamGate } from '../../infra/local/iam/gate.js';
import { freePort } from '../../infra/local/ports.js';
import { startS3 } from '../../infra/local/s3.js';
import { LOCAL_CREDENTIALS } from '../../infra/local/stack.js';
import { ensureTable } from '../../infra/local/table.js';

const REGION = 'eu-south-1';
const TABLE = 'gate-test';
const TABLE_ARN = `arn:aws:dynamodb:${REGION}:000000000000:table/${TABLE}`;
const BUCKET = 'gate-test-site';

const roles: FunctionRole[] = [
  {
    functionKey: 'reader',
    functionName: 'svc-test-reader',
    roleName: 'ReaderRole',
    statements: [
      { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: TABLE_ARN },
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `arn:aws:s3:::${BUCKET}/*` },
    ],
  },
  {
    functionKey: 'recoverer',
    functionName: 'svc-test-recoverer',
    roleName: 'RecovererRole',
    statements: [
      {
        Effect: 'Allow',
        Action: ['dynamodb:DescribeStream', 'dynamodb:GetShardIterator', 'dynamodb:GetRecords'],
        Resource: `${TABLE_ARN}/stream/local`,
      },
    ],
  },
  {
    functionKey: 'lister',
    functionName: 'svc-test-lister',
    roleName: 'ListerRole',
    statements: [
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: `arn:aws:s3:::${BUCKET}/*` },
      { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: `arn:aws:s3:::${BUCKET}` },
    ],
  },
];

let gate: IamGate;
let streamArn: string | undefined;
const stops: (() => Promise<void>)[] = [];
const as = (functionName: string) => ({ accessKeyId: functionName, secretAccessKey: 'local' });

beforeAll(async () => {
  const dynamodbPort = await freePort();
  const dynamodb = await startDynamoDbLocal({ port: dynamodbPort });
  stops.push(() => dynamodb.stop());
  const endpoint = `http://127.0.0.1:${dynamodbPort}`;
  const admin = new DynamoDBClient({ endpoint, region: REGION, credentials: LOCAL_CREDENTIALS });
  await ensureTable(admin, TABLE);
  streamArn = (await admin.send(new DescribeTableCommand({ TableName: TABLE }))).Table?.LatestStreamArn;
  admin.destroy();
  const s3Port = await freePort();
  const s3 = await startS3({
    port: s3Port,
    directory: join(tmpdir(), `gate-test-${s3Port}`),
    bucket: BUCKET,
  });
  stops.push(() => s3.stop());
  gate = await startIamGate({
    upstream: { dynamodb: endpoint, s3: `http://127.0.0.1:${s3Port}` },
    upstreamAccessKeyId: LOCAL_CREDENTIALS.accessKeyId,
    roles,
    accountId: '000000000000',
    region: REGION,
    log: () => undefined,
  });
  stops.push(() => gate.stop());
}, 120_000);

afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

const documents = (functionName: string) =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: gate.url, region: REGION, credentials: as(functionName) }),
  );
const bucket = (functionName: string) =>
  new S3Client({ endpoint: gate.url, forcePathStyle: true, region: REGION, credentials: as(functionName) });

describe('the local IAM gate', () => {
  it("given a role that may read the table's stream, then DescribeStream, GetShardIterator and GetRecords pass; without it they are refused", async () => {
    // Prepare
    const streams = (functionName: string) =>
      new DynamoDBStreamsClient({ endpoint: gate.url, region: REGION, credentials: as(functionName) });
    const recoverer = streams('svc-test-recoverer');

    // Act
    const { StreamDescription } = await recoverer.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    const { ShardIterator } = await recoverer.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: StreamDescription?.Shards?.[0]?.ShardId,
        ShardIteratorType: 'TRIM_HORIZON',
      }),
    );
    const read = await recoverer.send(new GetRecordsCommand({ ShardIterator }));
    const refused = streams('svc-test-lister').send(new GetRecordsCommand({ ShardIterator }));

    // Assess
    expect(read.Records).toBeDefined();
    await expect(refused).rejects.toMatchObject({ name: 'AccessDeniedException' });
    recoverer.destroy();
  });

  it('given a role that allows the calls, then they reach DynamoDB Local and s3rver', async () => {
    const db = documents('svc-test-reader');
    await db.send(
      new TransactWriteCommand({
        TransactItems: [{ Put: { TableName: TABLE, Item: { PK: 'a', SK: 'b' } } }],
      }),
    );
    expect((await db.send(new GetCommand({ TableName: TABLE, Key: { PK: 'a', SK: 'b' } }))).Item).toEqual({
      PK: 'a',
      SK: 'b',
    });
    const s3 = bucket('svc-test-reader');
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'results/x.json', Body: '{}' }));
    const read = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'results/x.json' }));
    expect(await read.Body?.transformToString()).toBe('{}');
  });

  it('given a transaction with one item the role does not allow, then the SDK gets AccessDeniedException naming the function, the action and the table, and nothing is written', async () => {
    const db = documents('svc-test-reader');
    const attempt = db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: TABLE, Item: { PK: 'c', SK: 'd' } } },
          { Delete: { TableName: TABLE, Key: { PK: 'a', SK: 'b' } } },
        ],
      }),
    );
    await expect(attempt).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: `User: arn:aws:sts::000000000000:assumed-role/ReaderRole/svc-test-reader is not authorized to perform: dynamodb:DeleteItem on resource: ${TABLE_ARN} because no identity-based policy allows the dynamodb:DeleteItem action`,
    });
    expect(
      (await db.send(new GetCommand({ TableName: TABLE, Key: { PK: 'c', SK: 'd' } }))).Item,
    ).toBeUndefined();
    expect(gate.denials().at(-1)).toMatchObject({ functionKey: 'reader', action: 'dynamodb:DeleteItem' });
  });

  it('given a missing object, then a role without s3:ListBucket gets 403 AccessDenied, and one with it NoSuchKey, as S3 answers', async () => {
    await expect(
      bucket('svc-test-reader').send(new GetObjectCommand({ Bucket: BUCKET, Key: 'nope' })),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
    await expect(
      bucket('svc-test-lister').send(new GetObjectCommand({ Bucket: BUCKET, Key: 'nope' })),
    ).rejects.toMatchObject({
      name: 'NoSuchKey',
    });
  });

  it('given a write the role does not allow, then S3 answers AccessDenied and stores nothing', async () => {
    await expect(
      bucket('svc-test-lister').send(
        new PutObjectCommand({ Bucket: BUCKET, Key: 'results/y.json', Body: '{}' }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(
      bucket('svc-test-lister').send(new GetObjectCommand({ Bucket: BUCKET, Key: 'results/y.json' })),
    ).rejects.toMatchObject({ name: 'NoSuchKey' });
  });

  it('given a key that is no function of the template, then every call is refused', async () => {
    await expect(
      documents('someone-else').send(new GetCommand({ TableName: TABLE, Key: { PK: 'a', SK: 'b' } })),
    ).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
    await expect(
      bucket('someone-else').send(new GetObjectCommand({ Bucket: BUCKET, Key: 'results/x.json' })),
    ).rejects.toMatchObject({
      name: 'InvalidAccessKeyId',
    });
  });
});
