/**
 * The staff page's calls to the API, with the session's token; an unreachable server answers
 * status 0, shown as such. A 401 to a call made with a token means the session has ended (its
 * hours are over, it was signed out, the account was disabled, the token revoked): `call` throws
 * SessionEndedError, which the page answers by going back to the sign-in (app.ts).
 */
import { callApi } from '../api-client.js';
import { staffStore } from './staff-store.js';

export type StaffApiAnswer = { status: number; body: unknown; file?: { blob: Blob; name: string } };

type Init = RequestInit & { timeoutMs?: number };

/** The session behind the token has ended; `message` is the server's reason. */
export class SessionEndedError extends Error {
  override name = 'SessionEndedError';
}

/** A call whose every answer is the caller's to read, a 401 included (signing in, signing out). */
export async function callAnswering(path: string, init: Init = {}): Promise<StaffApiAnswer> {
  const answer = await callApi(staffStore.token(), path, init);
  return answer.status === 'unreachable' ? { status: 0, body: null } : answer;
}

export async function call(path: string, init: Init = {}): Promise<StaffApiAnswer> {
  const answer = await callAnswering(path, init);
  if (answer.status === 401 && staffStore.hasToken())
    throw new SessionEndedError(errorMessageOf(answer) ?? 'the session has ended');
  return answer;
}

export const electionPath = (electionId: string) => `/admin/elections/${encodeURIComponent(electionId)}`;

/** The API's own limit on a request: a bulk operation may take all of it. */
export const BULK_TIMEOUT_MS = 31_000;

export const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    timeoutMs: BULK_TIMEOUT_MS,
  });

export const putJson = (path: string, body: unknown) =>
  call(path, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    timeoutMs: BULK_TIMEOUT_MS,
  });

/** The stable code of an error answer, if it is one. */
export const errorCodeOf = (answer: StaffApiAnswer) =>
  (answer.body as { error?: { code?: string } } | null)?.error?.code;

const errorMessageOf = (answer: StaffApiAnswer) =>
  (answer.body as { error?: { message?: string } } | null)?.error?.message;
