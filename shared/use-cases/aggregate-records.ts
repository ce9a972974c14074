import type { DynamoDBRecord } from 'aws-lambda';
import type { SourceChange } from '../domain/aggregation.js';
import type { AuditEvent } from '../domain/audit-events.js';
import { recordAggregationLag } from '../metrics.js';
import { applyChanges, changeOrQuarantine } from './aggregate-changes.js';
import { chainEvents, eventOrQuarantine } from './chain-audit-events.js';
import { requestLogAppends } from './request-public-log.js';

/**
 * What a batch of stream records writes back: section changes for the totals, history records
 * for the audit chain. Records that cannot be read are quarantined as they are added.
 */
export class AggregationWork {
  readonly changes: SourceChange[] = [];
  readonly events: AuditEvent[] = [];
  /** The batch's first section change: the oldest, in stream order (for the aggregation lag). */
  private oldest: DynamoDBRecord | undefined;

  async add(record: DynamoDBRecord): Promise<void> {
    const change = await changeOrQuarantine(record);
    if (change) {
      this.oldest ??= record;
      return void this.changes.push(change);
    }
    const audited = await eventOrQuarantine(record);
    if (audited) this.events.push(audited);
  }

  /**
   * Both jobs run, and if either fails the whole batch fails and is retried, which the
   * aggregation's rev guards and the chain's marks make harmless: nothing counts or chains twice.
   */
  async apply(): Promise<void> {
    const outcomes = await Promise.allSettled([applyChanges(this.changes), chainEvents(this.events)]);
    for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
    if (this.oldest) recordAggregationLag(this.oldest);
    await requestLogAppends(this.events.map((event) => event.electionId));
  }
}
