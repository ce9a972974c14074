/**
 * The public log's state item (one per election): what the last signed checkpoint says (size,
 * root, the note itself), which sections its last append touched (the publisher rewrites their
 * files, db/keys.ts PUBLIC_LOG_SK is in its stream filter), and the lease that keeps one writer
 * at a time, so checkpoints are written in order and never go back. A writer that finds the
 * lease taken leaves a mark (`again`): the holder sees it before letting go and appends once more,
 * so nothing chained while it worked waits for the next trigger.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { AGAIN, retrying } from '../retry.js';
import { db, tableName } from './client.js';
import { keys } from './keys.js';
import { writeIf } from './queries.js';

export interface PublicLogState {
  size: number;
  /** Lowercase hex of the root at `size`. */
  root?: string;
  checkpoint?: string;
  /** Whether the log's verifier key is in the deployment's key file. */
  keyPublished?: boolean;
}

export async function readPublicLogState(electionId: string): Promise<PublicLogState> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.publicLog(electionId), ConsistentRead: true }),
  );
  return {
    size: (Item?.size as number | undefined) ?? 0,
    ...(Item?.root ? { root: String(Item.root) } : {}),
    ...(Item?.checkpoint ? { checkpoint: String(Item.checkpoint) } : {}),
    ...(Item?.keyPublished ? { keyPublished: true } : {}),
  };
}

const update = (
  electionId: string,
  expression: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName' | 'Key'>,
) =>
  writeIf(
    db().send(new UpdateCommand({ TableName: tableName(), Key: keys.publicLog(electionId), ...expression })),
  );

/**
 * Takes the writer's lease until `until`: answers "taken", or "busy" when another writer holds it
 * (which then appends once more before letting go).
 */
export async function takeLogLease(electionId: string, holder: string, now: Date, until: Date) {
  // Neither taken nor marked: the lease ran out between the two writes; take it again.
  return retrying(
    {
      attempts: 3,
      baseMs: 10,
      maxMs: 50,
      exhausted: () => new Error(`the log lease of ${electionId} kept changing hands`),
    },
    async () => {
      const taken = await update(electionId, {
        UpdateExpression: 'SET electionId = :e, holder = :me, leaseUntil = :until REMOVE again',
        ConditionExpression: 'attribute_not_exists(leaseUntil) OR leaseUntil < :now',
        ExpressionAttributeValues: {
          ':e': electionId,
          ':me': holder,
          ':until': until.toISOString(),
          ':now': now.toISOString(),
        },
      });
      if (taken) return 'taken' as const;
      const marked = await update(electionId, {
        UpdateExpression: 'SET again = :true',
        ConditionExpression: 'leaseUntil >= :now',
        ExpressionAttributeValues: { ':true': true, ':now': now.toISOString() },
      });
      return marked ? ('busy' as const) : AGAIN;
    },
  );
}

/**
 * Records a signed append, while the lease is still this writer's: the new size, root and
 * checkpoint, and the sections whose entries it appended. False when the lease was lost.
 */
export const recordLogAppend = (
  electionId: string,
  holder: string,
  appended: { size: number; root: string; checkpoint: string; sections: string[]; at: string },
) =>
  update(electionId, {
    UpdateExpression:
      'SET size = :size, root = :root, checkpoint = :checkpoint, sections = :sections, appendedAt = :at',
    ConditionExpression: 'holder = :me AND (attribute_not_exists(size) OR size < :size)',
    ExpressionAttributeValues: {
      ':me': holder,
      ':size': appended.size,
      ':root': appended.root,
      ':checkpoint': appended.checkpoint,
      ':sections': appended.sections,
      ':at': appended.at,
    },
  });

export const recordKeyPublished = (electionId: string, holder: string) =>
  update(electionId, {
    UpdateExpression: 'SET keyPublished = :true',
    ConditionExpression: 'holder = :me',
    ExpressionAttributeValues: { ':true': true, ':me': holder },
  });

/**
 * Lets the lease go unless another writer asked for one more append meanwhile: then the mark is
 * cleared and this answers false, and the holder appends again.
 */
export async function releaseLogLease(electionId: string, holder: string): Promise<boolean> {
  const released = await update(electionId, {
    UpdateExpression: 'REMOVE holder, leaseUntil',
    ConditionExpression: 'holder = :me AND attribute_not_exists(again)',
    ExpressionAttributeValues: { ':me': holder },
  });
  if (released) return true;
  const cleared = await update(electionId, {
    UpdateExpression: 'REMOVE again',
    ConditionExpression: 'holder = :me',
    ExpressionAttributeValues: { ':me': holder },
  });
  // Not cleared: the lease is not ours any more (it ran out), and its new holder appends.
  return !cleared;
}

/**
 * Lets the lease go whatever was asked meanwhile: a writer whose time is running out. What is
 * left is appended by the next writer started (after the next chained batch, or the
 * reconciliation's, within a minute).
 */
export const giveUpLogLease = (electionId: string, holder: string) =>
  update(electionId, {
    UpdateExpression: 'REMOVE holder, leaseUntil, again',
    ConditionExpression: 'holder = :me',
    ExpressionAttributeValues: { ':me': holder },
  });
