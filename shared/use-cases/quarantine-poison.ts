import type { DynamoDBRecord } from 'aws-lambda';
import { quarantineRecord } from '../db/quarantine.js';
import { logger } from '../logger.js';
import { flushMetrics, recordRecordQuarantined } from '../metrics.js';

/**
 * What `read` makes of a stream record, or undefined. A record it cannot read is poison: retrying
 * it can only fail again and block its shard, so it is quarantined (kept whole for staff) at once.
 * Only a failure to quarantine it throws, and that is retried like any I/O failure.
 */
export async function readOrQuarantine<T>(
  consumer: string,
  record: DynamoDBRecord,
  read: (record: DynamoDBRecord) => T | undefined,
): Promise<T | undefined> {
  try {
    return read(record);
  } catch (error) {
    logger.error('poison stream record quarantined', {
      consumer,
      eventId: record.eventID,
      error: error as Error,
    });
    await quarantineRecord({
      consumer,
      eventId: record.eventID ?? 'unknown',
      sequenceNumber: record.dynamodb?.SequenceNumber ?? 'unknown',
      reason: (error as Error).message.slice(0, 2000),
      quarantinedAt: new Date().toISOString(),
      record: JSON.stringify(record),
    });
    recordRecordQuarantined();
    // Written at once rather than left to the stream reader's handler: a quarantine is rare, and
    // its count must not depend on how the handler ends (it may throw for another record).
    flushMetrics();
    return undefined;
  }
}
