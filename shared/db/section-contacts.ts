/**
 * Each section's last contact: when its officer app last reached the server, and the app's
 * version. One UpdateItem, made only when the one recorded is a minute old or more (the condition
 * says so, so concurrent requests of one section make one write); read for the overview 100
 * sections to a BatchGetItem.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { CONTACT_EVERY_MS, type SectionContact } from '../domain/station-watch.js';
import { db, tableName } from './client.js';
import { keys } from './keys.js';
import { batchGet, writeIf } from './queries.js';

/** Records the contact, unless one was recorded in the last minute: true when it wrote. */
export async function recordSectionContact(
  electionId: string,
  sectionId: string,
  at: Date,
  appVersion: string | undefined,
): Promise<boolean> {
  return writeIf(
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.sectionContact(electionId, sectionId),
        UpdateExpression:
          appVersion !== undefined
            ? 'SET lastContactAt = :at, appVersion = :version, #type = :type'
            : 'SET lastContactAt = :at, #type = :type REMOVE appVersion',
        ConditionExpression: 'attribute_not_exists(lastContactAt) OR lastContactAt < :stale',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':at': at.toISOString(),
          ':stale': new Date(at.getTime() - CONTACT_EVERY_MS).toISOString(),
          ':type': 'SectionContact',
          ...(appVersion !== undefined ? { ':version': appVersion } : {}),
        },
      }),
    ),
  );
}

/** The last contact of each of these sections that has one, by section id. */
export async function readSectionContacts(
  electionId: string,
  sectionIds: readonly string[],
  batchesInFlight = 4,
): Promise<Map<string, SectionContact>> {
  const items = await batchGet(
    sectionIds.map((sectionId) => keys.sectionContact(electionId, sectionId)),
    batchesInFlight,
  );
  const prefix = keys.sectionPartition(electionId, '');
  return new Map(
    items.map((item) => [
      String(item.PK).slice(prefix.length),
      {
        lastContactAt: String(item.lastContactAt),
        ...(item.appVersion !== undefined ? { appVersion: String(item.appVersion) } : {}),
      },
    ]),
  );
}
