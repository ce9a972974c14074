import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type Actor, credentialOf } from '../domain/actor.js';
import { ConcurrentWriteError } from '../errors.js';
import { db, tableName } from './client.js';
import { keys } from './keys.js';

/**
 * Who a bearer token speaks for, and the name of the credential in the audit trail. Tokens
 * themselves are never stored: only their hashes.
 */
export type Caller = { tokenHash: string; credential: string } & (
  | { role: 'staff' }
  | { role: 'officer'; electionId: string; sectionId: string }
);

export async function findCallerByTokenHash(tokenHash: string): Promise<Caller | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.token(tokenHash), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const credential = credentialOf(tokenHash);
  if (Item.role === 'staff') return { role: 'staff', tokenHash, credential };
  return { role: 'officer', tokenHash, credential, electionId: Item.electionId, sectionId: Item.sectionId };
}

/** A transaction's guard that the token a write came with is still valid when the write lands. */
export const tokenStillValid = (tokenHash: string) => ({
  ConditionCheck: {
    TableName: tableName(),
    Key: keys.token(tokenHash),
    ConditionExpression: 'attribute_exists(PK)',
  },
});

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

/** The item of a staff token, stored by its hash only (the terminal's `staff-token`, `npm start`). */
export const staffTokenItem = (tokenHash: string, issuedAt = new Date().toISOString()) => ({
  ...keys.token(tokenHash),
  type: 'Token',
  role: 'staff',
  issuedAt,
});

export async function putStaffTokenHash(tokenHash: string): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: staffTokenItem(tokenHash) }));
}

/** Stores a section's new officer token hash and revokes the previous one, atomically, with its audit record. */
export async function replaceOfficerTokenHash(
  electionId: string,
  sectionId: string,
  tokenHash: string,
  by: Actor,
): Promise<void> {
  const pointerKey = keys.officerTokenPointer(electionId, sectionId);
  const { Item: pointer } = await db().send(
    new GetCommand({ TableName: tableName(), Key: pointerKey, ConsistentRead: true }),
  );
  const previousHash = pointer?.tokenHash as string | undefined;
  const issuedAt = new Date().toISOString();
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: {
                ...keys.token(tokenHash),
                type: 'Token',
                role: 'officer',
                electionId,
                sectionId,
                issuedAt,
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: { ...pointerKey, type: 'OfficerTokenPointer', tokenHash, issuedAt },
              ...(previousHash
                ? {
                    ConditionExpression: 'tokenHash = :previous',
                    ExpressionAttributeValues: { ':previous': previousHash },
                  }
                : { ConditionExpression: 'attribute_not_exists(PK)' }),
            },
          },
          ...(previousHash ? [{ Delete: { TableName: tableName(), Key: keys.token(previousHash) } }] : []),
          credentialRecord(
            electionId,
            sectionId,
            {
              action: 'issue',
              credential: credentialOf(tokenHash),
              replaces: previousHash && credentialOf(previousHash),
            },
            issuedAt,
            by,
          ),
        ],
      }),
    );
  } catch (error) {
    if ((error as Error).name === 'TransactionCanceledException') {
      throw new ConcurrentWriteError(
        `section "${sectionId}" had its token issued by someone else at the same moment: issue it again`,
      );
    }
    throw error;
  }
}

/**
 * Revokes a section's officer token at once: the pointer, the token's hash and the audit record
 * go together. Answers whether there was one.
 */
export async function revokeOfficerTokenHash(
  electionId: string,
  sectionId: string,
  by: Actor,
): Promise<boolean> {
  const pointerKey = keys.officerTokenPointer(electionId, sectionId);
  const { Item: pointer } = await db().send(
    new GetCommand({ TableName: tableName(), Key: pointerKey, ConsistentRead: true }),
  );
  const tokenHash = pointer?.tokenHash as string | undefined;
  if (!tokenHash) return false;
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: tableName(),
              Key: pointerKey,
              ConditionExpression: 'tokenHash = :hash',
              ExpressionAttributeValues: { ':hash': tokenHash },
            },
          },
          { Delete: { TableName: tableName(), Key: keys.token(tokenHash) } },
          credentialRecord(
            electionId,
            sectionId,
            { action: 'revoke', credential: credentialOf(tokenHash) },
            new Date().toISOString(),
            by,
          ),
        ],
      }),
    );
  } catch (error) {
    if ((error as Error).name === 'TransactionCanceledException') {
      throw new ConcurrentWriteError(
        `section "${sectionId}" had its token changed at the same moment: try again`,
      );
    }
    throw error;
  }
  return true;
}
