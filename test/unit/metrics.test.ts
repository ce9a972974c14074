/**
 * The night's metrics as CloudWatch reads them: one EMF line per flush, with the namespace, the
 * dimensions, each metric's name and unit, and its values. Powertools' documented way of testing
 * its output: POWERTOOLS_DEV makes it write through the global console, which the test spies on;
 * POWERTOOLS_METRICS_DISABLED=false undoes the tests' default (vitest.config.ts) and dev mode's.
 */
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import {
  flushMetrics,
  METRIC,
  METRICS_NAMESPACE,
  METRICS_SERVICE,
  recordAggregationLag,
  recordCountFlagged,
  recordHealed,
  recordPublishLatency,
  recordRecordQuarantined,
  recordSubmissionStored,
} from '../../shared/metrics.js';
import { readOrQuarantine } from '../../shared/use-cases/quarantine-poison.js';
import { apiEvent, lambdaContext, useApiEnvironment } from '../helpers/api-chain.js';

// Before any import builds its Metrics: the buffers read the environment once.
vi.hoisted(() => {
  Object.assign(process.env, {
    POWERTOOLS_DEV: 'true',
    POWERTOOLS_METRICS_DISABLED: 'false',
    STAGE: 'test-stage',
    TABLE_NAME: 'mocked-table',
    BUCKET_NAME: 'mocked-bucket',
    AWS_REGION: 'eu-south-1',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
});

interface EmfLine {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [key: string]: unknown;
}

let stdout: MockInstance<typeof console.log>;

beforeEach(() => {
  stdout = vi.spyOn(console, 'log').mockImplementation(() => undefined);
});

afterEach(() => {
  flushMetrics();
  stdout.mockRestore();
});

/** The EMF lines written since the test began. */
const emfLines = (): EmfLine[] =>
  stdout.mock.calls
    .map(([line]) => JSON.parse(String(line)) as EmfLine)
    .filter((line) => line._aws?.CloudWatchMetrics !== undefined);

/** The one directive of a line, which every line of this module has. */
const directiveOf = (line: EmfLine | undefined) => {
  expect(line?._aws.CloudWatchMetrics).toHaveLength(1);
  return line?._aws.CloudWatchMetrics[0];
};

const streamRecord = (approximateCreationDateTime: unknown) =>
  ({
    eventID: 'e1',
    dynamodb: { ApproximateCreationDateTime: approximateCreationDateTime },
  }) as DynamoDBRecord;

describe('the night’s metrics, as EMF lines', () => {
  it.each([
    { kind: 'results', record: recordSubmissionStored, name: METRIC.submissionsStored },
    { kind: 'turnout', record: recordSubmissionStored, name: METRIC.submissionsStored },
    { kind: 'results', record: recordCountFlagged, name: METRIC.countsFlagged },
    { kind: 'turnout', record: recordCountFlagged, name: METRIC.countsFlagged },
  ] as const)(
    'given a $kind submission, when $name is recorded and flushed, then one line counts it under its kind',
    ({ kind, record, name }) => {
      // Act
      record(kind);
      flushMetrics();
      // Assess
      const [line, ...rest] = emfLines();
      expect(rest).toEqual([]);
      expect(directiveOf(line)).toEqual({
        Namespace: METRICS_NAMESPACE,
        Dimensions: [['service', 'stage', 'kind']],
        Metrics: [{ Name: name, Unit: 'Count' }],
      });
      expect(line).toMatchObject({ service: METRICS_SERVICE, stage: 'test-stage', kind, [name]: 1 });
    },
  );

  it('given a quarantine, when recorded and flushed, then RecordsQuarantined counts 1 with no kind', () => {
    recordRecordQuarantined();
    flushMetrics();
    const [line] = emfLines();
    expect(directiveOf(line)).toEqual({
      Namespace: METRICS_NAMESPACE,
      Dimensions: [['service', 'stage']],
      Metrics: [{ Name: 'RecordsQuarantined', Unit: 'Count' }],
    });
    expect(line).toMatchObject({ service: METRICS_SERVICE, stage: 'test-stage', RecordsQuarantined: 1 });
    expect(line).not.toHaveProperty('kind');
  });

  it('given stream records created at a known second, when applied later, then AggregationLagMs is their age in milliseconds, whatever the form of the creation time', () => {
    // Prepare: Lambda's epoch seconds, DynamoDB Local's Date through the SDK, and its ISO string.
    const appliedAt = new Date('2026-05-25T20:00:05.250Z');
    // Act
    recordAggregationLag(streamRecord(Date.parse('2026-05-25T20:00:00Z') / 1000), appliedAt);
    recordAggregationLag(streamRecord(new Date('2026-05-25T20:00:04Z')), appliedAt);
    recordAggregationLag(streamRecord('2026-05-25T20:00:05Z'), appliedAt);
    recordAggregationLag(streamRecord(undefined), appliedAt);
    flushMetrics();
    // Assess: one line, the three values buffered together; a record without a time adds none.
    const [line, ...rest] = emfLines();
    expect(rest).toEqual([]);
    expect(directiveOf(line)).toEqual({
      Namespace: METRICS_NAMESPACE,
      Dimensions: [['service', 'stage']],
      Metrics: [{ Name: 'AggregationLagMs', Unit: 'Milliseconds' }],
    });
    expect(line?.AggregationLagMs).toEqual([5250, 1250, 250]);
  });

  it('given a pointer written after the oldest unpublished change, then PublishLatencyMs is the time between; never negative', () => {
    recordPublishLatency('2026-05-25T20:00:00.000Z', new Date('2026-05-25T20:00:02.500Z'));
    // A change stamped by a clock ahead of the publisher's.
    recordPublishLatency(new Date('2026-05-25T20:00:03Z'), new Date('2026-05-25T20:00:02Z'));
    flushMetrics();
    const [line] = emfLines();
    expect(directiveOf(line)?.Metrics).toEqual([{ Name: 'PublishLatencyMs', Unit: 'Milliseconds' }]);
    expect(line?.PublishLatencyMs).toEqual([2500, 0]);
  });

  it('given a moment that cannot be read, then no duration is recorded, and nothing throws into the caller', () => {
    recordPublishLatency('not a date');
    flushMetrics();
    expect(emfLines()).toEqual([]);
  });

  it('given reconciliation runs, then ReconcileDifferencesHealed records what each healed, 0 included', () => {
    recordHealed(3);
    recordHealed(0);
    flushMetrics();
    const [line] = emfLines();
    expect(directiveOf(line)?.Metrics).toEqual([{ Name: 'ReconcileDifferencesHealed', Unit: 'Count' }]);
    expect(line?.ReconcileDifferencesHealed).toEqual([3, 0]);
  });

  it('given metrics with and without a kind, when flushed, then each set of dimensions has its own line', () => {
    recordSubmissionStored('results');
    recordCountFlagged('results');
    recordRecordQuarantined();
    flushMetrics();
    const lines = emfLines();
    expect(lines.map((l) => directiveOf(l)?.Metrics.map((m) => m.Name))).toEqual([
      ['RecordsQuarantined'],
      ['SubmissionsStored', 'CountsFlagged'],
    ]);
  });

  it('given nothing recorded, when flushed, then nothing is written: no line and no warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    flushMetrics();
    expect(stdout).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});

describe('who writes the lines', () => {
  it('given an API function whose use case records a metric, when it answers, then the chain has written the line', async () => {
    // Prepare
    useApiEnvironment();
    const handler = api({ access: 'public' }, async () => {
      recordSubmissionStored('turnout');
      return jsonResponse(200, { ok: true });
    });
    // Act
    const response = await handler(apiEvent(), lambdaContext);
    // Assess
    expect(response.statusCode).toBe(200);
    expect(emfLines().map((l) => l.SubmissionsStored)).toEqual([1]);
  });

  it('given an API function that fails after recording, when it answers 500, then the line is still written', async () => {
    useApiEnvironment();
    const handler = api({ access: 'public' }, async () => {
      recordCountFlagged('results');
      throw new Error('boom');
    });
    const response = await handler(apiEvent(), lambdaContext);
    expect(response.statusCode).toBe(500);
    expect(emfLines().map((l) => l.CountsFlagged)).toEqual([1]);
  });

  it('given a poison stream record, when quarantined, then RecordsQuarantined is written at once (the stream handler flushes nothing)', async () => {
    // Prepare
    const dynamo = mockClient(DynamoDBDocumentClient);
    dynamo.on(PutCommand).resolves({});
    // Act
    const read = await readOrQuarantine('aggregator', streamRecord(1), () => {
      throw new Error('unreadable');
    });
    // Assess
    expect(read).toBeUndefined();
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(1);
    expect(emfLines().map((l) => l.RecordsQuarantined)).toEqual([1]);
    dynamo.restore();
  });
});
