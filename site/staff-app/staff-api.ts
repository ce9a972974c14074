/** The staff page's calls to the API, with the staff token; an unreachable server answers status 0, shown as such. */
import { callApi } from '../api-client.js';
import { staffStore } from './staff-store.js';

export type StaffApiAnswer = { status: number; body: unknown; file?: { blob: Blob; name: string } };

export async function call(path: string, init: RequestInit = {}): Promise<StaffApiAnswer> {
  const answer = await callApi(staffStore.token(), path, init);
  return answer.status === 'unreachable' ? { status: 0, body: null } : answer;
}

export const electionPath = (electionId: string) => `/admin/elections/${encodeURIComponent(electionId)}`;

export const postJson = (path: string, body: unknown) =>
  call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
