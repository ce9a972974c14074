import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AggregationPlan, Applied } from '../domain/aggregation.js';
import type { ChangeEntry } from '../domain/change-list.js';
import { addTallies, isEmptyTally, type Tally } from '../domain/tally.js';
import { db, tableName } from './client.js';
import { AGGREGATE_PART_SK_PREFIX, type Key, keys } from './keys.js';
import { batchGet, queryAll, transactIf } from './queries.js';

/**
 * An election's total is kept in TOTAL_PARTS parts and read as their sum. Any part may take any
 * delta, so concurrent writers (one per stream shard, the reconciliation, the failure queues'
 * consumers) each write a part of their own and do not race for one hot item; a writer that
 * loses a race on its part moves to another (use-cases/aggregate-changes.ts). Each write of a part
 * also stores the change entries it took in, under the part's new rev, so the publisher can list
 * exactly what moved between two readings of the parts.
 */
export const TOTAL_PARTS = 16;

export interface Aggregate {
  rev: number;
  tally: Tally;
}

/** The total: the sum of the parts, with each part's rev (the revs only grow). */
export interface Total extends Aggregate {
  /** Each part's rev, by part number. */
  revs: Record<string, number>;
}

const keyOfId = (id: string): Key => {
  const [PK = '', SK = ''] = id.split('|SK|');
  return { PK, SK };
};
/** A source's id is its key, so the applied record can be found from the id alone. */
export const sourceIdOf = (key: Key) => `${key.PK}|SK|${key.SK}`;

/** What each source has already contributed, by source id. */
export async function readApplied(sourceIds: string[]): Promise<Map<string, Applied>> {
  const items = await batchGet(sourceIds.map((id) => keys.applied(keyOfId(id))));
  const applied = new Map<string, Applied>();
  for (const item of items) {
    const source = { PK: item.PK as string, SK: (item.SK as string).replace(/^APPLIED#/, '') };
    applied.set(sourceIdOf(source), {
      rev: item.rev as number,
      tally: (item.tally as Tally) ?? {},
      ...(item.everCounted === true ? { everCounted: true } : {}),
    });
  }
  return applied;
}

export async function readPart(electionId: string, part: number): Promise<Aggregate | undefined> {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.aggregatePart(electionId, part),
      ConsistentRead: true,
    }),
  );
  return Item ? { rev: Item.rev as number, tally: (Item.tally as Tally) ?? {} } : undefined;
}

/** The election's total: its parts, read in one query, summed. */
export async function readTotal(electionId: string): Promise<Total> {
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: {
      ':pk': keys.aggregatePartition(electionId),
      ':prefix': AGGREGATE_PART_SK_PREFIX,
    },
    ConsistentRead: true,
  });
  const total: Total = { rev: 0, tally: {}, revs: {} };
  for (const item of items) {
    total.rev += item.rev as number;
    total.tally = addTallies(total.tally, (item.tally as Tally) ?? {});
    total.revs[String(item.part)] = item.rev as number;
  }
  return total;
}

/** The change entries parts took in after the revs `since` up to the revs `until`, part by part. */
export async function readChangeEntries(
  electionId: string,
  since: Record<string, number>,
  until: Record<string, number>,
): Promise<ChangeEntry[]> {
  const moved = Object.entries(until).filter(([part, rev]) => rev > (since[part] ?? 0));
  const perPart = await Promise.all(
    moved.map(async ([part, rev]) => {
      const from = since[part] ?? 0;
      const items = await queryAll({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': keys.aggregatePartition(electionId),
          ':from': keys.aggregateChanges(electionId, Number(part), from + 1).SK,
          ':to': keys.aggregateChanges(electionId, Number(part), rev).SK,
        },
        ConsistentRead: true,
      });
      return items.flatMap((item) => (item.entries as ChangeEntry[] | undefined) ?? []);
    }),
  );
  return perPart.flat();
}

const guarded = (expectedRev: number) =>
  expectedRev === 0
    ? { ConditionExpression: 'attribute_not_exists(PK)' }
    : { ConditionExpression: 'rev = :expected', ExpressionAttributeValues: { ':expected': expectedRev } };

/**
 * A part's next state and the change entries it takes in, under its next rev, guarded on the rev
 * it was read at: the two writes every change of a part makes, in its transaction.
 */
function partWrites(
  electionId: string,
  part: number,
  current: Aggregate | undefined,
  delta: Tally,
  entries: ChangeEntry[],
) {
  const now = new Date().toISOString();
  const rev = (current?.rev ?? 0) + 1;
  return [
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.aggregatePart(electionId, part),
          type: 'AggregatePart',
          electionId,
          part,
          rev,
          tally: addTallies(current?.tally ?? {}, delta),
          updatedAt: now,
        },
        ...guarded(current?.rev ?? 0),
      },
    },
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.aggregateChanges(electionId, part, rev),
          type: 'AggregateChanges',
          electionId,
          entries,
          at: now,
        },
      },
    },
  ];
}

/**
 * Writes a plan in one transaction: every applied record, the checks of those it read without
 * writing, and the plan's delta added to one part with the plan's change entries, each conditioned
 * on the rev that was read. Answers false when
 * another writer got there first.
 */
export async function commitAggregation(
  electionId: string,
  plan: AggregationPlan,
  part: number,
  current: Aggregate | undefined,
): Promise<boolean> {
  const now = new Date().toISOString();
  const TransactItems = [
    ...plan.applied.map(({ change, expectedRev, everCounted }) => ({
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.applied(keyOfId(change.sourceId)),
          type: 'Applied',
          electionId: change.electionId,
          rev: change.rev,
          tally: change.tally,
          ...(everCounted ? { everCounted } : {}),
          appliedAt: now,
        },
        ...guarded(expectedRev),
      },
    })),
    // What the plan read and relies on without writing it (an outlook source's other partner).
    ...plan.checks.map(({ sourceId, expectedRev }) => ({
      ConditionCheck: {
        TableName: tableName(),
        Key: keys.applied(keyOfId(sourceId)),
        ...guarded(expectedRev),
      },
    })),
    ...(isEmptyTally(plan.delta) ? [] : partWrites(electionId, part, current, plan.delta, plan.entries)),
  ];
  if (TransactItems.length === 0) return true;
  return transactIf({ TransactItems });
}

/**
 * Adds a correction to one part, with its change entries, only if every part is still at the rev
 * `seen` holds: the correction was computed from that reading, and an overlapping run that made
 * it first has moved a rev. Answers false when anything moved; the next run reads again.
 */
export async function commitTotalsCorrection(
  electionId: string,
  seen: Total,
  part: number,
  correction: Tally,
  entries: ChangeEntry[],
): Promise<boolean> {
  const revOf = (p: number) => seen.revs[String(p)] ?? 0;
  const current = await readPart(electionId, part);
  if ((current?.rev ?? 0) !== revOf(part)) return false;
  const others = Array.from({ length: TOTAL_PARTS }, (_, p) => p)
    .filter((p) => p !== part)
    .map((p) => ({
      ConditionCheck: {
        TableName: tableName(),
        Key: keys.aggregatePart(electionId, p),
        ...guarded(revOf(p)),
      },
    }));
  return transactIf({
    TransactItems: [...partWrites(electionId, part, current, correction, entries), ...others],
  });
}
