import type { DynamoDBRecord } from 'aws-lambda';
import * as z from 'zod';
import { commitAggregation, readAggregates, readApplied, sourceIdOf } from '../db/aggregates.js';
import { isSourceKey } from '../db/keys.js';
import { readStreamRecord } from '../db/stream-record.js';
import { aggregateIdsOf, latestChanges, planAggregation, type SourceChange } from '../domain/aggregation.js';
import { isCounted, SUBMISSION_STATUSES } from '../domain/status.js';
import { StoredResultsSchema, TurnoutReadingSchema } from '../domain/submission-bodies.js';
import { tallyOfResults, tallyOfTurnout } from '../domain/tally.js';
import { retryLostRaces } from './lost-races.js';
import { readOrQuarantine } from './quarantine-poison.js';

const SourceImageSchema = z.object({
  electionId: z.string(),
  sectionId: z.string(),
  kind: z.enum(['results', 'turnout']),
  slotId: z.string().optional(),
  district: z.string().optional(),
  registeredVoters: z.number().int().min(0),
  rev: z.number().int().positive(),
  status: z.enum(SUBMISSION_STATUSES),
  body: z.unknown(),
});

/**
 * Turns one stream record into the change it makes to the totals, or undefined for the
 * records the aggregation does not consume. Pure: it throws on a malformed source image, and
 * would throw again on every retry (see `changeOrQuarantine`).
 */
export function changeOfRecord(record: DynamoDBRecord): SourceChange | undefined {
  const { key, newImage, oldImage } = readStreamRecord(record);
  if (!isSourceKey(key)) return undefined;
  return changeOfImage(key, newImage ?? oldImage, !newImage);
}

/**
 * The change a stored source item makes to the totals: its counted tally at its rev. The
 * stream path and the redrive (`redrive-aggregation.ts`) read items through this one function.
 */
export function changeOfImage(key: { PK: string; SK: string }, raw: unknown, removed = false): SourceChange {
  const image = SourceImageSchema.parse(raw);
  const counted = !removed && isCounted(image.status);
  const tally = !counted
    ? {}
    : image.kind === 'results'
      ? tallyOfResults(StoredResultsSchema.parse(image.body), image.registeredVoters)
      : tallyOfTurnout(image.slotId ?? '', TurnoutReadingSchema.parse(image.body), image.registeredVoters);
  return {
    sourceId: sourceIdOf(key),
    electionId: image.electionId,
    ...(image.district !== undefined ? { district: image.district } : {}),
    // A removed item outranks every version it had.
    rev: removed ? image.rev + 1 : image.rev,
    tally,
  };
}

/** Sources per transaction: with their districts and the total it stays under DynamoDB's 100 items. */
const SOURCES_PER_TRANSACTION = 40;
/** Applies one election's changes in one guarded transaction, re-reading after a lost race. */
function applyChunk(changes: SourceChange[]): Promise<void> {
  return retryLostRaces('aggregation', async () => {
    const applied = await readApplied(changes.map((c) => c.sourceId));
    const plan = planAggregation(changes, applied);
    if (plan.applied.length === 0) return true;
    const aggregateIds = [...new Set(plan.applied.flatMap(({ change }) => aggregateIdsOf(change)))];
    return commitAggregation(plan, await readAggregates(aggregateIds));
  });
}

/** Brings the aggregates up to date with a batch of changes, exactly once in effect. */
export async function applyChanges(changes: readonly SourceChange[]): Promise<void> {
  const byElection = new Map<string, SourceChange[]>();
  for (const change of latestChanges(changes)) {
    byElection.set(change.electionId, [...(byElection.get(change.electionId) ?? []), change]);
  }
  for (const electionChanges of byElection.values()) {
    for (let start = 0; start < electionChanges.length; start += SOURCES_PER_TRANSACTION) {
      await applyChunk(electionChanges.slice(start, start + SOURCES_PER_TRANSACTION));
    }
  }
}

/** The change a record makes, or undefined; an unreadable record is quarantined (quarantine-poison.ts). */
export const changeOrQuarantine = (record: DynamoDBRecord): Promise<SourceChange | undefined> =>
  readOrQuarantine('aggregator', record, changeOfRecord);
