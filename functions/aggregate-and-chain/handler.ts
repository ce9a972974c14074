import { BatchProcessor, EventType } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../../shared/logger.js';
import { flushMetrics } from '../../shared/metrics.js';
import { AggregationWork } from '../../shared/use-cases/aggregate-records.js';
import { answerProbe } from '../../shared/use-cases/check-health.js';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/**
 * The stream's first reader (the publisher is the second; DynamoDB Streams serves at most two
 * per shard without throttling): it applies the batch's section changes to the total's parts and
 * appends its history records to the audit chains (aggregate-records.ts).
 */
export const handler = async (event: DynamoDBStreamEvent, context: Context) => {
  logger.addContext(context);
  const work = new AggregationWork();
  processor.register(event.Records, async (record: DynamoDBRecord) => {
    if (await answerProbe('aggregator', record)) return;
    await work.add(record);
  });
  await processor.process();
  await work.apply();
  logger.info('aggregated and chained', {
    records: event.Records.length,
    changes: work.changes.length,
    events: work.events.length,
  });
  flushMetrics();
  return processor.response();
};
