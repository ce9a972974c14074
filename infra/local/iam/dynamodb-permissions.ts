import type { Permission } from './policy.js';

/**
 * The IAM permissions a DynamoDB API call needs, from its `X-Amz-Target` and JSON body, per the
 * DynamoDB API permissions reference: most operations need the action of their own name on the
 * table (or the index they name); a batch needs its batch action on each table; a transaction
 * needs, per item, the action of the item's operation (Put: PutItem, Update: UpdateItem, Delete:
 * DeleteItem, ConditionCheck: ConditionCheckItem, Get: GetItem).
 */
export function dynamoDbPermissions(
  target: string,
  body: Record<string, unknown>,
  tableArn: (tableNameOrArn: string) => string,
): Permission[] {
  const operation = target.split('.').pop() ?? target;
  // DynamoDB Streams (DynamoDBStreams_20120810.*): the action of the operation's name on the
  // table's stream. GetRecords names only its iterator, which carries the stream's ARN.
  if (target.startsWith('DynamoDBStreams_')) {
    const table = /table\/([^/"]+)\/stream/.exec(JSON.stringify(body))?.[1] ?? '*';
    return [{ action: `dynamodb:${operation}`, resource: `${tableArn(table)}/stream/local` }];
  }
  const on = (action: string, table: unknown, index?: unknown): Permission => ({
    action: `dynamodb:${action}`,
    resource: `${tableArn(String(table ?? '*'))}${index ? `/index/${String(index)}` : ''}`,
  });
  switch (operation) {
    case 'BatchGetItem':
    case 'BatchWriteItem':
      return Object.keys((body.RequestItems as object | undefined) ?? {}).map((table) =>
        on(operation, table),
      );
    case 'TransactWriteItems':
    case 'TransactGetItems':
      return ((body.TransactItems as Record<string, { TableName?: string }>[] | undefined) ?? []).flatMap(
        (item) =>
          Object.entries(item).map(([kind, request]) => on(TRANSACT_ACTION[kind] ?? kind, request.TableName)),
      );
    case 'ListTables':
      return [{ action: 'dynamodb:ListTables', resource: '*' }];
    case 'Query':
    case 'Scan':
      return [on(operation, body.TableName, body.IndexName)];
    default:
      return [on(operation, body.TableName)];
  }
}

const TRANSACT_ACTION: Record<string, string> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
  Get: 'GetItem',
};
