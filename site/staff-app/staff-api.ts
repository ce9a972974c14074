/** The staff page's calls to the API, with the staff token; an unreachable server answers status 0, shown as such. */
import { callApi } from '../api-client.js';
import { staffStore } from './staff-store.js';

export type StaffApiAnswer = { status: number; body: unknown; file?: { blob: Blob; name: string } };

export async function call(
  path: string,
  init: RequestInit & { timeoutMs?: number } = {},
): Promise<StaffApiAnswer> {
  const answer = await callApi(staffStore.token(), path, init);
  return answer.status === 'unreachable' ? { status: 0, body: null } : answer;
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

/** The stable code of an error answer, if it is one. */
export const errorCodeOf = (answer: StaffApiAnswer) =>
  (answer.body as { error?: { code?: string } } | null)?.error?.code;
