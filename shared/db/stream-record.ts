import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { Key } from './keys.js';

type Image = NonNullable<DynamoDBRecord['dynamodb']>['NewImage'];

/**
 * DynamoDB Local (3.3) writes an empty map into stream images as `{}` instead of `{"M":{}}`,
 * which the SDK cannot read. Restores the typed form, at any depth; AWS's own images pass
 * through unchanged.
 */
function repair(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const attribute = value as Record<string, unknown>;
  const [type] = Object.keys(attribute);
  if (type === undefined) return { M: {} };
  if (type === 'M') {
    const entries = Object.entries(attribute.M as Record<string, unknown>).map(([k, v]) => [k, repair(v)]);
    return { M: Object.fromEntries(entries) };
  }
  if (type === 'L') return { L: (attribute.L as unknown[]).map(repair) };
  return value;
}

// The aws-lambda typings and the SDK describe the same attribute values with different types.
const plain = (image: Image): Record<string, unknown> | undefined =>
  image
    ? unmarshall(
        Object.fromEntries(Object.entries(image).map(([k, v]) => [k, repair(v)])) as unknown as Record<
          string,
          AttributeValue
        >,
      )
    : undefined;

/** A stream record's keys, new image and old image, as plain objects. */
export function readStreamRecord(record: DynamoDBRecord) {
  const key = plain(record.dynamodb?.Keys) as Key | undefined;
  if (!key) throw new Error('stream record without keys');
  return { key, newImage: plain(record.dynamodb?.NewImage), oldImage: plain(record.dynamodb?.OldImage) };
}

/**
 * When the change of a stream record was made, to the second: Lambda's event gives
 * ApproximateCreationDateTime in epoch seconds; DynamoDB Local's stream, read through the SDK,
 * gives a Date (an ISO string once serialised). Undefined when the record has none.
 */
export function streamRecordCreatedAt(record: DynamoDBRecord): Date | undefined {
  const value: unknown = record.dynamodb?.ApproximateCreationDateTime;
  const date =
    typeof value === 'number'
      ? new Date(value * 1000)
      : value instanceof Date || typeof value === 'string'
        ? new Date(value)
        : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}
