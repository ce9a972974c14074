/**
 * The staff page (bundled for the browser): sign in with the staff token, pick the election,
 * review what is flagged, watch what is missing, download the exports, certify. The token is
 * kept for this tab only (sessionStorage): it can do everything.
 */

import { escapeHtml } from '../../shared/pages/html.js';
import { type ApiAnswer, callApi } from '../api-client.js';
import { renderOfficerSheet } from '../officer-sheet/render.js';
import { type Overview, type QuarantinedView, renderStaffPage } from './staff-page.js';

const root = document.getElementById('app') as HTMLElement;
const KEYS = { token: 'staff.token', election: 'staff.election' } as const;
let overview: Overview | undefined;

/** The API with the staff token; an unreachable server answers status 0, shown as such. */
async function call(
  path: string,
  init: RequestInit = {},
): Promise<Exclude<ApiAnswer, { status: 'unreachable' }>> {
  const answer = await callApi(sessionStorage.getItem(KEYS.token) ?? '', path, init);
  return answer.status === 'unreachable' ? { status: 0, body: null } : answer;
}

const errorText = (answer: { status: number; body: unknown }) =>
  answer.status === 0
    ? 'Il server non risponde: controllate la connessione.'
    : ((answer.body as { error?: { message?: string } } | null)?.error?.message ?? `errore ${answer.status}`);

function renderSignIn(error = '') {
  const election =
    new URLSearchParams(location.search).get('election') ?? sessionStorage.getItem(KEYS.election) ?? '';
  root.innerHTML = `<header class="bar"><h1 id="page-title" tabindex="-1">Personale del Comune</h1></header>
<form class="card" data-form="sign-in" novalidate><div class="field"><label for="token">Codice del personale</label><input id="token" name="token" type="password" autocomplete="off" required></div>
<div class="field"><label for="election">Elezione (identificativo)</label><input id="election" name="election" autocomplete="off" required value="${escapeHtml(election)}"></div>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}<button type="submit">Entra</button></form>`;
}

async function load(notice = '') {
  const electionId = sessionStorage.getItem(KEYS.election) ?? '';
  const [answer, quarantine] = await Promise.all([
    call(`/admin/elections/${encodeURIComponent(electionId)}/sections`),
    call('/admin/quarantine'),
  ]);
  if (answer.status !== 200) return renderSignIn(errorText(answer));
  overview = answer.body as Overview;
  document.title = `${overview.name} — Personale`;
  const records =
    quarantine.status === 200
      ? ((quarantine.body as { records?: QuarantinedView[] }).records ?? [])
      : undefined;
  root.innerHTML = renderStaffPage(overview, records, notice);
  // Said once, from a region that outlives the re-render.
  const announcer = document.getElementById('announcer');
  if (announcer && notice) announcer.textContent = notice;
}

async function signIn(form: HTMLFormElement) {
  const data = new FormData(form);
  sessionStorage.setItem(KEYS.token, String(data.get('token') ?? '').trim());
  sessionStorage.setItem(KEYS.election, String(data.get('election') ?? '').trim());
  const session = await call('/session');
  if (session.status !== 200 || (session.body as { role?: string }).role !== 'staff') {
    sessionStorage.removeItem(KEYS.token);
    return renderSignIn(
      session.status === 200 ? 'Questo non è un codice del personale.' : errorText(session),
    );
  }
  await load();
  document.getElementById('page-title')?.focus();
}

async function review(form: HTMLFormElement) {
  const sectionId = form.dataset.section ?? '';
  const action = String(new FormData(form).get('decision') ?? '');
  const reason = String(new FormData(form).get('reason') ?? '').trim();
  // The browser checks the required choice first; this guards a browser that does not.
  if (action !== 'approve' && action !== 'reopen') return;
  if (!reason) {
    form.querySelector<HTMLInputElement>('input[name="reason"]')?.setAttribute('aria-invalid', 'true');
    form.querySelector<HTMLInputElement>('input[name="reason"]')?.focus();
    return;
  }
  const answer = await call(
    `/admin/elections/${encodeURIComponent(overview?.electionId ?? '')}/sections/${encodeURIComponent(sectionId)}/${action === 'approve' ? 'approve' : 'reopen'}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason, ...(form.dataset.slot ? { slotId: form.dataset.slot } : {}) }),
    },
  );
  const what = `sezione ${sectionId}${form.dataset.slot ? `, affluenza ${form.dataset.slot}` : ''}`;
  await load(
    answer.status === 200
      ? `${action === 'approve' ? 'Approvato' : 'Riaperto'}: ${what}.`
      : `Non riuscito (${what}): ${errorText(answer)}`,
  );
  document.getElementById('h-flagged')?.focus();
}

async function download(format: string) {
  const electionId = overview?.electionId ?? '';
  const answer = await call(`/admin/elections/${encodeURIComponent(electionId)}/export?format=${format}`);
  if (!answer.file) return load(`Esportazione non riuscita: ${errorText(answer)}`);
  saveFile(answer.file.name, answer.file.blob);
}

/** The whole audit trail (every write, who, when, what, its hash chain), page by page, as one JSON file. */
async function downloadAudit() {
  const electionId = overview?.electionId ?? '';
  const entries: unknown[] = [];
  let head: unknown = null;
  for (let after: number | null = 0; after !== null; ) {
    const answer = await call(
      `/admin/elections/${encodeURIComponent(electionId)}/audit?after=${after}&limit=1000`,
    );
    if (answer.status !== 200) return load(`Registro non scaricato: ${errorText(answer)}`);
    const page = answer.body as { head: unknown; entries: unknown[]; next: number | null };
    head = page.head;
    entries.push(...page.entries);
    after = page.next;
  }
  const file = JSON.stringify({ electionId, head, entries }, null, 2);
  saveFile(`${electionId}-registro.json`, new Blob([file], { type: 'application/json' }));
}

/** Offers a file the browser saves at once (the sheet, an export); nothing else keeps it. */
function saveFile(name: string, blob: Blob) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

/** Issues or revokes the codes of the sections typed ("tutte" for all). */
async function codes(form: HTMLFormElement) {
  const data = new FormData(form);
  const typed = String(data.get('sections') ?? '').trim();
  const sections = /^(tutte|all)$/i.test(typed) ? 'all' : typed.split(/[\s,;]+/).filter(Boolean);
  const operation = String(data.get('operation') ?? '');
  if (!overview || (operation !== 'issue' && operation !== 'revoke')) return;
  const base = `/admin/elections/${encodeURIComponent(overview.electionId)}/officer-tokens`;
  const answer = await call(operation === 'issue' ? base : `${base}/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sections }),
  });
  if (answer.status !== 200) return load(`Operazione non riuscita: ${errorText(answer)}`);
  if (operation === 'revoke') {
    const revoked = (answer.body as { revoked: string[] }).revoked;
    return load(`Codici revocati: ${revoked.length ? revoked.join(', ') : 'nessuno (non ce n’erano)'}.`);
  }
  const tokens = (answer.body as { tokens: Record<string, string> }).tokens;
  const byId = new Map(overview.sections.map((s) => [s.id, s]));
  const sheet = await renderOfficerSheet({
    electionName: overview.name,
    rehearsal: overview.rehearsal,
    siteUrl: location.origin,
    entries: Object.entries(tokens).map(([sectionId, token]) => {
      const section = byId.get(sectionId);
      return {
        sectionId,
        sectionName: section?.name ?? sectionId,
        ...(section?.district !== undefined ? { district: section.district } : {}),
        token,
      };
    }),
  });
  saveFile(`${overview.electionId}-codici-seggi.html`, new Blob([sheet], { type: 'text/html' }));
  await load(
    `Emessi ${Object.keys(tokens).length} nuovi codici: il foglio da stampare è stato scaricato. Stampatelo e poi cancellate il file.`,
  );
}

async function certify(form: HTMLFormElement) {
  const electionId = overview?.electionId ?? '';
  if (String(new FormData(form).get('confirm') ?? '').trim() !== electionId) {
    form.querySelector('input')?.setAttribute('aria-invalid', 'true');
    return load('Per certificare scrivete esattamente l’identificativo dell’elezione.');
  }
  const answer = await call(`/admin/elections/${encodeURIComponent(electionId)}/certify`, { method: 'POST' });
  await load(
    answer.status === 200 ? 'Elezione certificata.' : `Certificazione non riuscita: ${errorText(answer)}`,
  );
}

root.addEventListener('submit', (event) => {
  const form = event.target as HTMLFormElement;
  event.preventDefault();
  if (form.dataset.form === 'sign-in') void signIn(form);
  else if (form.dataset.form === 'review') void review(form);
  else if (form.dataset.form === 'codes') void codes(form);
  else if (form.dataset.form === 'certify') void certify(form);
});
root.addEventListener('click', (event) => {
  const target = (event.target as HTMLElement).closest<HTMLElement>('[data-action]');
  if (target?.dataset.action === 'reload') void load();
  else if (target?.dataset.action === 'export') void download(target.dataset.format ?? 'csv');
  else if (target?.dataset.action === 'audit') void downloadAudit();
  else if (target?.dataset.action === 'sign-out') {
    sessionStorage.removeItem(KEYS.token);
    overview = undefined;
    renderSignIn();
  }
});

if (sessionStorage.getItem(KEYS.token)) void load();
else renderSignIn();
