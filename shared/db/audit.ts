import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry, AuditHead } from '../domain/audit-chain.js';
import { keyOfSource } from '../domain/audit-events.js';
import { db, tableName } from './client.js';
import { AUDIT_ENTRY_SK_PREFIX, HISTORY_SK_PREFIX, keys } from './keys.js';
import { batchGet, queryAll, transactIf } from './queries.js';

export async function readAuditHead(electionId: string): Promise<AuditHead | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.auditHead(electionId), ConsistentRead: true }),
  );
  return Item ? { seq: Item.seq as number, hash: Item.hash as string } : undefined;
}

/** Which of these history records (by source, "PK|SK|SK") are in the chain already. */
export async function readChained(sources: readonly string[]): Promise<Set<string>> {
  const items = await batchGet(sources.map((source) => keys.audited(keyOfSource(source))));
  return new Set(items.map((i) => `${i.PK}|SK|${String(i.SK).replace(/^AUDITED#/, '')}`));
}

/**
 * Appends entries after `head` in one transaction: each entry, each record's mark that it is
 * chained, and the new head, all guarded. Answers false when another writer extended the
 * chain first or one of the records was chained meanwhile: the caller reads again.
 */
export async function commitAuditEntries(
  electionId: string,
  head: AuditHead | undefined,
  entries: readonly AuditEntry[],
): Promise<boolean> {
  const last = entries.at(-1);
  if (!last) return true;
  const now = new Date().toISOString();
  return transactIf({
    TransactItems: [
      ...entries.map((entry) => ({
        Put: {
          TableName: tableName(),
          Item: { ...keys.auditEntry(electionId, entry.seq), type: 'AuditEntry', ...entry },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      })),
      ...entries.map((entry) => ({
        Put: {
          TableName: tableName(),
          Item: { ...keys.audited(keyOfSource(entry.event.source)), type: 'Audited', seq: entry.seq },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      })),
      {
        Put: {
          TableName: tableName(),
          Item: {
            ...keys.auditHead(electionId),
            type: 'AuditHead',
            electionId,
            seq: last.seq,
            hash: last.hash,
            updatedAt: now,
          },
          ...(head
            ? { ConditionExpression: 'seq = :seq', ExpressionAttributeValues: { ':seq': head.seq } }
            : { ConditionExpression: 'attribute_not_exists(PK)' }),
        },
      },
    ],
  });
}

const entryOf = (item: Record<string, unknown>): AuditEntry => {
  const { PK: _pk, SK: _sk, type: _type, ...entry } = item;
  return entry as unknown as AuditEntry;
};

/** Up to `limit` entries after entry `after`, in order. */
export async function listAuditEntries(
  electionId: string,
  after: number,
  limit: number,
): Promise<AuditEntry[]> {
  const { Items = [] } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': keys.auditHead(electionId).PK,
        ':from': keys.auditEntry(electionId, after + 1).SK,
        ':to': `${AUDIT_ENTRY_SK_PREFIX}~`,
      },
      Limit: limit,
      ConsistentRead: true,
    }),
  );
  return Items.map(entryOf);
}

/** The whole chain, in order, as stored. */
export async function listAllAuditEntries(electionId: string): Promise<AuditEntry[]> {
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.auditHead(electionId).PK, ':prefix': AUDIT_ENTRY_SK_PREFIX },
    ConsistentRead: true,
  });
  return items.map(entryOf);
}

/** The history records of one partition (the election's own, or one section's), as stored. */
export async function listHistoryRecords(partition: string): Promise<Record<string, unknown>[]> {
  return queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :history)',
    ExpressionAttributeValues: { ':pk': partition, ':history': HISTORY_SK_PREFIX },
    ConsistentRead: true,
  });
}
