import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '../../shared/logger.js';
import { flushMetrics } from '../../shared/metrics.js';
import { recoverAggregation } from '../../shared/use-cases/recover-failed-batch.js';

const processor = new BatchProcessor(EventType.SQS);

/** The consumer of AggregationFailuresQueue: each message names a batch the aggregator gave up on. */
export const handler = async (event: SQSEvent, context: Context) => {
  logger.addContext(context);
  const response = await processPartialResponse(
    event,
    (record: SQSRecord) => recoverAggregation(record.body),
    processor,
    {
      context,
    },
  );
  flushMetrics();
  return response;
};
