import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrentWriteError } from '../errors.js';
import { db, tableName } from './client.js';
import { keys } from './keys.js';

/** Who a bearer token speaks for. Tokens themselves are never stored: only their hashes. */
export type Caller = { role: 'staff' } | { role: 'officer'; electionId: string; sectionId: string };

export async function findCallerByTokenHash(tokenHash: string): Promise<Caller | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.token(tokenHash), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  if (Item.role === 'staff') return { role: 'staff' };
  return { role: 'officer', electionId: Item.electionId, sectionId: Item.sectionId };
}

export async function putStaffTokenHash(tokenHash: string): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.token(tokenHash), type: 'Token', role: 'staff', issuedAt: new Date().toISOString() },
    }),
  );
}

/** Stores a section's new officer token hash and revokes the previous one, atomically. */
export async function replaceOfficerTokenHash(
  electionId: string,
  sectionId: string,
  tokenHash: string,
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

/** Revokes a section's officer token at once: the pointer and the token's hash go together. Answers whether there was one. */
export async function revokeOfficerTokenHash(electionId: string, sectionId: string): Promise<boolean> {
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
