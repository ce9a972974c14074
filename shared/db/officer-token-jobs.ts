import { GetCommand, PutCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  FAILURES_KEPT,
  JOB_RECORD_LIFE_MS,
  LEASE_MS,
  type OfficerTokenJob,
  SHEET_LIFE_MS,
} from '../domain/officer-token-job.js';
import { db, tableName } from './client.js';
import { keys } from './keys.js';
import { writeIf } from './queries.js';

/**
 * The record of a bulk job on officer codes: created once (conditionally, so a retried request
 * finds the same job), claimed by one worker at a time with a lease, moved on part by part, each
 * step conditioned on the claim, so a worker that lost its lease writes nothing more.
 */

/** What each part done moves on (recordOfficerTokenJobPart). */
const PROGRESS_FIELDS = [
  'total',
  'processed',
  'changed',
  'failed',
  'failures',
  'parts',
  'partsDone',
] as const;

const FIELDS = [
  'electionId',
  'jobId',
  'operation',
  'sections',
  'requestHash',
  'createdBy',
  'createdAt',
  'updatedAt',
  'status',
  ...PROGRESS_FIELDS,
  'owner',
  'leaseUntil',
  'finishedAt',
  'sheetExpiresAt',
  'error',
] as const;

const fromItem = (item: Record<string, unknown>): OfficerTokenJob =>
  Object.fromEntries(FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]])) as never;

export async function getOfficerTokenJob(
  electionId: string,
  jobId: string,
): Promise<OfficerTokenJob | undefined> {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.officerTokenJob(electionId, jobId),
      ConsistentRead: true,
    }),
  );
  return Item ? fromItem(Item) : undefined;
}

/** A conditional update of the job's record: true when made, false when its condition did not hold. */
const updateJob = (
  job: OfficerTokenJob,
  update: Omit<UpdateCommandInput, 'TableName' | 'Key'>,
): Promise<boolean> =>
  writeIf(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.officerTokenJob(job.electionId, job.jobId),
        ...update,
      }),
    ),
  );

/** Creates the job unless one of that id exists: true when created. */
export async function createOfficerTokenJob(job: OfficerTokenJob): Promise<boolean> {
  return writeIf(
    db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...keys.officerTokenJob(job.electionId, job.jobId),
          type: 'OfficerTokenJob',
          ...job,
          // DynamoDB's TTL (epoch seconds) forgets the record after a while.
          expiresAt: Math.floor((Date.parse(job.createdAt) + JOB_RECORD_LIFE_MS) / 1000),
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    ),
  );
}

/** Takes the job for `owner` if it is unfinished and nobody holds it: true when taken. */
export async function claimOfficerTokenJob(
  job: OfficerTokenJob,
  owner: string,
  now: number,
): Promise<boolean> {
  return updateJob(job, {
    UpdateExpression: 'SET #owner = :owner, leaseUntil = :lease, #status = :running, updatedAt = :at',
    ConditionExpression:
      '#status IN (:queued, :running) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
    ExpressionAttributeNames: { '#owner': 'owner', '#status': 'status' },
    ExpressionAttributeValues: {
      ':owner': owner,
      ':lease': now + LEASE_MS,
      ':running': 'running',
      ':queued': 'queued',
      ':now': now,
      ':at': new Date(now).toISOString(),
    },
  });
}

export interface PartDone {
  /** The part's number: the job must have exactly that many parts done. */
  part: number;
  total: number;
  processed: number;
  changed: number;
  failures: OfficerTokenJob['failures'];
  /** The private bucket's key of the part's codes (issuing jobs). */
  key?: string;
}

/** Records a part as done and renews the lease, if `owner` still holds the job: true when recorded. */
export async function recordOfficerTokenJobPart(
  job: OfficerTokenJob,
  owner: string,
  done: PartDone,
  now: number,
): Promise<boolean> {
  return updateJob(job, {
    // Every attribute by a name placeholder: several are DynamoDB reserved words.
    UpdateExpression:
      'SET #total = :total, #processed = #processed + :processed, #changed = #changed + :changed, ' +
      '#failed = #failed + :failed, #failures = :failures, #parts = list_append(#parts, :key), ' +
      '#partsDone = :next, #leaseUntil = :lease, #updatedAt = :at',
    ConditionExpression: '#owner = :owner AND (attribute_not_exists(#partsDone) OR #partsDone = :part)',
    ExpressionAttributeNames: Object.fromEntries(
      ['owner', ...PROGRESS_FIELDS, 'leaseUntil', 'updatedAt'].map((name) => [`#${name}`, name]),
    ),
    ExpressionAttributeValues: {
      ':owner': owner,
      ':part': done.part,
      ':next': done.part + 1,
      ':total': done.total,
      ':processed': done.processed,
      ':changed': done.changed,
      ':failed': done.failures.length,
      ':failures': [...job.failures, ...done.failures].slice(0, FAILURES_KEPT),
      ':key': done.key ? [done.key] : [],
      ':lease': now + LEASE_MS,
      ':at': new Date(now).toISOString(),
    },
  });
}

/** Ends the job, done or failed, if `owner` still holds it; a done job's sheet may be read for a while. */
export async function finishOfficerTokenJob(
  job: OfficerTokenJob,
  owner: string,
  outcome: { status: 'done' } | { status: 'failed'; error: string },
  now: number,
): Promise<boolean> {
  const at = new Date(now).toISOString();
  return updateJob(job, {
    UpdateExpression: `SET #status = :status, finishedAt = :at, updatedAt = :at, sheetExpiresAt = :expires${outcome.status === 'failed' ? ', #error = :error' : ''} REMOVE leaseUntil`,
    ConditionExpression: '#owner = :owner',
    ExpressionAttributeNames: {
      '#owner': 'owner',
      '#status': 'status',
      ...(outcome.status === 'failed' ? { '#error': 'error' } : {}),
    },
    ExpressionAttributeValues: {
      ':owner': owner,
      ':status': outcome.status,
      ':at': at,
      ':expires': new Date(now + SHEET_LIFE_MS).toISOString(),
      ...(outcome.status === 'failed' ? { ':error': outcome.error } : {}),
    },
  });
}
