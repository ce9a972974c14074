import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.js';
import { keys } from './keys.js';

/** One client's failed sign-ins in one window (keys.signInFailures); DynamoDB's TTL removes it an hour after the window. */

export async function readSignInFailures(client: string, windowId: string): Promise<number> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.signInFailures(client, windowId) }),
  );
  return (Item?.failures as number | undefined) ?? 0;
}

export async function recordSignInFailure(
  client: string,
  windowId: string,
  windowEndsAt: number,
): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.signInFailures(client, windowId),
      UpdateExpression: 'ADD failures :one SET #type = :type, expiresAt = :expires',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: {
        ':one': 1,
        ':type': 'SignInFailures',
        ':expires': Math.ceil(windowEndsAt / 1000) + 3600,
      },
    }),
  );
}
