import { type Actor, credentialOf } from '../domain/actor.js';
import { tableName } from './client.js';
import { type Key, keys } from './keys.js';
import { batchGet } from './queries.js';

/**
 * Officer credentials, many sections at a time. Each section's change stays atomic (its new
 * token, its previous token's removal, its pointer and its audit record commit together, the
 * pointer conditioned on the token it replaces), and several sections share one transaction, up
 * to DynamoDB's 100 items: Rome's 2,600 sections take 100 transactions instead of 2,600.
 */

/** Each section's current officer token hash, read consistently 100 pointers at a time. */
export async function readOfficerTokenPointers(
  electionId: string,
  sectionIds: readonly string[],
): Promise<Map<string, string>> {
  const pointerKeys = sectionIds.map((id) => keys.officerTokenPointer(electionId, id));
  const sectionOfPk = new Map(pointerKeys.map((key, i) => [key.PK, sectionIds[i] ?? '']));
  const pointers = new Map<string, string>();
  // A few batches at once: Rome's 2,600 pointers are 26 of them.
  for (const item of await batchGet(pointerKeys, 4)) {
    const sectionId = sectionOfPk.get(String(item.PK));
    if (sectionId !== undefined && typeof item.tokenHash === 'string')
      pointers.set(sectionId, item.tokenHash);
  }
  return pointers;
}

/** The audit trail's record of a credential issued or revoked, written with the change itself. */
const credentialRecord = (
  electionId: string,
  sectionId: string,
  change: { action: 'issue' | 'revoke'; credential: string; replaces?: string | undefined },
  at: string,
  by: Actor,
) => ({
  Put: {
    TableName: tableName(),
    Item: {
      ...keys.credentialRecord(electionId, sectionId, at, change.action, change.credential),
      type: 'CredentialRecord',
      electionId,
      sectionId,
      action: change.action,
      credential: change.credential,
      ...(change.replaces ? { replaces: change.replaces } : {}),
      at,
      by,
    },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

/** The pointer's guard: still the token read (or still none), so a concurrent change cancels. */
const pointerGuard = (previousHash: string | undefined) =>
  previousHash
    ? {
        ConditionExpression: 'tokenHash = :previous',
        ExpressionAttributeValues: { ':previous': previousHash },
      }
    : { ConditionExpression: 'attribute_not_exists(PK)' };

export interface Issue {
  sectionId: string;
  tokenHash: string;
  /** The section's current token, which this one replaces (and revokes). */
  previousHash: string | undefined;
}

/** A section's new token: 3 items, 4 when it replaces one. */
export function issueItems(electionId: string, issue: Issue, at: string, by: Actor) {
  const { sectionId, tokenHash, previousHash } = issue;
  const pointerKey = keys.officerTokenPointer(electionId, sectionId);
  return [
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.token(tokenHash),
          type: 'Token',
          role: 'officer',
          electionId,
          sectionId,
          issuedAt: at,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    {
      Put: {
        TableName: tableName(),
        Item: { ...pointerKey, type: 'OfficerTokenPointer', tokenHash, issuedAt: at },
        ...pointerGuard(previousHash),
      },
    },
    ...(previousHash ? [{ Delete: { TableName: tableName(), Key: keys.token(previousHash) as Key } }] : []),
    credentialRecord(
      electionId,
      sectionId,
      {
        action: 'issue',
        credential: credentialOf(tokenHash),
        replaces: previousHash && credentialOf(previousHash),
      },
      at,
      by,
    ),
  ];
}

export interface Revocation {
  sectionId: string;
  tokenHash: string;
}

/** A section's token revoked: the pointer (still that token), the token and the record, 3 items. */
export function revocationItems(electionId: string, revocation: Revocation, at: string, by: Actor) {
  const { sectionId, tokenHash } = revocation;
  return [
    {
      Delete: {
        TableName: tableName(),
        Key: keys.officerTokenPointer(electionId, sectionId) as Key,
        ConditionExpression: 'tokenHash = :hash',
        ExpressionAttributeValues: { ':hash': tokenHash },
      },
    },
    { Delete: { TableName: tableName(), Key: keys.token(tokenHash) as Key } },
    credentialRecord(
      electionId,
      sectionId,
      { action: 'revoke', credential: credentialOf(tokenHash) },
      at,
      by,
    ),
  ];
}
