/**
 * A section's history records (its versions and reviews) read straight from the table, as the
 * use cases wrote them, for tests that check what was stored behind an answer. The key is spelled
 * out, as the table holds it. Call after startLocalTable.
 */
export async function sectionHistoryRecords(
  electionId: string,
  sectionId: string,
  prefix = 'HISTORY#',
): Promise<Record<string, unknown>[]> {
  const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
  const { db, tableName } = await import('../../shared/db/client.js');
  const { Items = [] } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :history)',
      ExpressionAttributeValues: { ':pk': `ELECTION#${electionId}#SECTION#${sectionId}`, ':history': prefix },
      ConsistentRead: true,
    }),
  );
  return Items;
}
