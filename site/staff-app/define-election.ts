/**
 * An admin defines an election from its file (the same document `events/elections/*.json`
 * holds): `PUT /v1/admin/elections/{id}` with the id the file names. A big one (Italy's 61,550
 * sections) goes gzipped where the browser can compress, as the API asks of anything over
 * Lambda's limit.
 */
import { render } from './screen.js';
import { BULK_TIMEOUT_MS, call, electionPath } from './staff-api.js';
import { errorText, type StaffState } from './state.js';

/** Over this, the definition is sent gzipped (where CompressionStream exists). */
const GZIP_OVER_BYTES = 1_000_000;

async function bodyOf(text: string): Promise<{ body: BodyInit; headers: Record<string, string> }> {
  if (text.length <= GZIP_OVER_BYTES || typeof CompressionStream === 'undefined')
    return { body: text, headers: { 'content-type': 'application/json' } };
  const gzipped = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return {
    body: await new Response(gzipped).blob(),
    headers: { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip' },
  };
}

export async function defineElection(state: StaffState, form: HTMLFormElement): Promise<void> {
  const file = (form.querySelector('input[type="file"]') as HTMLInputElement | null)?.files?.[0];
  if (!file) return;
  const text = await file.text();
  let id = '';
  try {
    id = String((JSON.parse(text) as { id?: unknown }).id ?? '');
  } catch {
    // Not JSON: said below.
  }
  if (!id) {
    state.notice = (t) => t.define.unreadable(file.name);
    return render(state);
  }
  const answer = await call(electionPath(id), {
    method: 'PUT',
    ...(await bodyOf(text)),
    timeoutMs: BULK_TIMEOUT_MS,
  });
  const result = answer.body as { changed?: boolean; sections?: number } | null;
  state.notice =
    answer.status !== 200
      ? (t) => t.define.failed(id, errorText(answer)(t))
      : result?.changed
        ? (t) => t.define.defined(id)
        : (t) => t.define.unchanged(id);
  render(state);
  document.getElementById('page-title')?.focus();
}
