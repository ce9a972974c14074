import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '../domain/actor.js';
import type { FailedCheck } from '../domain/checks.js';
import type { SubmissionStatus } from '../domain/status.js';
import { db, tableName } from './client.js';
import { type Key, keys, RESULT_SK, TURNOUT_SK_PREFIX } from './keys.js';
import { batchGet } from './queries.js';

/** A staff decision on a stored submission, kept with its reason. */
export interface Review {
  action: 'approve' | 'reopen';
  reason: string;
  at: string;
  version: number;
  by: Actor;
}

/**
 * A section's current results, or its current reading of one turnout slot. The item is the
 * source of the aggregation: it carries what the aggregation needs (district, electors) so
 * the stream consumer never reads the definition.
 */
export interface Submission {
  electionId: string;
  sectionId: string;
  kind: 'results' | 'turnout';
  slotId?: string;
  district?: string;
  registeredVoters: number;
  /** The election's final turnout slot, if it has one: the aggregation pairs the count with that reading. */
  finalSlotId?: string;
  /** Counts the stored bodies: 1 for the first, +1 for every correction. */
  version: number;
  /** Counts every change of the item (corrections, approvals): the aggregation's ordering. */
  rev: number;
  status: SubmissionStatus;
  checks: FailedCheck[];
  body: unknown;
  bodyHash: string;
  submittedAt: string;
  submittedBy: Actor;
  /** The latest staff decision on this version, if any. */
  review?: Review;
  /** This version's receipt: the leaf hash of its public log entry (on the current item only). */
  receipt?: string;
}

export const submissionKey = (s: Pick<Submission, 'electionId' | 'sectionId' | 'kind' | 'slotId'>): Key =>
  s.kind === 'results'
    ? keys.results(s.electionId, s.sectionId)
    : keys.turnout(s.electionId, s.sectionId, s.slotId ?? '');

export const historyKey = (s: Submission): Key =>
  s.kind === 'results'
    ? keys.resultsVersion(s.electionId, s.sectionId, s.version)
    : keys.turnoutVersion(s.electionId, s.sectionId, s.slotId ?? '', s.version);

export function submissionFromItem(item: Record<string, unknown>): Submission {
  const { PK: _pk, SK: _sk, type: _type, ...rest } = item;
  return rest as unknown as Submission;
}

export async function getSubmission(key: Key): Promise<Submission | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }),
  );
  return Item ? submissionFromItem(Item) : undefined;
}

/** The section's current results and turnout readings (not their history). */
export async function listCurrentSubmissions(electionId: string, sectionId: string): Promise<Submission[]> {
  const { Items = [] } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      // Sort keys in order: APPLIED#, HISTORY#, OFFICER_TOKEN, RESULT, TURNOUT#: the current items come last.
      KeyConditionExpression: 'PK = :pk AND SK >= :first',
      ExpressionAttributeValues: { ':pk': keys.sectionPartition(electionId, sectionId), ':first': RESULT_SK },
      ConsistentRead: true,
    }),
  );
  return Items.filter((i) => i.SK === RESULT_SK || String(i.SK).startsWith(TURNOUT_SK_PREFIX)).map(
    submissionFromItem,
  );
}

/**
 * The current results and turnout readings of many sections at once, by their keys (the results
 * and one reading per slot), 100 keys to a BatchGetItem and `batchesInFlight` of them at once, not
 * a query per section: for the publisher, which rewrites the files of every section a stream batch
 * changed, and the staff overview of every section.
 */
export async function readCurrentSubmissions(
  electionId: string,
  sectionIds: readonly string[],
  slotIds: readonly string[],
  batchesInFlight = 4,
): Promise<Map<string, Submission[]>> {
  const itemKeys = sectionIds.flatMap((sectionId) => [
    keys.results(electionId, sectionId),
    ...slotIds.map((slotId) => keys.turnout(electionId, sectionId, slotId)),
  ]);
  const bySection = new Map<string, Submission[]>(sectionIds.map((id) => [id, []]));
  for (const item of await batchGet(itemKeys, batchesInFlight)) {
    const submission = submissionFromItem(item);
    bySection.get(submission.sectionId)?.push(submission);
  }
  return bySection;
}
