import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '../../shared/logger.js';
import { flushMetrics } from '../../shared/metrics.js';
import { s3Bucket } from '../../shared/storage/s3-bucket.js';
import { recoverPublication } from '../../shared/use-cases/recover-failed-batch.js';

const bucket = s3Bucket();
const processor = new BatchProcessor(EventType.SQS);

/** The consumer of PublishFailuresQueue: each message names a batch the publisher gave up on. */
export const handler = async (event: SQSEvent, context: Context) => {
  logger.addContext(context);
  const response = await processPartialResponse(
    event,
    (record: SQSRecord) => recoverPublication(bucket, record.body),
    processor,
    { context },
  );
  flushMetrics();
  return response;
};
