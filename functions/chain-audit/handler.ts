import { BatchProcessor, EventType } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { AuditEvent } from '../../shared/domain/audit-events.js';
import { logger } from '../../shared/logger.js';
import { chainEvents, eventOrQuarantine } from '../../shared/use-cases/chain-audit-events.js';
import { answerProbe } from '../../shared/use-cases/check-health.js';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/**
 * Appends the batch's history records (every audited write) to their elections' audit chains.
 * A record that cannot be read is quarantined; a failure to append throws, and the whole batch
 * is retried, which the chain's marks make harmless.
 */
export const handler = async (event: DynamoDBStreamEvent, context: Context) => {
  logger.addContext(context);
  const events: AuditEvent[] = [];
  processor.register(event.Records, async (record: DynamoDBRecord) => {
    if (await answerProbe('auditor', record)) return;
    const audited = await eventOrQuarantine(record);
    if (audited) events.push(audited);
  });
  await processor.process();
  await chainEvents(events);
  logger.info('chained', { records: event.Records.length, events: events.length });
  return processor.response();
};
