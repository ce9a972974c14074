/**
 * The site's index of published elections (use-cases/publish-site-index.ts): one entry per
 * election, and one item with the index's `rev`, which grows in the same transaction as every
 * change of an entry, beside `renderedRev` and `front`, what the files were last rendered from.
 * Publishers of different elections race; the rev lets each one see, after its own writes,
 * whether an entry changed meanwhile (README, Publishing).
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type SiteIndexEntry, sameEntry } from '../domain/site-index.js';
import { AGAIN, retrying } from '../retry.js';
import { db, tableName } from './client.js';
import { keys } from './keys.js';
import { queryAll, transactIf, writeIf } from './queries.js';

export interface SiteIndexState {
  /** Grows with every change of an entry. */
  rev: number;
  /** The rev the files were last rendered from (0 before the first rendering). */
  renderedRev: number;
  /** The election whose own page the front page shows at `renderedRev`, or null (a list, or nothing). */
  front: string | null;
}

export async function readSiteIndex(): Promise<SiteIndexState> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.siteIndex(), ConsistentRead: true }),
  );
  return {
    rev: Number(Item?.rev ?? 0),
    renderedRev: Number(Item?.renderedRev ?? 0),
    front: typeof Item?.front === 'string' ? Item.front : null,
  };
}

export const sameSiteIndex = (a: SiteIndexState, b: SiteIndexState) =>
  a.rev === b.rev && a.renderedRev === b.renderedRev && a.front === b.front;

const entryOf = (item: Record<string, unknown>): SiteIndexEntry => ({
  electionId: String(item.electionId),
  name: String(item.name),
  municipality: item.municipality as SiteIndexEntry['municipality'],
  rehearsal: item.rehearsal === true,
  status: item.status as SiteIndexEntry['status'],
  latest: String(item.latest),
});

/** Every entry, read consistently: a reading made after the rev shows every change up to it. */
export async function listSiteEntries(): Promise<SiteIndexEntry[]> {
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.sitePartition(), ':prefix': keys.siteEntryPrefix },
    ConsistentRead: true,
  });
  return items.map(entryOf);
}

/** Publishers of the same election racing on its entry: read again, a few times, then let the stream retry. */
const entryRaces = (electionId: string) => ({
  attempts: 8,
  baseMs: 20,
  maxMs: 400,
  exhausted: () => new Error(`listing "${electionId}" in the site's index lost the race eight times`),
});

/**
 * Records the entry of an election as published at `seq`. An entry recorded from a later seq is
 * never overwritten by an earlier one, and the index's rev grows only when what is listed
 * changes. Answers true when it did (the files must be rendered again).
 */
export function recordSiteEntry(entry: SiteIndexEntry, seq: number): Promise<boolean> {
  const key = keys.siteEntry(entry.electionId);
  return retrying(entryRaces(entry.electionId), async () => {
    const { Item } = await db().send(
      new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }),
    );
    const storedSeq = Item ? Number(Item.seq) : 0;
    if (storedSeq >= seq) return false;
    // Every write below holds only if the entry is still the one read.
    const unchanged = Item
      ? { ConditionExpression: 'seq = :stored', ExpressionAttributeValues: { ':stored': storedSeq } }
      : { ConditionExpression: 'attribute_not_exists(PK)' };
    if (Item && sameEntry(entryOf(Item), entry)) {
      const written = await writeIf(
        db().send(
          new UpdateCommand({
            TableName: tableName(),
            Key: key,
            UpdateExpression: 'SET seq = :seq',
            ConditionExpression: unchanged.ConditionExpression,
            ExpressionAttributeValues: { ...unchanged.ExpressionAttributeValues, ':seq': seq },
          }),
        ),
      );
      return written ? false : AGAIN;
    }
    const written = await transactIf({
      TransactItems: [
        { Put: { TableName: tableName(), Item: { ...key, type: 'SiteEntry', ...entry, seq }, ...unchanged } },
        {
          Update: {
            TableName: tableName(),
            Key: keys.siteIndex(),
            UpdateExpression: 'SET #type = :type ADD rev :one',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: { ':type': 'SiteIndex', ':one': 1 },
          },
        },
      ],
    });
    return written ? true : AGAIN;
  });
}

/**
 * Notes that the files were rendered from a reading made after `rev`, with that front page.
 * Only ever forward: a rendering from an older rev that finishes late does not undo a newer one.
 */
export async function markSiteRendered(rev: number, front: string | null): Promise<void> {
  await writeIf(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.siteIndex(),
        UpdateExpression: 'SET renderedRev = :rev, front = :front',
        ConditionExpression: 'attribute_not_exists(renderedRev) OR renderedRev < :rev',
        ExpressionAttributeValues: { ':rev': rev, ':front': front },
      }),
    ),
  );
}
