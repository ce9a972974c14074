/**
 * Broadcasts (docs/interface.md, Staff messages): staff send a short message to every officer of
 * an election; each officer app reads the latest ones with its own acknowledgements, and
 * acknowledges each once. Not audited (no result changes): the message keeps who sent it.
 */
import { randomBytes } from 'node:crypto';
import {
  acknowledgeStaffMessage,
  getStaffMessage,
  listMessageAcks,
  listStaffMessages,
  putStaffMessage,
} from '../db/staff-messages.js';
import type { Actor } from '../domain/actor.js';
import {
  MESSAGES_SHOWN,
  messagesWithAcks,
  newMessageId,
  type StaffMessage,
  StaffMessageBodySchema,
} from '../domain/staff-messages.js';
import { ElectionCertifiedError, MessageNotFoundError } from '../errors.js';
import { loadElection } from './election-context.js';
import { parseOrThrow } from './validation.js';

export async function sendStaffMessage(
  electionId: string,
  body: unknown,
  sentBy: Actor,
  now = new Date(),
): Promise<StaffMessage> {
  const { text } = parseOrThrow(StaffMessageBodySchema, body, 'message');
  const { state } = await loadElection(electionId);
  if (state.state === 'certified')
    throw new ElectionCertifiedError(`election "${electionId}" is certified: its night is over`);
  const message = {
    id: newMessageId(now.getTime(), randomBytes(4).toString('hex')),
    text,
    sentAt: now.toISOString(),
    sentBy,
  };
  await putStaffMessage(electionId, message);
  return message;
}

/** The latest messages for a section's officer, newest first, each with when it acknowledged it. */
export async function officerMessages(electionId: string, sectionId: string) {
  const [messages, acks] = await Promise.all([
    listStaffMessages(electionId, MESSAGES_SHOWN),
    listMessageAcks(electionId, sectionId),
  ]);
  const acknowledged = new Map(acks.map((ack) => [ack.messageId, ack.acknowledgedAt]));
  return {
    messages: messages.map((m) => ({
      id: m.id,
      text: m.text,
      sentAt: m.sentAt,
      acknowledgedAt: acknowledged.get(m.id) ?? null,
    })),
  };
}

/** The officer's acknowledgement; again is the same answer, with the first time. */
export async function acknowledgeMessage(
  electionId: string,
  sectionId: string,
  messageId: string,
  now = new Date(),
) {
  if (!(await getStaffMessage(electionId, messageId)))
    throw new MessageNotFoundError(`election "${electionId}" has no message "${messageId}"`);
  return acknowledgeStaffMessage(electionId, sectionId, messageId, now.toISOString());
}

/** Every message for staff, newest first, with how many and which sections acknowledged it. */
export async function staffMessagesOverview(electionId: string) {
  const [messages, acks] = await Promise.all([listStaffMessages(electionId), listMessageAcks(electionId)]);
  return messagesWithAcks(messages, acks);
}
