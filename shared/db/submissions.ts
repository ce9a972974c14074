import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { FailedCheck } from '../domain/checks.js';
import { db, tableName } from './client.js';
import { electionStateKey } from './elections.js';
import { type Key, keys, RESULT_SK, TURNOUT_SK_PREFIX } from './keys.js';

export type SubmissionStatus = 'accepted' | 'flagged' | 'approved';

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
export type StoreConflict = 'version' | 'election-state';

/**
 * Stores a new version as the current one and in the append-only history, in one
 * transaction that also checks the election is open and still has the definition the
 * body was validated against.
 */
export async function storeSubmissionVersion(
  next: Submission,
  previousVersion: number,
  election: { definitionHash: string; inUse: boolean },
): Promise<StoreConflict | undefined> {
  const current = submissionKey(next);
  const stateCondition = {
    ConditionExpression: '#state = :open AND definitionHash = :hash',
    ExpressionAttributeNames: { '#state': 'state' },
  };
  const stateValues = { ':open': 'open', ':hash': election.definitionHash };
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...current, type: 'Submission', ...next },
              ...(previousVersion === 0
                ? { ConditionExpression: 'attribute_not_exists(PK)' }
                : {
                    ConditionExpression: 'version = :previous',
                    ExpressionAttributeValues: { ':previous': previousVersion },
                  }),
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: { ...historyKey(next), type: 'SubmissionVersion', ...next },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          election.inUse
            ? {
                ConditionCheck: {
                  TableName: tableName(),
                  Key: electionStateKey(next.electionId),
                  ...stateCondition,
                  ExpressionAttributeValues: stateValues,
                },
              }
            : {
                Update: {
                  TableName: tableName(),
                  Key: electionStateKey(next.electionId),
                  UpdateExpression: 'SET inUse = :true',
                  ...stateCondition,
                  ExpressionAttributeValues: { ...stateValues, ':true': true },
                },
              },
        ],
      }),
    );
    return undefined;
  } catch (error) {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    if ((error as Error).name !== 'TransactionCanceledException' || !reasons) throw error;
    if (reasons[2]?.Code === 'ConditionalCheckFailed') return 'election-state';
    // A lost race with another write of the same section: the caller re-reads and decides again.
    if (reasons.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict'))
      return 'version';
    throw error;
  }
}
