import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Actor } from '../domain/actor.js';
import { storedDefinitionHash } from '../domain/audit-events.js';
import { canonicalJson } from '../domain/canonical.js';
import type { ElectionHead, Section } from '../domain/election.js';
import { ConcurrentWriteError, DefinitionIncompleteError, ElectionInUseError } from '../errors.js';
import { inPool } from '../in-pool.js';
import { AGAIN, retrying } from '../retry.js';
import { db, tableName } from './client.js';
import { type Key, keys } from './keys.js';
import { batchGet, queryAll, unprocessedPolicy, writeIf } from './queries.js';

/** The small, often-checked state of an election, kept apart from its (large) head. */
export interface ElectionState {
  state: 'open' | 'certified';
  definitionHash: string;
  /** Set by the first stored submission; a definition in use can no longer change. */
  inUse: boolean;
  /** The hash of a definition being written (its sections first); no submission lands meanwhile. */
  defining?: string;
  certifiedAt?: string;
  /** A first round's run-off, once defined (its election id): the publisher links it. */
  runoffId?: string;
}

export const electionStateKey = (electionId: string): Key => keys.electionState(electionId);

export async function getElectionHead(electionId: string): Promise<ElectionHead | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.electionHead(electionId) }),
  );
  return Item?.head as ElectionHead | undefined;
}

export async function getElectionState(electionId: string): Promise<ElectionState | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: electionStateKey(electionId), ConsistentRead: true }),
  );
  return Item
    ? {
        state: Item.state,
        definitionHash: Item.definitionHash,
        inUse: Item.inUse === true,
        ...(typeof Item.defining === 'string' ? { defining: Item.defining } : {}),
        ...(typeof Item.certifiedAt === 'string' ? { certifiedAt: Item.certifiedAt } : {}),
        ...(typeof Item.runoffId === 'string' ? { runoffId: Item.runoffId } : {}),
      }
    : undefined;
}

export async function getSection(electionId: string, sectionId: string): Promise<Section | undefined> {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.sectionDefinition(electionId, sectionId),
      ConsistentRead: true,
    }),
  );
  return Item?.section as Section | undefined;
}

/** Several sections' definitions, read 100 to a batch; a section the election lacks is left out. */
export async function getSections(electionId: string, sectionIds: readonly string[]): Promise<Section[]> {
  const items = await batchGet(sectionIds.map((id) => keys.sectionDefinition(electionId, id)));
  return items.map((item) => item.section as Section);
}

/** The id of every election defined since the registry exists (README, Access patterns). */
export async function listElectionIds(): Promise<string[]> {
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.registryPartition(), ':prefix': keys.registryPrefix },
  });
  return items.map((item) => String(item.electionId));
}

/** Every section of an election, page by page (61,550 sections take a few pages). */
export async function listSections(electionId: string): Promise<Section[]> {
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: {
      ':pk': keys.electionPartition(electionId),
      ':prefix': keys.sectionDefinitionPrefix,
    },
  });
  return items.map((item) => item.section as Section);
}

/** BatchWriteItem's limit, and how many batches are in flight at once (61,550 sections: 2,462 batches). */
const BATCH_ITEMS = 25;
const BATCHES_IN_FLIGHT = 16;

/**
 * Writes the requests 25 to a batch, 16 batches at a time, sending again what DynamoDB leaves
 * unprocessed; no batch starts after `deadline` (epoch ms). Answers how many requests were written.
 */
async function batchWrite(requests: Record<string, unknown>[], deadline = Infinity): Promise<number> {
  const batches: Record<string, unknown>[][] = [];
  for (let start = 0; start < requests.length; start += BATCH_ITEMS)
    batches.push(requests.slice(start, start + BATCH_ITEMS));
  let written = 0;
  await inPool(batches, BATCHES_IN_FLIGHT, async (batch) => {
    if (Date.now() > deadline) return;
    let pending = batch;
    await retrying(
      unprocessedPolicy('BatchWriteItem', () => pending.length),
      async () => {
        const { UnprocessedItems } = await db().send(
          new BatchWriteCommand({ RequestItems: { [tableName()]: pending as never } }),
        );
        pending = (UnprocessedItems?.[tableName()] as Record<string, unknown>[] | undefined) ?? [];
        return pending.length > 0 ? AGAIN : undefined;
      },
    );
    written += batch.length;
  });
  return written;
}

/**
 * Before an existing election's sections are rewritten: marks its state as being redefined, on
 * the same conditions as the redefinition itself. Until the state is written whole at the end,
 * no submission can land (their transactions check the mark), so none can meet sections of one
 * definition under the head of another; a redefinition cut short is finished by sending it again.
 */
async function claimRedefinition(electionId: string, definitionHash: string) {
  // Not claimed: a new election (nothing to protect yet), or one the final transaction refuses.
  await writeIf(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: electionStateKey(electionId),
        UpdateExpression: 'SET defining = :hash',
        ConditionExpression: 'attribute_exists(PK) AND inUse = :false AND #state = :open',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':hash': definitionHash,
          ':false': false,
          ':open': 'open',
        },
      }),
    ),
  );
}

/**
 * Stores a definition: its sections first (idempotent: only those that differ from what is
 * stored are written), then the head and the state, the state conditionally, so a definition
 * already in use is never replaced. Past `deadline` no further section is written and it fails
 * with DEFINITION_INCOMPLETE: sending the same definition again writes the rest, then the head.
 */
export async function putDefinition(
  head: ElectionHead,
  sections: Section[],
  definitionHash: string,
  by: Actor,
  deadline = Infinity,
): Promise<void> {
  const electionId = head.id;
  const definedAt = new Date().toISOString();
  await claimRedefinition(electionId, definitionHash);
  const previous = new Map((await listSections(electionId)).map((s) => [s.id, canonicalJson(s)]));
  const kept = new Set(sections.map((s) => s.id));
  const requests = [
    ...sections
      .filter((section) => previous.get(section.id) !== canonicalJson(section))
      .map((section) => ({
        PutRequest: { Item: { ...keys.sectionDefinition(electionId, section.id), type: 'Section', section } },
      })),
    ...[...previous.keys()]
      .filter((id) => !kept.has(id))
      .map((id) => ({ DeleteRequest: { Key: keys.sectionDefinition(electionId, id) } })),
  ];
  const written = await batchWrite(requests, deadline);
  if (written < requests.length)
    throw new DefinitionIncompleteError(
      `${written} of ${requests.length} section changes stored in the time of one request: send the same definition again to store the rest`,
    );
  // Head and state together: a definition already in use is never half-replaced.
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: {
                ...keys.electionHead(electionId),
                type: 'ElectionHead',
                head,
                definitionHash,
                definedAt,
              },
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: {
                ...keys.definitionRecord(electionId, definedAt),
                type: 'DefinitionRecord',
                electionId,
                definitionHash,
                storedHash: storedDefinitionHash(head, sections),
                sections: sections.length,
                definedAt,
                definedBy: by,
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: {
                ...keys.registeredElection(electionId),
                type: 'RegisteredElection',
                electionId,
                definedAt,
              },
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: {
                ...electionStateKey(electionId),
                type: 'ElectionState',
                electionId,
                state: 'open',
                definitionHash,
                inUse: false,
              },
              // Never in use, never certified: the rehearsal flag included (define-election.ts).
              ConditionExpression: 'attribute_not_exists(PK) OR (inUse = :false AND #state = :open)',
              ExpressionAttributeNames: { '#state': 'state' },
              ExpressionAttributeValues: { ':false': false, ':open': 'open' },
            },
          },
        ],
      }),
    );
  } catch (error) {
    if ((error as Error).name === 'TransactionCanceledException') {
      throw new ElectionInUseError(
        `election "${electionId}" already has results, or was redefined at the same moment: its definition can no longer change`,
      );
    }
    throw error;
  }
}

/**
 * Links a first round to its run-off, on the first round's state: the publisher reads the state
 * with every publish and republishes on its change (stream filter `STATE`), so the first round's
 * summary gains `runoffRound` at once. A certified first round takes the link too: it changes no
 * figure. Answers false when the first round already has another run-off.
 */
export async function linkRunoff(firstRoundId: string, runoffId: string): Promise<boolean> {
  return writeIf(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: electionStateKey(firstRoundId),
        UpdateExpression: 'SET runoffId = :runoff',
        ConditionExpression:
          'attribute_exists(PK) AND (attribute_not_exists(runoffId) OR runoffId = :runoff)',
        ExpressionAttributeValues: { ':runoff': runoffId },
      }),
    ),
  );
}

/** Takes a first round's link to `runoffId` away (a run-off redefined to follow another); a no-op otherwise. */
export async function unlinkRunoff(firstRoundId: string, runoffId: string): Promise<void> {
  await writeIf(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: electionStateKey(firstRoundId),
        UpdateExpression: 'REMOVE runoffId',
        ConditionExpression: 'runoffId = :runoff',
        ExpressionAttributeValues: { ':runoff': runoffId },
      }),
    ),
  );
}

/** The first approval of a certification that needs two (an audited record); undefined when none. */
export async function getCertificationApproval(electionId: string): Promise<Actor | undefined> {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.certificationApproval(electionId),
      ConsistentRead: true,
    }),
  );
  return Item ? (Item.by as Actor) : undefined;
}

/** Records the first approval; false when another supervisor's came first. */
export async function putCertificationApproval(electionId: string, by: Actor): Promise<boolean> {
  return writeIf(
    db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...keys.certificationApproval(electionId),
          type: 'CertificationApproval',
          electionId,
          at: new Date().toISOString(),
          by,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    ),
  );
}

/**
 * Locks an election, with the audit record of who did it: from now on every write is refused.
 * Answers false when it was not open.
 */
export async function certifyElection(
  electionId: string,
  certification: { certifiedAt: string; sectionsReported: number; by: Actor; approvedBy?: Actor },
): Promise<boolean> {
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          // With two approvals, the first must still be the one read.
          ...(certification.approvedBy
            ? [
                {
                  ConditionCheck: {
                    TableName: tableName(),
                    Key: keys.certificationApproval(electionId),
                    ConditionExpression: 'attribute_exists(PK)',
                  },
                },
              ]
            : []),
          {
            Update: {
              TableName: tableName(),
              Key: electionStateKey(electionId),
              UpdateExpression: 'SET #state = :certified, certifiedAt = :at',
              ConditionExpression: '#state = :open',
              ExpressionAttributeNames: { '#state': 'state' },
              ExpressionAttributeValues: {
                ':certified': 'certified',
                ':open': 'open',
                ':at': certification.certifiedAt,
              },
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: {
                ...keys.certificationRecord(electionId),
                type: 'CertificationRecord',
                electionId,
                ...certification,
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    // Not open any more; a conflict with a write that checked the state at that moment is retryable.
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    if ((error as Error).name !== 'TransactionCanceledException') throw error;
    if (reasons?.some((reason) => reason.Code === 'ConditionalCheckFailed')) return false;
    throw new ConcurrentWriteError('the election was being written at the same moment: certify again');
  }
}
