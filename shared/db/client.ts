import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { clientOptions } from '../aws/client-options.js';
import { config } from '../config.js';

let documentClient: DynamoDBDocumentClient | undefined;

/** The document client, built once per cold start and shared by every entity module. */
export function db(): DynamoDBDocumentClient {
  if (!documentClient) {
    const client = new DynamoDBClient(clientOptions(config().DYNAMODB_ENDPOINT));
    documentClient = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
    });
  }
  return documentClient;
}

export const tableName = () => config().TABLE_NAME;
