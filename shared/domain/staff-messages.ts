/**
 * A broadcast: a short message staff send to every officer of an election, which each officer
 * app shows until its officer acknowledges it. Not a result: it stays out of the audit chain, but
 * who sent it is kept. Pure, browser-safe: the body's schema, the message's id, and each
 * message's acknowledgements counted for staff.
 */
import * as z from 'zod';
import type { Actor } from './actor.js';

/** The most a broadcast may say: a few lines on a phone. */
export const MAX_MESSAGE_LENGTH = 500;

/** The most recent messages an officer app is sent: older ones have been read or overtaken. */
export const MESSAGES_SHOWN = 20;

export const StaffMessageBodySchema = z
  .object({ text: z.string().trim().min(1).max(MAX_MESSAGE_LENGTH) })
  .strict();

export interface StaffMessage {
  id: string;
  text: string;
  sentAt: string;
  sentBy: Actor;
}

export interface MessageAck {
  messageId: string;
  sectionId: string;
  acknowledgedAt: string;
}

/**
 * A message's id: its time in milliseconds (13 digits until the year 2286), so ids sort as the
 * messages were sent, and random hex, so two staff sending at once never collide; of the path's
 * id alphabet.
 */
export const newMessageId = (now: number, randomHex: string) =>
  `m${String(now).padStart(13, '0')}-${randomHex}`;

/** Each message, newest first, with how many and which sections acknowledged it (by section number). */
export function messagesWithAcks(messages: readonly StaffMessage[], acks: readonly MessageAck[]) {
  return [...messages]
    .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((message) => {
      const sections = acks
        .filter((ack) => ack.messageId === message.id)
        .map((ack) => ack.sectionId)
        .sort((a, b) => a.localeCompare(b, 'it', { numeric: true }));
      return {
        id: message.id,
        text: message.text,
        sentAt: message.sentAt,
        sentBy: message.sentBy.username ?? message.sentBy.credential,
        acknowledged: { count: sections.length, sections },
      };
    });
}
