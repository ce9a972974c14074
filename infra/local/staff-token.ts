import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../shared/db/keys.js';
import { staffTokenItem } from '../../shared/db/tokens.js';
import { generateToken, hashToken } from '../../shared/domain/tokens.js';

/** The staff token: the one given, else the one kept in .local/, else a new one kept there. */
export function resolveAdminToken(given: string | undefined, file: string): string {
  if (given) return given;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const token = generateToken();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

/**
 * Makes `token` the local staff token: its hash is stored, and the one stored by an earlier
 * start (another ADMIN_TOKEN, a deleted .local/admin-token) is revoked.
 */
export async function installStaffToken(
  documents: DynamoDBDocumentClient,
  table: string,
  token: string,
): Promise<void> {
  const marker = keys.localStaffToken();
  const tokenHash = hashToken(token);
  const { Item } = await documents.send(
    new GetCommand({ TableName: table, Key: marker, ConsistentRead: true }),
  );
  const previous = Item?.tokenHash as string | undefined;
  await documents.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: { TableName: table, Item: staffTokenItem(tokenHash) },
        },
        { Put: { TableName: table, Item: { ...marker, type: 'LocalStaffToken', tokenHash } } },
        ...(previous && previous !== tokenHash
          ? [{ Delete: { TableName: table, Key: keys.token(previous) } }]
          : []),
      ],
    }),
  );
}
