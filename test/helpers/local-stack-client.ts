/**
 * What end-to-end tests do to a running local stack: call the API as an officer or staff, and
 * read what the public site publishes, waiting for the publisher to catch up.
 */
import type { Stack } from '../../infra/local/stack.js';

export type Json = Record<string, unknown>;

export function stackClient(stack: Pick<Stack, 'apiUrl' | 'siteUrl'>) {
  const send = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };

  const publishedSummary = async (electionId: string) => {
    const pointer = await (await fetch(`${stack.siteUrl}results/${electionId}/latest.json`)).json();
    return (await (await fetch(`${stack.siteUrl}${String(pointer.summary).slice(1)}`)).json()) as Json;
  };

  /** Polls the published summary until `done` holds. */
  const waitForSummary = async (electionId: string, done: (summary: Json) => boolean, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    let last: Json = {};
    while (Date.now() < deadline) {
      // Before the first publish the pointer is not there (the site answers 404): only "not yet".
      last = await publishedSummary(electionId).catch(() => ({}));
      try {
        if (done(last)) return last;
      } catch {
        // an incomplete summary: poll again
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`the summary did not converge: ${JSON.stringify(last).slice(0, 2000)}`);
  };

  return { send, publishedSummary, waitForSummary };
}

/**
 * Staff issue officer codes for some sections of an election (or all): each new code, by section
 * id. Throws, with the API's answer, unless they are issued.
 */
export async function issueOfficerCodes(
  stack: Pick<Stack, 'apiUrl' | 'siteUrl' | 'adminToken'>,
  electionId: string,
  sections: string[] | 'all',
): Promise<Record<string, string>> {
  const issued = await stackClient(stack).send(
    'POST',
    `/v1/admin/elections/${electionId}/officer-tokens`,
    stack.adminToken,
    { sections },
  );
  if (issued.status !== 200)
    throw new Error(
      `officer codes for ${electionId} not issued: ${issued.status} ${JSON.stringify(issued.body)}`,
    );
  return issued.body.tokens as Record<string, string>;
}

/** Runs tasks a few at a time, like officers submitting across the town. */
export async function inParallel<T>(items: T[], limit: number, task: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await task(item);
    }),
  );
}
