import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RecentChanges } from '../domain/summary.js';
import { db, tableName } from './client.js';
import { keys } from './keys.js';
import { writeIf } from './queries.js';

/** What was last published for an election: enough to skip a publish that would change nothing. */
export interface Publication {
  seq: number;
  totalRev: number;
  state: string;
  definitionHash: string;
  definitionPath: string;
  /** The rev of each part of the total when published: the next change list starts after them. */
  partRevs?: Record<string, number>;
  /** The audit chain's length when published (0 before its first entry). */
  auditSeq?: number;
  publishedAt: string;
  /** Set once the pointer is written; an incomplete publication is redone by the next publish. */
  complete: boolean;
  /** False when this publication withheld the counts (before the definition's `countsFrom`). */
  countsPublished?: boolean;
  /**
   * The run-off linked when published, for a first round (its summary's `runoffRound`); null when
   * none, written with every claim so a link taken away is not remembered.
   */
  runoffId?: string | null;
  /** The newest seq whose pointer a publish has claimed (it writes its pages, then the pointer). */
  pointerSeq?: number;
}

export async function getPublication(electionId: string): Promise<Publication | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.publication(electionId), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const { PK: _pk, SK: _sk, type: _type, ...publication } = Item;
  return publication as Publication;
}

/** Claims the next sequence number; false when another publisher claimed it first. */
export async function claimPublication(
  electionId: string,
  previousSeq: number,
  next: Publication,
): Promise<boolean> {
  // An update, not a put: the item also holds pointerSeq, which must survive every claim.
  const fields = Object.keys(next) as (keyof Publication)[];
  return writeIf(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.publication(electionId),
        UpdateExpression: `SET #type = :type, ${fields.map((f) => `#${f} = :${f}`).join(', ')}`,
        ConditionExpression: previousSeq === 0 ? 'attribute_not_exists(PK)' : '#seq = :previous',
        ExpressionAttributeNames: { '#type': 'type', ...Object.fromEntries(fields.map((f) => [`#${f}`, f])) },
        ExpressionAttributeValues: {
          ':type': 'Publication',
          ...Object.fromEntries(fields.map((f) => [`:${f}`, next[f]])),
          ...(previousSeq === 0 ? {} : { ':previous': previousSeq }),
        },
      }),
    ),
  );
}

/**
 * Claims the right to write the pointer for `seq`: granted only if no later snapshot's pointer
 * was claimed, so `latest.json` never goes backwards.
 */
export async function claimPointer(electionId: string, seq: number): Promise<boolean> {
  return writeIf(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.publication(electionId),
        UpdateExpression: 'SET pointerSeq = :seq',
        ConditionExpression: 'attribute_not_exists(pointerSeq) OR pointerSeq < :seq',
        ExpressionAttributeValues: { ':seq': seq },
      }),
    ),
  );
}

export async function completePublication(electionId: string, seq: number): Promise<void> {
  // When the condition fails, a newer publication already took over: it will complete itself.
  await writeIf(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.publication(electionId),
        UpdateExpression: 'SET complete = :true',
        ConditionExpression: 'seq = :seq',
        ExpressionAttributeValues: { ':true': true, ':seq': seq },
      }),
    ),
  );
}

/** Keeps the digest of one publish's change list, under its seq (written once by its claimer). */
export async function putPublishedChanges(electionId: string, digest: RecentChanges): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...keys.publishedChanges(electionId, digest.seq),
        type: 'PublishedChanges',
        electionId,
        ...digest,
      },
    }),
  );
}

/** The digests of the publishes up to `seq`, newest first, at most `limit`. */
export async function readPublishedChanges(
  electionId: string,
  seq: number,
  limit: number,
): Promise<RecentChanges[]> {
  const { Items } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': keys.publication(electionId).PK,
        ':from': keys.publishedChanges(electionId, Math.max(1, seq - limit + 1)).SK,
        ':to': keys.publishedChanges(electionId, seq).SK,
      },
      ScanIndexForward: false,
      Limit: limit,
      ConsistentRead: true,
    }),
  );
  return (Items ?? []).map((item) => ({
    seq: item.seq as number,
    generatedAt: String(item.generatedAt),
    changes: String(item.changes),
    entries: (item.entries as RecentChanges['entries'] | undefined) ?? [],
    omitted: (item.omitted as number | undefined) ?? 0,
  }));
}
