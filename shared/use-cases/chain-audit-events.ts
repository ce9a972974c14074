import type { DynamoDBRecord } from 'aws-lambda';
import { commitAuditEntries, readAuditHead, readChained } from '../db/audit.js';
import { isAuditRecordKey } from '../db/keys.js';
import { readStreamRecord } from '../db/stream-record.js';
import { extendChain } from '../domain/audit-chain.js';
import { type AuditEvent, auditEventOf } from '../domain/audit-events.js';
import { retryLostRaces } from './lost-races.js';
import { readOrQuarantine } from './quarantine-poison.js';

/**
 * Records per transaction: each takes its entry and its "chained" mark, and the head one more
 * item, well under DynamoDB's 100.
 */
const EVENTS_PER_TRANSACTION = 40;

/**
 * The audit event of a stream record: a history record inserted. Anything else (its own
 * marks, other items) is not an audited write and answers undefined.
 */
export function eventOfRecord(record: DynamoDBRecord): AuditEvent | undefined {
  if (record.eventName !== 'INSERT') return undefined;
  const { key, newImage } = readStreamRecord(record);
  if (!isAuditRecordKey(key) || !newImage) return undefined;
  return auditEventOf(newImage);
}

/**
 * The event, or undefined. An unreadable record is quarantined (quarantine-poison.ts), and
 * `npm run verify-audit` reports it as a record missing from the chain.
 */
export const eventOrQuarantine = (record: DynamoDBRecord): Promise<AuditEvent | undefined> =>
  readOrQuarantine('auditor', record, eventOfRecord);

/** Appends one election's events after its head, skipping those already chained; retried after a lost race. */
function chainChunk(electionId: string, events: readonly AuditEvent[]): Promise<void> {
  return retryLostRaces('audit chaining', async () => {
    const chained = await readChained(events.map((e) => e.source));
    const fresh = events.filter((e) => !chained.has(e.source));
    if (fresh.length === 0) return true;
    const head = await readAuditHead(electionId);
    return commitAuditEntries(
      electionId,
      head,
      extendChain(electionId, head, fresh, new Date().toISOString()),
    );
  });
}

/**
 * Appends every event to its election's chain exactly once in effect: a redelivered or repeated
 * record finds its mark and is skipped, and the mark is written with the entry, atomically.
 */
export async function chainEvents(events: readonly AuditEvent[]): Promise<void> {
  const byElection = new Map<string, Map<string, AuditEvent>>();
  for (const event of events) {
    const unique = byElection.get(event.electionId) ?? new Map<string, AuditEvent>();
    unique.set(event.source, event);
    byElection.set(event.electionId, unique);
  }
  for (const [electionId, unique] of byElection) {
    const list = [...unique.values()];
    for (let start = 0; start < list.length; start += EVENTS_PER_TRANSACTION) {
      await chainChunk(electionId, list.slice(start, start + EVENTS_PER_TRANSACTION));
    }
  }
}
