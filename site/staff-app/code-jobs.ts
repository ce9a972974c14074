/**
 * Codes for more sections than one request takes (Italy's 61,550): the page starts a job, shows
 * its progress until it ends, then downloads its sheet, one file per part of 2,500 sections. A
 * retry of the start (a lost answer) carries the same Idempotency-Key, so it finds the same job.
 */
import { downloadSheet } from './downloads.js';
import type { Overview } from './overview.js';
import { render } from './screen.js';
import { load } from './session.js';
import { call, electionPath, postJson } from './staff-api.js';
import { errorText, type StaffState } from './state.js';

const POLL_MS = 2_000;

interface JobView {
  status: 'queued' | 'running' | 'done' | 'failed';
  stalled: boolean;
  location: string;
  total: number | null;
  processed: number;
  changed: number;
  error?: string;
  sheet: { parts: number } | null;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the job, once even if the answer is lost (then asks again with the same key); the same
 * call with the same key later sends the job's worker again if nothing moves it on.
 */
async function start(electionId: string, body: unknown, key: Record<string, string>) {
  const path = `${electionPath(electionId)}/officer-token-jobs`;
  let answer = await postJson(path, body, key);
  for (let retry = 0; answer.status === 0 && retry < 3; retry++) {
    await pause(POLL_MS);
    answer = await postJson(path, body, key);
  }
  return answer;
}

export async function runCodeJob(
  state: StaffState,
  overview: Overview,
  operation: 'issue' | 'revoke',
  sections: 'all' | string[],
): Promise<void> {
  const key = { 'idempotency-key': crypto.randomUUID() };
  const body = { operation, sections };
  const started = await start(overview.electionId, body, key);
  if (started.status !== 202) return load(state, (t) => t.codes.failed(errorText(started)(t)));
  let job = started.body as JobView;
  while (job.status === 'queued' || job.status === 'running') {
    const { processed, total } = job;
    state.notice = (t) => t.codes.jobRunning(processed, total);
    render(state);
    await pause(POLL_MS);
    // A progress read that fails (a dropped connection) is only "ask again".
    const progress = await call(job.location.replace(/^\/v1/, ''));
    if (progress.status === 200) job = progress.body as JobView;
    // Nothing moves it on (its worker never started, or stopped): the same start again restarts it.
    if (job.stalled) await start(overview.electionId, body, key);
  }
  const ended = job;
  if (ended.status === 'failed') return load(state, (t) => t.codes.jobFailed(ended.error ?? ''));
  if (operation === 'revoke') return load(state, (t) => t.codes.revokedByJob(ended.changed));
  const parts = ended.sheet?.parts ?? 0;
  for (let part = 0; part < parts; part++) {
    const sheet = await call(`${ended.location.replace(/^\/v1/, '')}/sheet?part=${part}`);
    if (sheet.status !== 200) return load(state, (t) => t.codes.failed(errorText(sheet)(t)));
    const { tokens } = sheet.body as { tokens: Record<string, string> };
    await downloadSheet(state, overview, tokens, { number: part + 1, of: parts });
  }
  await load(state, (t) => t.codes.issuedInParts(ended.changed, parts));
}
