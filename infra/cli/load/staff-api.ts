import type { ElectionDefinition } from '../../../shared/domain/election.js';
import { inPool } from '../../../shared/in-pool.js';
import { answerOf, verdictOf } from './submissions.js';

/**
 * Sections per token request. `{ "sections": "all" }` issues one transaction per section within
 * one invocation, and past about a thousand sections it outlives the function's 15 s timeout
 * (here and in AWS), so the load test asks for its codes a slice at a time, two slices at once.
 */
const TOKENS_PER_REQUEST = 100;
const TOKEN_REQUESTS_AT_ONCE = 2;
const ATTEMPTS = 4;

/**
 * A staff call to the API and its JSON answer. A failure of the moment (a Lambda timeout on a
 * starved machine, a write race) is tried again: re-defining the same election is a no-op, and
 * issuing a slice's tokens again replaces the ones a failed attempt may have stored.
 */
async function staffCall<T>(apiUrl: string, adminToken: string, method: string, path: string, body: unknown) {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(new URL(path, apiUrl), {
      method,
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    const verdict = verdictOf(answerOf(response.status, text, response.headers.get('retry-after')));
    if (verdict === 'stored') return JSON.parse(text) as T;
    if (verdict === 'refused' || attempt === ATTEMPTS)
      throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
  }
}

/**
 * Defines the election through the API as staff would, then issues one officer token per
 * section. Answers the tokens by section id.
 */
export async function defineWithOfficers(
  apiUrl: string,
  adminToken: string,
  election: ElectionDefinition,
): Promise<Record<string, string>> {
  const base = `/v1/admin/elections/${encodeURIComponent(election.id)}`;
  await staffCall(apiUrl, adminToken, 'PUT', base, election);
  const slices: string[][] = [];
  for (let i = 0; i < election.sections.length; i += TOKENS_PER_REQUEST)
    slices.push(election.sections.slice(i, i + TOKENS_PER_REQUEST).map((s) => s.id));
  const tokens: Record<string, string> = {};
  await inPool(slices, TOKEN_REQUESTS_AT_ONCE, async (sections) => {
    const answer = await staffCall<{ tokens: Record<string, string> }>(
      apiUrl,
      adminToken,
      'POST',
      `${base}/officer-tokens`,
      { sections },
    );
    Object.assign(tokens, answer.tokens);
  });
  return tokens;
}
