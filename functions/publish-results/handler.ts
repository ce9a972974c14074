import { BatchProcessor, EventType } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../../shared/logger.js';
import { flushMetrics } from '../../shared/metrics.js';
import { s3Bucket } from '../../shared/storage/s3-bucket.js';
import { answerProbe } from '../../shared/use-cases/check-health.js';
import { PublishWork } from '../../shared/use-cases/publish-records.js';

const bucket = s3Bucket();
const processor = new BatchProcessor(EventType.DynamoDBStreams);

/**
 * Coalesces a batch of changes into one publish per election: the changed sections' files,
 * then at most one new summary snapshot and its pointer.
 */
export const handler = async (event: DynamoDBStreamEvent, context: Context) => {
  logger.addContext(context);
  const work = new PublishWork();
  processor.register(event.Records, async (record: DynamoDBRecord) => {
    if (await answerProbe('publisher', record)) return;
    work.add(record);
  });
  await processor.process();
  await work.publish(bucket);
  flushMetrics();
  return processor.response();
};
