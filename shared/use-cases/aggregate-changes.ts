import { randomInt } from 'node:crypto';
import type { DynamoDBRecord } from 'aws-lambda';
import * as z from 'zod';
import { commitAggregation, readApplied, readPart, sourceIdOf, TOTAL_PARTS } from '../db/aggregates.js';
import { isSourceKey, keys, RESULT_SK, TURNOUT_SK_PREFIX } from '../db/keys.js';
import { readStreamRecord } from '../db/stream-record.js';
import {
  type AggregationPlan,
  type Applied,
  ITEMS_PER_SOURCE,
  latestChanges,
  type OutlookPairing,
  planAggregation,
  type SourceChange,
  sourcesToRead,
} from '../domain/aggregation.js';
import { isCounted, SUBMISSION_STATUSES } from '../domain/status.js';
import { StoredResultsSchema, TurnoutReadingSchema } from '../domain/submission-bodies.js';
import { tallyOfResults, tallyOfTurnout } from '../domain/tally.js';
import { inPool } from '../in-pool.js';
import { retryLostRaces } from './lost-races.js';
import { readOrQuarantine } from './quarantine-poison.js';

const SourceImageSchema = z.object({
  electionId: z.string(),
  sectionId: z.string(),
  kind: z.enum(['results', 'turnout']),
  slotId: z.string().optional(),
  /** The election's final slot, which the item carries so the aggregation pairs it without the definition. */
  finalSlotId: z.string().optional(),
  registeredVoters: z.number().int().min(0),
  rev: z.number().int().positive(),
  status: z.enum(SUBMISSION_STATUSES),
  version: z.number().int().positive().optional(),
  review: z.object({ reason: z.string() }).partial().optional(),
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
 * The outlook sources of a section's count or final reading (domain/aggregation.ts); none for
 * the readings of the other slots, which the outlook does not read.
 */
function pairingOf(
  key: { PK: string; SK: string },
  image: { kind: 'results' | 'turnout'; slotId?: string | undefined; finalSlotId?: string | undefined },
): OutlookPairing | undefined {
  const { finalSlotId } = image;
  if (image.kind === 'turnout' && (finalSlotId === undefined || image.slotId !== finalSlotId))
    return undefined;
  const id = (SK: string) => sourceIdOf({ PK: key.PK, SK });
  return {
    outlookId: sourceIdOf(keys.outlookSource(key.PK)),
    resultsId: id(RESULT_SK),
    ...(finalSlotId !== undefined ? { finalId: id(`${TURNOUT_SK_PREFIX}${finalSlotId}`), finalSlotId } : {}),
  };
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
  const pairing = pairingOf(key, image);
  return {
    sourceId: sourceIdOf(key),
    electionId: image.electionId,
    ...(pairing ? { pairing } : {}),
    // A removed item outranks every version it had.
    rev: removed ? image.rev + 1 : image.rev,
    tally,
    label: {
      sectionId: image.sectionId,
      item: image.kind === 'results' ? 'results' : `turnout/${image.slotId ?? ''}`,
      version: image.version ?? 1,
      reason: image.review?.reason ?? null,
    },
  };
}

/**
 * Sources per transaction: each with its section's outlook source and a partner's condition
 * check at most, and the part with its change entries, within DynamoDB's 100 items.
 */
export const SOURCES_PER_TRANSACTION = Math.floor((100 - 2) / ITEMS_PER_SOURCE);
/** Transactions of one batch in flight at once, each on a part of its own. */
const TRANSACTIONS_AT_ONCE = 4;

/**
 * The part this process writes next. Each process keeps to its part while it wins, and moves to
 * a random other part when it loses a race, so concurrent writers settle on parts of their own.
 */
let nextPart = randomInt(TOTAL_PARTS);
const takePart = () => {
  const part = nextPart;
  nextPart = (nextPart + 1) % TOTAL_PARTS;
  return part;
};
const otherPart = (part: number) => (part + 1 + randomInt(TOTAL_PARTS - 1)) % TOTAL_PARTS;

/**
 * Reads what the sources contributed, plans, and commits the plan's delta to one part, guarded;
 * after a lost race it reads again and tries another part. `plan` turns the applied records read
 * into the writes (planAggregation for the stream, planRepair for the reconciliation).
 */
export async function commitToSomePart(
  electionId: string,
  sourceIds: string[],
  plan: (applied: Map<string, Applied>) => AggregationPlan,
): Promise<AggregationPlan | undefined> {
  let part = takePart();
  let committed: AggregationPlan | undefined;
  await retryLostRaces('aggregation', async () => {
    const [applied, current] = await Promise.all([readApplied(sourceIds), readPart(electionId, part)]);
    const planned = plan(applied);
    if (planned.applied.length === 0) return true;
    if (await commitAggregation(electionId, planned, part, current)) {
      committed = planned;
      return true;
    }
    part = otherPart(part);
    return false;
  });
  return committed;
}

/** Brings the aggregates up to date with a batch of changes, exactly once in effect. */
export async function applyChanges(changes: readonly SourceChange[]): Promise<void> {
  const chunks: SourceChange[][] = [];
  const byElection = new Map<string, SourceChange[]>();
  // In key order, so a section's count and final reading (one partition) share a chunk and its outlook source.
  const ordered = latestChanges(changes).sort((a, b) =>
    a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0,
  );
  for (const change of ordered) {
    byElection.set(change.electionId, [...(byElection.get(change.electionId) ?? []), change]);
  }
  for (const electionChanges of byElection.values()) {
    for (let start = 0; start < electionChanges.length; start += SOURCES_PER_TRANSACTION) {
      chunks.push(electionChanges.slice(start, start + SOURCES_PER_TRANSACTION));
    }
  }
  // Chunks hold different sources, so they commit in any order, side by side.
  await inPool(chunks, TRANSACTIONS_AT_ONCE, async (chunk) => {
    await commitToSomePart(chunk[0]?.electionId ?? '', sourcesToRead(chunk), (applied) =>
      planAggregation(chunk, applied),
    );
  });
}

/** The change a record makes, or undefined; an unreadable record is quarantined (quarantine-poison.ts). */
export const changeOrQuarantine = (record: DynamoDBRecord): Promise<SourceChange | undefined> =>
  readOrQuarantine('aggregator', record, changeOfRecord);
