import { BatchProcessor, EventType } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { SourceChange } from '../../shared/domain/aggregation.js';
import { logger } from '../../shared/logger.js';
import { applyChanges, changeOrQuarantine } from '../../shared/use-cases/aggregate-changes.js';
import { answerProbe } from '../../shared/use-cases/check-health.js';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/**
 * Reads a batch of table changes, quarantines the ones that cannot be read, and applies the
 * others to the aggregates. A record whose handling fails (e.g. its quarantine could not be
 * written) is reported as a batch item failure; a failure to apply throws, and the whole batch
 * is retried, which the aggregation's guards make harmless. In AWS, a batch that keeps failing
 * goes to the on-failure queue after its retries.
 */
export const handler = async (event: DynamoDBStreamEvent, context: Context) => {
  logger.addContext(context);
  const changes: SourceChange[] = [];
  processor.register(event.Records, async (record: DynamoDBRecord) => {
    if (await answerProbe('aggregator', record)) return;
    const change = await changeOrQuarantine(record);
    if (change) changes.push(change);
  });
  await processor.process();
  await applyChanges(changes);
  logger.info('aggregated', { records: event.Records.length, changes: changes.length });
  return processor.response();
};
