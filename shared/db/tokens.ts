import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { credentialOf } from '../domain/actor.js';
import { db, tableName } from './client.js';
import { keys } from './keys.js';

/**
 * What a bearer token's item says, by the token's hash (tokens themselves are never stored): the
 * break-glass staff token, an officer's code, or a staff account's session.
 */
export type TokenRecord = { tokenHash: string; credential: string } & (
  | { role: 'staff' }
  | { role: 'officer'; electionId: string; sectionId: string }
  | { role: 'staff-session'; username: string; expiresAt: number; passwordChangeRequired: boolean }
);

export async function findTokenByHash(tokenHash: string): Promise<TokenRecord | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.token(tokenHash), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const credential = credentialOf(tokenHash);
  if (Item.role === 'staff') return { role: 'staff', tokenHash, credential };
  if (Item.role === 'staff-session')
    return {
      role: 'staff-session',
      tokenHash,
      credential,
      username: String(Item.username),
      expiresAt: Number(Item.expiresAt),
      passwordChangeRequired: Item.passwordChangeRequired === true,
    };
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
