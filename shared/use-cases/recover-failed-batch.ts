/**
 * The consumers of the on-failure queues (README "Self-healing"). When a stream reader gives a
 * batch up, Lambda sends the queue a record naming the batch (shard, first and last sequence
 * numbers), not its contents: the batch is read again from the stream and goes through the very
 * path it missed, the guarded aggregation and audit chaining, or the publisher. Both are
 * idempotent, so a batch recovered twice, or recovered after the stream's own retry got through,
 * changes nothing more. A batch no longer in the stream (past its 24 hours) is left to the periodic
 * reconciliation, which compares every open election's totals with its sections.
 */
import * as z from 'zod';
import { readStreamBatch } from '../db/stream-range.js';
import { logger } from '../logger.js';
import type { PublicBucket } from '../storage/bucket.js';
import { AggregationWork } from './aggregate-records.js';
import { PublishWork } from './publish-records.js';

/** Lambda's on-failure record for a DynamoDB stream batch (the SQS message's body). */
const FailedBatchSchema = z.object({
  requestContext: z.object({ condition: z.string().optional() }).partial().optional(),
  DDBStreamBatchInfo: z.object({
    streamArn: z.string().min(1),
    shardId: z.string().min(1),
    startSequenceNumber: z.string().regex(/^\d+$/),
    endSequenceNumber: z.string().regex(/^\d+$/),
  }),
});

export type Recovery = 'recovered' | 'gone';

async function readFailedBatch(body: string) {
  const failed = FailedBatchSchema.parse(JSON.parse(body));
  const records = await readStreamBatch(failed.DDBStreamBatchInfo);
  if (records === 'gone')
    logger.warn('a failed batch is no longer in the stream; the periodic reconciliation repairs it', {
      batch: failed.DDBStreamBatchInfo,
      condition: failed.requestContext?.condition,
    });
  return records;
}

/** Re-applies a batch the aggregator gave up on: its section changes and its audit records. */
export async function recoverAggregation(body: string): Promise<Recovery> {
  const records = await readFailedBatch(body);
  if (records === 'gone') return 'gone';
  const work = new AggregationWork();
  for (const record of records) await work.add(record);
  await work.apply();
  logger.info('recovered a failed aggregation batch', {
    records: records.length,
    changes: work.changes.length,
  });
  return 'recovered';
}

/** Publishes again what a batch the publisher gave up on changed. */
export async function recoverPublication(bucket: PublicBucket, body: string): Promise<Recovery> {
  const records = await readFailedBatch(body);
  if (records === 'gone') return 'gone';
  const work = new PublishWork();
  for (const record of records) work.add(record);
  await work.publish(bucket);
  logger.info('recovered a failed publish batch', {
    records: records.length,
    elections: work.elections.size,
  });
  return 'recovered';
}
