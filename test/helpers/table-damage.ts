/**
 * What the self-healing tests do to the table behind the system's back: damage a part of an
 * election's total, or leave the table as a lost stream batch leaves it (a count stored, never
 * applied); and what the hostile tests do: age a staff session past its hours. Written straight
 * to DynamoDB, as a hand or a bug would.
 */
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { AGGREGATE_PART_SK_PREFIX, keys } from '../../shared/db/keys.js';
import { hashToken } from '../../shared/domain/tokens.js';

async function somePart(db: DynamoDBDocumentClient, table: string, electionId: string) {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: {
        ':pk': keys.aggregatePartition(electionId),
        ':prefix': AGGREGATE_PART_SK_PREFIX,
      },
      ConsistentRead: true,
    }),
  );
  const part = Items.find((i) => Object.keys(i.tally ?? {}).length > 0);
  if (!part) throw new Error(`election "${electionId}" has no part with figures`);
  return part;
}

/** An update adding `change` to a part's counters (missing ones start at 0). */
function addToCounters(change: Record<string, number>) {
  const counters = Object.entries(change);
  return {
    UpdateExpression: `SET ${counters.map((_, i) => `tally.#k${i} = if_not_exists(tally.#k${i}, :zero) + :v${i}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(counters.map(([name], i) => [`#k${i}`, name])),
    ExpressionAttributeValues: {
      ':zero': 0,
      ...Object.fromEntries(counters.map(([, value], i) => [`:v${i}`, value])),
    },
  };
}

/** Adds `change` to one part's counters, without moving its rev (the damage a hand would do). */
export async function damagePart(
  db: DynamoDBDocumentClient,
  table: string,
  electionId: string,
  change: Record<string, number>,
): Promise<void> {
  const part = await somePart(db, table, electionId);
  await db.send(
    new UpdateCommand({ TableName: table, Key: { PK: part.PK, SK: part.SK }, ...addToCounters(change) }),
  );
}

/**
 * Takes back what a section's count added to the totals, and its applied record: the table as it
 * is when the stream batch carrying that count was lost.
 */
export async function loseAppliedCount(
  db: DynamoDBDocumentClient,
  table: string,
  electionId: string,
  sectionId: string,
): Promise<void> {
  const appliedKey = keys.applied(keys.results(electionId, sectionId));
  const { Item: applied } = await db.send(
    new GetCommand({ TableName: table, Key: appliedKey, ConsistentRead: true }),
  );
  if (!applied) throw new Error(`section ${sectionId}'s count was never applied`);
  const part = await somePart(db, table, electionId);
  const takenBack = Object.fromEntries(
    Object.entries(applied.tally as Record<string, number>).map(([name, value]) => [name, -value]),
  );
  await db.send(
    new TransactWriteCommand({
      TransactItems: [
        { Delete: { TableName: table, Key: appliedKey } },
        { Update: { TableName: table, Key: { PK: part.PK, SK: part.SK }, ...addToCounters(takenBack) } },
      ],
    }),
  );
}

/** Waits until the periodic reconciliation has recorded a repair of the election (its HEAL item). */
export async function waitForRepair(
  db: DynamoDBDocumentClient,
  table: string,
  electionId: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { Item } = await db.send(
      new GetCommand({ TableName: table, Key: keys.healState(electionId), ConsistentRead: true }),
    );
    if (((Item?.repairs as unknown[] | undefined) ?? []).length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no repair of "${electionId}" was recorded`);
}

/**
 * Moves a staff session's end (its token item's `expiresAt`, epoch seconds) a second into the
 * past, as if its 12 hours had gone by: the token is still stored, but no request is served.
 */
export async function expireSession(db: DynamoDBDocumentClient, table: string, token: string): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: table,
      Key: keys.token(hashToken(token)),
      UpdateExpression: 'SET expiresAt = :past',
      ConditionExpression: 'attribute_exists(PK) AND #role = :session',
      ExpressionAttributeNames: { '#role': 'role' },
      ExpressionAttributeValues: { ':past': Math.floor(Date.now() / 1000) - 1, ':session': 'staff-session' },
    }),
  );
}
