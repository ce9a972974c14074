/**
 * The officer app's calls to the API, on the site's own origin (`/v1/`, docs/interface.md).
 * A failed connection is "unreachable", never an exception: the outbox keeps the submission.
 */
import type { FailedCheck } from '../../shared/domain/checks.js';
import type { ElectionHead, Section } from '../../shared/domain/election.js';
import { type ApiAnswer, callApi } from '../api-client.js';
import { APP_VERSION } from './app-version.js';
import type { OutboxItem, SendResult } from './outbox.js';
import type { StoredCount } from './tally-form.js';

export interface StoredItemView {
  version: number;
  status: string;
  checks: FailedCheck[];
  submittedAt: string | null;
}

/** `GET /v1/elections/{e}/sections/{s}`: the section, its election and what is stored. */
export interface SectionData extends StoredItemView {
  electionId: string;
  election: ElectionHead;
  section: Section;
  electionState: 'open' | 'certified';
  turnout: Record<string, StoredItemView & { voters: number; votersMale?: number; votersFemale?: number }>;
  results: StoredCount | null;
}

export type Session = { role: 'staff' } | { role: 'officer'; electionId: string; sectionId: string };

/** A staff broadcast as the officer reads it: acknowledged or not yet. */
export interface BroadcastView {
  id: string;
  text: string;
  sentAt: string;
  acknowledgedAt: string | null;
}

/** Every call of the app says its version (the section's watch on the staff page shows it). */
const call = (token: string, path: string, init: RequestInit = {}): Promise<ApiAnswer> =>
  callApi(token, path, { ...init, headers: { 'x-app-version': APP_VERSION, ...init.headers } });

const sectionPath = (electionId: string, sectionId: string) =>
  `/elections/${encodeURIComponent(electionId)}/sections/${encodeURIComponent(sectionId)}`;

export const readSession = (token: string) => call(token, '/session');

export const readSectionData = (token: string, electionId: string, sectionId: string) =>
  call(token, sectionPath(electionId, sectionId));

/** The latest broadcasts with this section's acknowledgements; undefined when they cannot be read now. */
export async function readBroadcasts(
  token: string,
  electionId: string,
  sectionId: string,
): Promise<BroadcastView[] | undefined> {
  const answer = await call(token, `${sectionPath(electionId, sectionId)}/messages`);
  return answer.status === 200 ? (answer.body as { messages: BroadcastView[] }).messages : undefined;
}

/** Acknowledges a broadcast (idempotent): true once the server has it. */
export async function acknowledgeBroadcast(
  token: string,
  electionId: string,
  sectionId: string,
  messageId: string,
): Promise<boolean> {
  const answer = await call(
    token,
    `${sectionPath(electionId, sectionId)}/messages/${encodeURIComponent(messageId)}/ack`,
    { method: 'POST' },
  );
  return answer.status === 200;
}

/** Sends one outbox item, with `If-Match` on the version it replaces. */
export function sendSubmission(token: string, item: OutboxItem): Promise<SendResult> {
  const base = `/elections/${encodeURIComponent(item.electionId)}/sections/${encodeURIComponent(item.sectionId)}`;
  const path =
    item.target.kind === 'results'
      ? `${base}/results`
      : `${base}/turnout/${encodeURIComponent(item.target.slotId)}`;
  return call(token, path, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'if-match': `"${item.basedOn}"` },
    body: JSON.stringify(item.body),
  });
}

/** Who a token belongs to; or why that cannot be known now. */
export async function sessionOf(token: string): Promise<Session | 'unauthorized' | 'unreachable'> {
  const answer = await readSession(token);
  if (answer.status === 'unreachable' || answer.status >= 500) return 'unreachable';
  if (answer.status !== 200) return 'unauthorized';
  return answer.body as Session;
}

/** The section as stored now; 'unauthorized' for a revoked code; undefined when the server cannot be reached. */
export async function sectionData(
  token: string,
  electionId: string,
  sectionId: string,
): Promise<SectionData | 'unauthorized' | undefined> {
  const answer = await readSectionData(token, electionId, sectionId);
  if (answer.status === 401 || answer.status === 403) return 'unauthorized';
  return answer.status === 200 ? (answer.body as SectionData) : undefined;
}
