/**
 * One credential's latest stored writes (keys.writeWindow), for its write limit
 * (domain/write-limit.ts). The item is read before a write and put in the write's own
 * transaction, conditioned on being unchanged since, so two writes of one credential can never
 * both take the last place in its window: the one that loses the race reads again.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.js';
import { keys } from './keys.js';

export interface WriteWindow {
  credential: string;
  /** Times (ms) of the credential's latest stored writes, oldest first. */
  stored: number[];
  /** How many writes the item has taken: the guard of the next one (0 when there is no item). */
  writes: number;
}

export async function readWriteWindow(credential: string): Promise<WriteWindow> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.writeWindow(credential), ConsistentRead: true }),
  );
  return {
    credential,
    stored: (Item?.stored as number[] | undefined) ?? [],
    writes: (Item?.writes as number | undefined) ?? 0,
  };
}

/**
 * The transaction's Put of the window with this write in it (`stored`), conditioned on the window
 * read. It expires (TTL) once no write of it can matter any more.
 */
export function writeWindowPut(window: WriteWindow, stored: readonly number[], windowMs: number) {
  const last = stored.at(-1) ?? Date.now();
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.writeWindow(window.credential),
        type: 'WriteWindow',
        stored: [...stored],
        writes: window.writes + 1,
        expiresAt: Math.ceil((last + windowMs) / 1000) + 3600,
      },
      ...(window.writes === 0
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : {
            ConditionExpression: 'writes = :writes',
            ExpressionAttributeValues: { ':writes': window.writes },
          }),
    },
  };
}
