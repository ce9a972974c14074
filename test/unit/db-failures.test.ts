import {
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Submission } from '../../shared/db/submissions.js';

// The document client is mocked at the class: every instance the modules build answers from here.
const dynamo = mockClient(DynamoDBDocumentClient);

beforeAll(() => {
  Object.assign(process.env, {
    TABLE_NAME: 'mocked-table',
    BUCKET_NAME: 'mocked-bucket',
    AWS_REGION: 'eu-south-1',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
});

beforeEach(() => {
  dynamo.reset();
});

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

const submission: Submission = {
  electionId: 'e',
  sectionId: '1',
  kind: 'results',
  registeredVoters: 1000,
  version: 2,
  rev: 2,
  submittedBy: { role: 'officer', credential: 'abc', sectionId: '1' },
  status: 'accepted',
  checks: [],
  body: {},
  bodyHash: 'h',
  submittedAt: '2026-05-25T16:00:00Z',
};

describe('storing a submission version when DynamoDB cancels the transaction', () => {
  it.each([
    [['None', 'None', 'ConditionalCheckFailed'], 'election-state'],
    [['ConditionalCheckFailed', 'None', 'None'], 'version'],
    [['None', 'ConditionalCheckFailed', 'None'], 'version'],
    [['TransactionConflict', 'None', 'None'], 'version'],
  ])(
    'given cancellation reasons %j, when the version is stored, then the conflict is %s',
    async (codes, expected) => {
      // Prepare
      const { storeSubmissionVersion } = await import('../../shared/db/submission-writes.js');
      dynamo.on(TransactWriteCommand).rejects(cancelled(...codes));
      // Act
      const conflict = await storeSubmissionVersion(submission, 1, { definitionHash: 'd', inUse: true });
      // Assess
      expect(conflict).toBe(expected);
    },
  );

  it('given throttling, when the version is stored, then the error reaches the caller instead of a false success', async () => {
    // Prepare
    const { storeSubmissionVersion } = await import('../../shared/db/submission-writes.js');
    dynamo
      .on(TransactWriteCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    // Act
    const storing = storeSubmissionVersion(submission, 1, { definitionHash: 'd', inUse: true });
    // Assess
    await expect(storing).rejects.toThrow('slow down');
  });

  it('given a first submission, when it is stored, then the election is marked in use in the same transaction', async () => {
    // Prepare
    const { storeSubmissionVersion } = await import('../../shared/db/submission-writes.js');
    dynamo.on(TransactWriteCommand).resolves({});
    // Act
    await storeSubmissionVersion({ ...submission, version: 1, rev: 1 }, 0, {
      definitionHash: 'd',
      inUse: false,
    });
    // Assess
    const items = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items[0]?.Put?.ConditionExpression).toBe('attribute_not_exists(PK)');
    expect(items[2]?.Update?.UpdateExpression).toBe('SET inUse = :true');
  });
});

describe('applying aggregation changes when another writer wins the race', () => {
  it('given a lost race, when changes are applied, then the applied records are read again and the transaction retried', async () => {
    // Prepare
    const { applyChanges } = await import('../../shared/use-cases/aggregate-changes.js');
    dynamo.on(BatchGetCommand).resolves({ Responses: { 'mocked-table': [] } });
    dynamo.on(GetCommand).resolves({});
    dynamo.on(TransactWriteCommand).rejectsOnce(cancelled('ConditionalCheckFailed', 'None')).resolves({});
    // Act
    await applyChanges([
      { sourceId: 'ELECTION#e#SECTION#1|SK|RESULT', electionId: 'e', rev: 1, tally: { voters: 10 } },
    ]);
    // Assess
    expect(dynamo).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
    expect(dynamo).toHaveReceivedCommandTimes(BatchGetCommand, 2);
    // The second attempt reads another part: the writer that won keeps its own.
    const parts = dynamo.commandCalls(GetCommand).map((call) => call.args[0].input.Key?.SK);
    expect(parts).toHaveLength(2);
    expect(parts[0]).not.toBe(parts[1]);
  });

  it('given throttling, when changes are applied, then the batch fails so the stream retries it', async () => {
    // Prepare
    const { applyChanges } = await import('../../shared/use-cases/aggregate-changes.js');
    dynamo.on(BatchGetCommand).resolves({ Responses: { 'mocked-table': [] } });
    dynamo.on(GetCommand).resolves({});
    dynamo
      .on(TransactWriteCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: 'throttled', $metadata: {} }));
    // Act
    const applying = applyChanges([
      { sourceId: 'ELECTION#e#SECTION#1|SK|RESULT', electionId: 'e', rev: 1, tally: { voters: 10 } },
    ]);
    // Assess
    await expect(applying).rejects.toThrow('throttled');
  });

  it('given a change already applied, when it is redelivered, then nothing is written', async () => {
    // Prepare
    const { applyChanges } = await import('../../shared/use-cases/aggregate-changes.js');
    dynamo.on(BatchGetCommand).resolves({
      Responses: {
        'mocked-table': [{ PK: 'ELECTION#e#SECTION#1', SK: 'APPLIED#RESULT', rev: 3, tally: { voters: 10 } }],
      },
    });
    dynamo.on(GetCommand).resolves({});
    // Act
    await applyChanges([
      { sourceId: 'ELECTION#e#SECTION#1|SK|RESULT', electionId: 'e', rev: 3, tally: { voters: 10 } },
    ]);
    // Assess
    expect(dynamo).not.toHaveReceivedCommand(TransactWriteCommand);
  });
});
