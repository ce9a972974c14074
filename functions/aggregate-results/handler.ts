import { BatchProcessor, EventType } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { SourceChange } from '../../shared/domain/aggregation.js';
import { logger } from '../../shared/logger.js';
import { applyChanges, changeOfRecord } from '../../shared/use-cases/aggregate-changes.js';
import { answerProbe } from '../../shared/use-cases/check-health.js';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/**
 * Reads a batch of table changes, reports malformed records as batch item failures, and
 * applies the others to the aggregates. A failure to apply throws: the whole batch is
 * retried, which the aggregation's guards make harmless.
 */
export const handler = async (event: DynamoDBStreamEvent, context: Context) => {
  logger.addContext(context);
  const changes: SourceChange[] = [];
  processor.register(event.Records, async (record: DynamoDBRecord) => {
    if (await answerProbe('aggregator', record)) return;
    const change = changeOfRecord(record);
    if (change) changes.push(change);
  });
  await processor.process();
  await applyChanges(changes);
  logger.info('aggregated', { records: event.Records.length, changes: changes.length });
  return processor.response();
};
