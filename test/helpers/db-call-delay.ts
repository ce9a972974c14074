/**
 * Has every call of the functions' DynamoDB client wait for `before` first: how the race tests
 * hold their publishers' reads and claims back at random, so that the publishers interleave.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export function delayEveryDbCall(
  db: DynamoDBDocumentClient,
  name: string,
  before: () => Promise<void>,
): void {
  db.middlewareStack.add(
    (next) => async (args) => {
      await before();
      return next(args);
    },
    { step: 'initialize', name },
  );
}
