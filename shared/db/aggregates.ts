import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AggregationPlan, Applied } from '../domain/aggregation.js';
import { addTallies, type Tally } from '../domain/tally.js';
import { db, tableName } from './client.js';
import { type Key, keys } from './keys.js';
import { batchGet, transactIf } from './queries.js';

export interface Aggregate {
  rev: number;
  tally: Tally;
}

const keyOfId = (id: string): Key => {
  const [PK = '', SK = ''] = id.split('|SK|');
  return { PK, SK };
};
/** A source's id is its key, so the applied record can be found from the id alone. */
export const sourceIdOf = (key: Key) => `${key.PK}|SK|${key.SK}`;

/** Aggregate ids ("e|total", "e|district|d") to their keys. */
export function aggregateKeyOf(aggregateId: string): Key {
  const [electionId = '', scope, ...district] = aggregateId.split('|');
  return scope === 'district' ? keys.district(electionId, district.join('|')) : keys.total(electionId);
}

/** What each source has already contributed, by source id. */
export async function readApplied(sourceIds: string[]): Promise<Map<string, Applied>> {
  const items = await batchGet(sourceIds.map((id) => keys.applied(keyOfId(id))));
  const applied = new Map<string, Applied>();
  for (const item of items) {
    const source = { PK: item.PK as string, SK: (item.SK as string).replace(/^APPLIED#/, '') };
    applied.set(sourceIdOf(source), { rev: item.rev as number, tally: (item.tally as Tally) ?? {} });
  }
  return applied;
}

export async function readAggregates(aggregateIds: string[]): Promise<Map<string, Aggregate>> {
  const items = await batchGet(aggregateIds.map(aggregateKeyOf));
  const byKey = new Map(items.map((i) => [`${i.PK}|${i.SK}`, i]));
  const aggregates = new Map<string, Aggregate>();
  for (const id of aggregateIds) {
    const key = aggregateKeyOf(id);
    const item = byKey.get(`${key.PK}|${key.SK}`);
    if (item) aggregates.set(id, { rev: item.rev as number, tally: (item.tally as Tally) ?? {} });
  }
  return aggregates;
}

export async function getTotal(electionId: string): Promise<Aggregate | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.total(electionId), ConsistentRead: true }),
  );
  return Item ? { rev: Item.rev as number, tally: (Item.tally as Tally) ?? {} } : undefined;
}

/** Every district aggregate of an election. */
export async function listDistricts(electionId: string): Promise<Map<string, Aggregate>> {
  const { Items = [] } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.total(electionId).PK, ':prefix': keys.districtPrefix },
      ConsistentRead: true,
    }),
  );
  return new Map(
    Items.map((i) => [
      String(i.SK).slice(keys.districtPrefix.length),
      { rev: i.rev as number, tally: i.tally as Tally },
    ]),
  );
}

const guarded = (expectedRev: number) =>
  expectedRev === 0
    ? { ConditionExpression: 'attribute_not_exists(PK)' }
    : { ConditionExpression: 'rev = :expected', ExpressionAttributeValues: { ':expected': expectedRev } };

/**
 * Writes a plan in one transaction: every applied record and every changed aggregate, each
 * conditioned on the rev that was read. Answers false when another writer got there first.
 */
export async function commitAggregation(
  plan: AggregationPlan,
  aggregates: ReadonlyMap<string, Aggregate>,
): Promise<boolean> {
  const now = new Date().toISOString();
  const TransactItems = [
    ...plan.applied.map(({ change, expectedRev }) => ({
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.applied(keyOfId(change.sourceId)),
          type: 'Applied',
          electionId: change.electionId,
          rev: change.rev,
          tally: change.tally,
          appliedAt: now,
        },
        ...guarded(expectedRev),
      },
    })),
    ...[...plan.deltas].map(([aggregateId, delta]) => {
      const current = aggregates.get(aggregateId);
      const key = aggregateKeyOf(aggregateId);
      return {
        Put: {
          TableName: tableName(),
          Item: {
            ...key,
            type: 'Aggregate',
            electionId: aggregateId.split('|')[0],
            rev: (current?.rev ?? 0) + 1,
            tally: addTallies(current?.tally ?? {}, delta),
            updatedAt: now,
          },
          ...guarded(current?.rev ?? 0),
        },
      };
    }),
  ];
  if (TransactItems.length === 0) return true;
  return transactIf({ TransactItems });
}
