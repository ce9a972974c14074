import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '../domain/actor.js';
import type { FailedCheck } from '../domain/checks.js';
import type { SubmissionStatus } from '../domain/status.js';
import { db, tableName } from './client.js';
import { electionStateKey } from './elections.js';
import { itemSk, type Key, keys, RESULT_SK, TURNOUT_SK_PREFIX } from './keys.js';
import { tokenStillValid } from './tokens.js';

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
}

export const submissionKey = (s: Pick<Submission, 'electionId' | 'sectionId' | 'kind' | 'slotId'>): Key =>
  s.kind === 'results'
    ? keys.results(s.electionId, s.sectionId)
    : keys.turnout(s.electionId, s.sectionId, s.slotId ?? '');

const historyKey = (s: Submission): Key =>
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

/** Which condition of a stored-version transaction failed. */
export type StoreConflict = 'version' | 'election-state' | 'token-revoked';

/** A related current item whose checks changed with this write (R5 links the final slot and the count). */
export interface Recheck {
  item: Submission;
  expectedRev: number;
}

const stateGuard = (electionId: string, election: { definitionHash: string; inUse: boolean }) => {
  // Open, on the definition the body was checked against, and not being redefined right now.
  const condition = {
    ConditionExpression: '#state = :open AND definitionHash = :hash AND attribute_not_exists(defining)',
    ExpressionAttributeNames: { '#state': 'state' },
  };
  const values = { ':open': 'open', ':hash': election.definitionHash };
  return election.inUse
    ? {
        ConditionCheck: {
          TableName: tableName(),
          Key: electionStateKey(electionId),
          ...condition,
          ExpressionAttributeValues: values,
        },
      }
    : {
        Update: {
          TableName: tableName(),
          Key: electionStateKey(electionId),
          UpdateExpression: 'SET inUse = :true',
          ...condition,
          ExpressionAttributeValues: { ...values, ':true': true },
        },
      };
};

/** The transactional write of a section's current item, under the given condition. */
const putCurrent = (
  item: Submission,
  condition: { ConditionExpression: string; ExpressionAttributeValues?: Record<string, unknown> },
) => ({
  Put: {
    TableName: tableName(),
    Item: { ...submissionKey(item), type: 'Submission', ...item },
    ...condition,
  },
});

const revGuard = (expectedRev: number) => ({
  ConditionExpression: 'rev = :expectedRev',
  ExpressionAttributeValues: { ':expectedRev': expectedRev },
});

/** Maps a cancelled transaction to the conflict it reports; rethrows anything else. */
function conflictOf(error: unknown, stateIndex: number, tokenIndex?: number): StoreConflict {
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  if ((error as Error).name !== 'TransactionCanceledException' || !reasons) throw error;
  if (reasons[stateIndex]?.Code === 'ConditionalCheckFailed') return 'election-state';
  if (tokenIndex !== undefined && reasons[tokenIndex]?.Code === 'ConditionalCheckFailed')
    return 'token-revoked';
  // A lost race with another write of the same section: the caller re-reads and decides again.
  if (reasons.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict'))
    return 'version';
  throw error;
}

/** What a write changed beside it (R5), so its history record, and the audit trail, hold it too. */
const recheckedRecord = (rechecks: readonly Recheck[]) =>
  rechecks.length > 0
    ? {
        rechecked: rechecks.map(({ item }) => ({
          kind: item.kind,
          ...(item.slotId !== undefined ? { slotId: item.slotId } : {}),
          status: item.status,
          checks: item.checks.map((c) => c.code),
        })),
      }
    : {};

/**
 * Records a staff review: the current item with its new status, and the review in the
 * history, in one transaction conditioned on the rev that was reviewed and an open election.
 */
export async function storeReview(
  reviewed: Submission,
  expectedRev: number,
  election: { definitionHash: string; inUse: boolean },
  rechecks: readonly Recheck[] = [],
): Promise<StoreConflict | undefined> {
  const review = reviewed.review;
  if (!review) throw new Error('storeReview needs the review on the item');
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          putCurrent(reviewed, revGuard(expectedRev)),
          {
            Put: {
              TableName: tableName(),
              Item: {
                ...keys.reviewRecord(reviewed.electionId, reviewed.sectionId, review.at, itemSk(reviewed)),
                type: 'Review',
                electionId: reviewed.electionId,
                sectionId: reviewed.sectionId,
                kind: reviewed.kind,
                ...(reviewed.slotId ? { slotId: reviewed.slotId } : {}),
                ...review,
                status: reviewed.status,
                ...recheckedRecord(rechecks),
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          stateGuard(reviewed.electionId, election),
          ...rechecks.map(({ item, expectedRev }) => putCurrent(item, revGuard(expectedRev))),
        ],
      }),
    );
    return undefined;
  } catch (error) {
    return conflictOf(error, 2);
  }
}

/**
 * Stores a new version as the current one and in the append-only history, in one
 * transaction that also checks the election is open and still has the definition the
 * body was validated against, and updates related items whose checks changed with it.
 * With `signedInWith`, the token the request came with must still be valid as the write
 * lands: a revocation takes effect at once, even for a request already on its way.
 */
export async function storeSubmissionVersion(
  next: Submission,
  previousVersion: number,
  election: { definitionHash: string; inUse: boolean },
  rechecks: readonly Recheck[] = [],
  signedInWith?: string,
): Promise<StoreConflict | undefined> {
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          putCurrent(
            next,
            previousVersion === 0
              ? { ConditionExpression: 'attribute_not_exists(PK)' }
              : {
                  ConditionExpression: 'version = :previous',
                  ExpressionAttributeValues: { ':previous': previousVersion },
                },
          ),
          {
            Put: {
              TableName: tableName(),
              Item: {
                ...historyKey(next),
                type: 'SubmissionVersion',
                ...next,
                ...recheckedRecord(rechecks),
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          stateGuard(next.electionId, election),
          ...(signedInWith ? [tokenStillValid(signedInWith)] : []),
          ...rechecks.map(({ item, expectedRev }) => putCurrent(item, revGuard(expectedRev))),
        ],
      }),
    );
    return undefined;
  } catch (error) {
    return conflictOf(error, 2, signedInWith ? 3 : undefined);
  }
}
