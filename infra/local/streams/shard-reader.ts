/**
 * One shard read for one function, as Lambda's event source mapping reads it: one batch in flight
 * at a time; the next batch is read only once the last one is done, so a function that falls
 * behind gets bigger batches (up to its batch size), not a queue of small ones; a batch waits up
 * to its batching window to fill; a failed batch is retried (from the first failed record when the
 * function reports batch item failures; split in two when it may bisect) and, once its retries
 * are spent, named in its on-failure queue, whose consumer is then invoked as SQS would.
 */
import { randomUUID } from 'node:crypto';
import {
  type _Record,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { StreamMapping } from './event-source-mappings.js';
import { passesFilters } from './filter-criteria.js';

export interface ShardContext {
  streams: DynamoDBStreamsClient;
  streamArn: string;
  region: string;
  /** Invokes a function synchronously (Lambda's Invoke API); answers its result, or throws its error. */
  invoke(functionName: string, event: unknown): Promise<unknown>;
  /** Where this function last got to in this shard; undefined before its first batch. */
  position(): string | undefined;
  savePosition(sequenceNumber: string): void;
  stopped(): boolean;
  log(line: string): void;
}

/** Lambda reads a DynamoDB stream shard about four times a second. */
const POLL_MS = 250;
const RETRY_BASE_MS = 500;
const RETRY_MAX_MS = 10_000;
/** GetRecords' own limit. */
const RECORDS_PER_READ = 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seqOf = (record: _Record) => record.dynamodb?.SequenceNumber ?? '';

/** A stream record as Lambda hands it to a function (times in epoch seconds, the stream named). */
function lambdaRecordOf(record: _Record, context: ShardContext) {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: context.region,
    dynamodb: {
      ...record.dynamodb,
      ...(created ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) } : {}),
    },
    eventSourceARN: context.streamArn,
  };
}

export async function readShard(
  mapping: StreamMapping,
  shardId: string,
  context: ShardContext,
): Promise<void> {
  const iteratorFrom = async (after: string | undefined) =>
    (
      await context.streams.send(
        new GetShardIteratorCommand({
          StreamArn: context.streamArn,
          ShardId: shardId,
          ...(after
            ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
            : { ShardIteratorType: mapping.startingPosition }),
        }),
      )
    ).ShardIterator;

  let lastRead = context.position();
  let iterator = await iteratorFrom(lastRead);
  const pending: _Record[] = [];
  let firstPendingAt = 0;
  while (!context.stopped() && (iterator || pending.length > 0)) {
    let readNothing = true;
    if (iterator && pending.length < mapping.batchSize) {
      try {
        const page = await context.streams.send(
          new GetRecordsCommand({
            ShardIterator: iterator,
            Limit: Math.min(RECORDS_PER_READ, mapping.batchSize - pending.length),
          }),
        );
        const records = page.Records ?? [];
        if (records.length > 0 && pending.length === 0) firstPendingAt = Date.now();
        pending.push(...records);
        lastRead = records.length > 0 ? seqOf(records[records.length - 1] as _Record) : lastRead;
        readNothing = records.length === 0;
        iterator = page.NextShardIterator;
      } catch (error) {
        if ((error as Error).name !== 'ExpiredIteratorException') throw error;
        iterator = await iteratorFrom(lastRead);
        continue;
      }
    }
    const full = pending.length >= mapping.batchSize;
    const windowOver = pending.length > 0 && Date.now() - firstPendingAt >= mapping.batchWindowMs;
    if (full || windowOver || (!iterator && pending.length > 0)) {
      const batch = pending.splice(0, mapping.batchSize);
      await deliver(mapping, shardId, batch, context);
      context.savePosition(seqOf(batch[batch.length - 1] as _Record));
      firstPendingAt = Date.now();
      continue;
    }
    if (readNothing || pending.length > 0)
      await sleep(Math.max(0, Math.min(POLL_MS, mapping.batchWindowMs || POLL_MS)));
  }
}

/** Filters a batch, then invokes the function with what passes, retrying as the mapping says. */
async function deliver(mapping: StreamMapping, shardId: string, batch: _Record[], context: ShardContext) {
  const passing = batch.filter((record) => passesFilters(mapping.filters, lambdaRecordOf(record, context)));
  if (passing.length > 0)
    await invokeUntilDone(mapping, shardId, passing, mapping.maximumRetryAttempts, context);
}

type Outcome = { ok: true; failedFrom?: number } | { ok: false; error: string };

async function invokeOnce(
  mapping: StreamMapping,
  records: _Record[],
  context: ShardContext,
): Promise<Outcome> {
  try {
    const result = (await context.invoke(mapping.functionName, {
      Records: records.map((r) => lambdaRecordOf(r, context)),
    })) as { batchItemFailures?: { itemIdentifier?: string }[] } | null;
    const failures = mapping.reportsItemFailures ? (result?.batchItemFailures ?? []) : [];
    if (failures.length === 0) return { ok: true };
    // Lambda takes the batch back from the earliest failed record (an unknown one fails it whole).
    const indexes = failures.map((f) => records.findIndex((r) => seqOf(r) === f.itemIdentifier));
    return { ok: true, failedFrom: indexes.some((i) => i < 0) ? 0 : Math.min(...indexes) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

async function invokeUntilDone(
  mapping: StreamMapping,
  shardId: string,
  records: _Record[],
  retriesLeft: number,
  context: ShardContext,
): Promise<void> {
  for (let tries = 0; ; tries++) {
    const outcome = await invokeOnce(mapping, records, context);
    if (outcome.ok && outcome.failedFrom === undefined) return;
    if (!outcome.ok && mapping.bisectOnError && records.length > 1) {
      const half = Math.ceil(records.length / 2);
      await invokeUntilDone(mapping, shardId, records.slice(0, half), retriesLeft - 1, context);
      await invokeUntilDone(mapping, shardId, records.slice(half), retriesLeft - 1, context);
      return;
    }
    if (outcome.ok) records = records.slice(outcome.failedFrom);
    if (retriesLeft <= 0 || context.stopped()) return giveUp(mapping, shardId, records, tries + 1, context);
    retriesLeft--;
    context.log(
      `${mapping.functionName}: batch of ${records.length} failed (${outcome.ok ? 'item failures' : outcome.error}); retrying`,
    );
    await sleep(Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(tries, 10)));
  }
}

/**
 * A batch whose retries are spent: Lambda names it in the on-failure queue (AWS's failure record,
 * not the records) and moves on; SQS hands the message to the queue's consumer.
 */
async function giveUp(
  mapping: StreamMapping,
  shardId: string,
  records: _Record[],
  invokeCount: number,
  context: ShardContext,
): Promise<void> {
  const first = records[0];
  const last = records[records.length - 1];
  if (!first || !last || context.stopped()) return;
  const failure = {
    requestContext: {
      requestId: randomUUID(),
      functionArn: `arn:aws:lambda:${context.region}:000000000000:function:${mapping.functionName}`,
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: invokeCount,
    },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    version: '1.0',
    timestamp: new Date().toISOString(),
    DDBStreamBatchInfo: {
      shardId,
      startSequenceNumber: seqOf(first),
      endSequenceNumber: seqOf(last),
      approximateArrivalOfFirstRecord: first.dynamodb?.ApproximateCreationDateTime,
      approximateArrivalOfLastRecord: last.dynamodb?.ApproximateCreationDateTime,
      batchSize: records.length,
      streamArn: context.streamArn,
    },
  };
  const body = JSON.stringify(failure);
  context.log(
    `${mapping.functionName}: batch given up after ${invokeCount} attempts; sent to ${mapping.onFailure?.queueId ?? 'no queue'}`,
  );
  const { onFailure } = mapping;
  if (!onFailure?.consumer) return;
  const message = {
    messageId: randomUUID(),
    receiptHandle: randomUUID(),
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()) },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: onFailure.queueArn,
    awsRegion: context.region,
  };
  try {
    await context.invoke(onFailure.consumer, { Records: [message] });
  } catch (error) {
    context.log(
      `${onFailure.consumer}: could not recover the batch (${(error as Error).message}); it stays named in the log`,
    );
  }
}
