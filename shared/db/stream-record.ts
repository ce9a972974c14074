import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { Key } from './keys.js';

type Image = NonNullable<DynamoDBRecord['dynamodb']>['NewImage'];

// The aws-lambda typings and the SDK describe the same attribute values with different types.
const plain = (image: Image): Record<string, unknown> | undefined =>
  image ? unmarshall(image as unknown as Record<string, AttributeValue>) : undefined;

/** A stream record's keys, new image and old image, as plain objects. */
export function readStreamRecord(record: DynamoDBRecord) {
  const key = plain(record.dynamodb?.Keys) as Key | undefined;
  if (!key) throw new Error('stream record without keys');
  return { key, newImage: plain(record.dynamodb?.NewImage), oldImage: plain(record.dynamodb?.OldImage) };
}
