/**
 * Staff broadcasts and their acknowledgements (keys.ts: one partition per election, out of every
 * stream filter): a message put once under its id; an acknowledgement put once per section and
 * message, the first time kept; read by one query of a prefix each.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { MessageAck, StaffMessage } from '../domain/staff-messages.js';
import { db, tableName } from './client.js';
import { keys } from './keys.js';
import { queryAll } from './queries.js';

export async function putStaffMessage(electionId: string, message: StaffMessage): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.staffMessage(electionId, message.id), type: 'StaffMessage', ...message },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
}

const messageOf = (item: Record<string, unknown>): StaffMessage => ({
  id: String(item.id),
  text: String(item.text),
  sentAt: String(item.sentAt),
  sentBy: item.sentBy as StaffMessage['sentBy'],
});

export async function getStaffMessage(
  electionId: string,
  messageId: string,
): Promise<StaffMessage | undefined> {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.staffMessage(electionId, messageId),
      ConsistentRead: true,
    }),
  );
  return Item ? messageOf(Item) : undefined;
}

/** The election's messages, newest first; only the latest `limit` (one page) when given. */
export async function listStaffMessages(electionId: string, limit?: number): Promise<StaffMessage[]> {
  const input = {
    TableName: tableName(),
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: {
      ':pk': keys.messagesPartition(electionId),
      ':prefix': keys.staffMessagePrefix,
    },
    ScanIndexForward: false,
    ConsistentRead: true,
  };
  const items =
    limit !== undefined
      ? ((await db().send(new QueryCommand({ ...input, Limit: limit }))).Items ?? [])
      : await queryAll(input);
  return items.map(messageOf);
}

/** The section's acknowledgement of a message: the first one's time stays (idempotent). */
export async function acknowledgeStaffMessage(
  electionId: string,
  sectionId: string,
  messageId: string,
  at: string,
): Promise<MessageAck> {
  const { Attributes } = await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.messageAck(electionId, sectionId, messageId),
      UpdateExpression:
        'SET acknowledgedAt = if_not_exists(acknowledgedAt, :at), sectionId = :section, messageId = :message, #type = :type',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: {
        ':at': at,
        ':section': sectionId,
        ':message': messageId,
        ':type': 'MessageAck',
      },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return { messageId, sectionId, acknowledgedAt: String(Attributes?.acknowledgedAt ?? at) };
}

const ackOf = (item: Record<string, unknown>): MessageAck => ({
  messageId: String(item.messageId),
  sectionId: String(item.sectionId),
  acknowledgedAt: String(item.acknowledgedAt),
});

/** Every acknowledgement of the election (`sectionId`: of that section only). */
export async function listMessageAcks(electionId: string, sectionId?: string): Promise<MessageAck[]> {
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: {
      ':pk': keys.messagesPartition(electionId),
      ':prefix': sectionId !== undefined ? keys.sectionAckPrefix(sectionId) : keys.messageAckPrefix,
    },
    ConsistentRead: true,
  });
  return items.map(ackOf);
}
