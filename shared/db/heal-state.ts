import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ChangeEntry } from '../domain/change-list.js';
import type { Tally } from '../domain/tally.js';
import { db, tableName } from './client.js';
import { keys } from './keys.js';

/** One run's repairs, as the staff page shows them. */
export interface Repair {
  at: string;
  entries: ChangeEntry[];
}

/** What the periodic reconciliation carries from one run to the next. */
export interface HealState {
  /** Sources ("<sourceId>@<rev>") that differed from the totals at the last look. */
  suspects: string[];
  /** Where the next run resumes its sweep of the sections (0: from the start). */
  cursor: number;
  /** A sweep under way over several runs: the total's rev when it began, what it has summed, and
   * whether it has seen every item as the totals show it. */
  sweep?: { startRev: number; expected: Tally; clean: boolean };
  /** The latest repairs, newest first. */
  repairs: Repair[];
  /** The sections the last run repaired: the publisher rewrites their files when it reads this item. */
  repairedSections: string[];
  lastRunAt?: string;
  /** When a sweep last covered every section in one run (and could check the totals). */
  lastCheckedTotalsAt?: string;
}

export const REPAIRS_KEPT = 20;

export async function readHealState(electionId: string): Promise<HealState> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.healState(electionId), ConsistentRead: true }),
  );
  return {
    suspects: (Item?.suspects as string[] | undefined) ?? [],
    cursor: (Item?.cursor as number | undefined) ?? 0,
    ...(Item?.sweep ? { sweep: Item.sweep as NonNullable<HealState['sweep']> } : {}),
    repairs: (Item?.repairs as Repair[] | undefined) ?? [],
    repairedSections: (Item?.repairedSections as string[] | undefined) ?? [],
    ...(Item?.lastRunAt ? { lastRunAt: String(Item.lastRunAt) } : {}),
    ...(Item?.lastCheckedTotalsAt ? { lastCheckedTotalsAt: String(Item.lastCheckedTotalsAt) } : {}),
  };
}

/**
 * Overlapping runs are harmless (every repair is guarded): the last to finish writes the state.
 * Every run writes it, and the publisher reads it from the stream: a publish that was lost is made
 * then, and the repaired sections' files are rewritten.
 */
export async function writeHealState(electionId: string, state: HealState): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.healState(electionId), type: 'HealState', electionId, ...state },
    }),
  );
}
