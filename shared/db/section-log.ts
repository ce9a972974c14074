/**
 * What a section's published file needs of the public log: its stored versions' history records,
 * each with its audit entry's seq (from the record's "chained" mark), and the log's size. One
 * Query per section, QUERIES_IN_FLIGHT at a time (a publish's round is 200 sections), then the
 * marks 100 to a BatchGetItem.
 */
import type { LoggedVersion } from '../domain/section-log.js';
import { inPool } from '../in-pool.js';
import { tableName } from './client.js';
import { HISTORY_SK_PREFIX, keys } from './keys.js';
import { readPublicLogState } from './public-log.js';
import { batchGet, queryAll } from './queries.js';

/** As many as the publisher writes section files at once (publish-results.ts). */
const QUERIES_IN_FLIGHT = 32;

export async function readLoggedVersions(
  electionId: string,
  sectionIds: readonly string[],
): Promise<{ logSize: number; versions: Map<string, LoggedVersion[]> }> {
  const { size } = await readPublicLogState(electionId);
  const histories: Record<string, unknown>[][] = [];
  await inPool(sectionIds, QUERIES_IN_FLIGHT, async (sectionId) => {
    histories.push(
      await queryAll({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :history)',
        ExpressionAttributeValues: {
          ':pk': keys.sectionPartition(electionId, sectionId),
          ':history': HISTORY_SK_PREFIX,
        },
        ConsistentRead: true,
      }),
    );
  });
  const records = histories.flat().filter((record) => record.type === 'SubmissionVersion');
  const marks = await batchGet(records.map((r) => keys.audited({ PK: String(r.PK), SK: String(r.SK) })));
  const seqOf = new Map(marks.map((mark) => [`${mark.PK}|${mark.SK}`, mark.seq as number]));
  const versions = new Map<string, LoggedVersion[]>(sectionIds.map((id) => [id, []]));
  for (const record of records) {
    const seq = seqOf.get(`${record.PK}|AUDITED#${record.SK}`);
    if (seq !== undefined) versions.get(String(record.sectionId))?.push({ record, seq });
  }
  return { logSize: size, versions };
}
