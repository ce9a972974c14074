/**
 * Writing a section's items: a new version with its history record, or a staff review with its
 * record, each in one transaction with the items it re-judged beside it (lifecycle.ts), guarded
 * by the election's state, the items' revs, for an officer the token still being valid, and for a
 * write under the API's write limit its credential's window (write-windows.ts).
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.js';
import { electionStateKey } from './elections.js';
import { itemSk, keys } from './keys.js';
import { historyKey, type Submission, submissionKey } from './submissions.js';
import { tokenStillValid } from './tokens.js';
import type { writeWindowPut } from './write-windows.js';

/** Which condition of a stored-version transaction failed. */
export type StoreConflict = 'version' | 'election-state' | 'token-revoked' | 'write-window';

/** A transaction's Put of the writing credential's window. */
export type WindowWrite = ReturnType<typeof writeWindowPut>;

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
function conflictOf(
  error: unknown,
  stateIndex: number,
  tokenIndex?: number,
  windowIndex?: number,
): StoreConflict {
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  if ((error as Error).name !== 'TransactionCanceledException' || !reasons) throw error;
  if (reasons[stateIndex]?.Code === 'ConditionalCheckFailed') return 'election-state';
  if (tokenIndex !== undefined && reasons[tokenIndex]?.Code === 'ConditionalCheckFailed')
    return 'token-revoked';
  // Another write of the same credential took its place in the window first: read it again.
  if (windowIndex !== undefined && reasons[windowIndex]?.Code === 'ConditionalCheckFailed')
    return 'write-window';
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
 * A new version's history record, as stored: the audit trail's and the public log's source, so the
 * write can answer the receipt of its log entry before the log is written (domain/public-log-entry.ts).
 */
export const historyRecordOf = (next: Submission, rechecks: readonly Recheck[] = []) => {
  const { receipt: _receipt, ...version } = next;
  return { ...historyKey(next), type: 'SubmissionVersion', ...version, ...recheckedRecord(rechecks) };
};

/**
 * Records a staff review: the current item with its new status, and the review in the
 * history, in one transaction conditioned on the rev that was reviewed and an open election.
 */
export async function storeReview(
  reviewed: Submission,
  expectedRev: number,
  election: { definitionHash: string; inUse: boolean },
  rechecks: readonly Recheck[] = [],
  windowWrite?: WindowWrite,
): Promise<StoreConflict | undefined> {
  const review = reviewed.review;
  if (!review) throw new Error('storeReview needs the review on the item');
  const windowIndex = windowWrite ? 3 + rechecks.length : undefined;
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
          ...(windowWrite ? [windowWrite] : []),
        ],
      }),
    );
    return undefined;
  } catch (error) {
    return conflictOf(error, 2, undefined, windowIndex);
  }
}

/**
 * Stores a new version as the current one and in the append-only history, in one
 * transaction that also checks the election is open and still has the definition the
 * body was validated against, and updates related items whose checks changed with it.
 * With `signedInWith`, the token the request came with must still be valid as the write
 * lands: a revocation takes effect at once, even for a request already on its way. With
 * `windowWrite`, the writing credential's window must be as it was read (its write limit).
 */
export async function storeSubmissionVersion(
  next: Submission,
  previousVersion: number,
  election: { definitionHash: string; inUse: boolean },
  rechecks: readonly Recheck[] = [],
  signedInWith?: string,
  windowWrite?: WindowWrite,
): Promise<StoreConflict | undefined> {
  const windowIndex = windowWrite ? 3 + (signedInWith ? 1 : 0) + rechecks.length : undefined;
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
              Item: historyRecordOf(next, rechecks),
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          stateGuard(next.electionId, election),
          ...(signedInWith ? [tokenStillValid(signedInWith)] : []),
          ...rechecks.map(({ item, expectedRev }) => putCurrent(item, revGuard(expectedRev))),
          ...(windowWrite ? [windowWrite] : []),
        ],
      }),
    );
    return undefined;
  } catch (error) {
    return conflictOf(error, 2, signedInWith ? 3 : undefined, windowIndex);
  }
}
