import { BatchProcessor, EventType } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { SourceChange } from '../../shared/domain/aggregation.js';
import type { AuditEvent } from '../../shared/domain/audit-events.js';
import { logger } from '../../shared/logger.js';
import { applyChanges, changeOrQuarantine } from '../../shared/use-cases/aggregate-changes.js';
import { chainEvents, eventOrQuarantine } from '../../shared/use-cases/chain-audit-events.js';
import { answerProbe } from '../../shared/use-cases/check-health.js';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/**
 * The stream's first reader (the publisher is the second; DynamoDB Streams serves at most two
 * per shard without throttling): it applies the batch's section changes to the aggregates and
 * appends its history records to the audit chains. Records that cannot be read are quarantined.
 * Both jobs run on every delivery, and if either fails the batch is retried whole, which the
 * aggregation's rev guards and the chain's marks make harmless: nothing is counted or chained twice.
 */
export const handler = async (event: DynamoDBStreamEvent, context: Context) => {
  logger.addContext(context);
  const changes: SourceChange[] = [];
  const events: AuditEvent[] = [];
  processor.register(event.Records, async (record: DynamoDBRecord) => {
    if (await answerProbe('aggregator', record)) return;
    const change = await changeOrQuarantine(record);
    if (change) return void changes.push(change);
    const audited = await eventOrQuarantine(record);
    if (audited) events.push(audited);
  });
  await processor.process();
  const [aggregated, chained] = await Promise.allSettled([applyChanges(changes), chainEvents(events)]);
  for (const outcome of [aggregated, chained]) if (outcome.status === 'rejected') throw outcome.reason;
  logger.info('aggregated and chained', {
    records: event.Records.length,
    changes: changes.length,
    events: events.length,
  });
  return processor.response();
};
