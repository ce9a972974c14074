/**
 * The officer app (bundled for the browser): sign in with the section's token, see what is
 * stored, send turnout readings and the count through the outbox, with the server's own
 * schemas and checks running as the officer types.
 */
import { isFlagging } from '../../shared/domain/checks.js';
import type { CurrentItem } from '../../shared/domain/section-checks.js';
import { checksFor } from '../../shared/domain/section-checks.js';
import type { SubmissionStatus } from '../../shared/domain/status.js';
import { resultsSchemaFor, TurnoutReadingSchema } from '../../shared/domain/submission.js';
import { escapeHtml } from '../results-page/html.js';
import { APP_MESSAGES, type AppLanguage } from './messages.js';
import { type SectionData, sectionData, sendSubmission, sessionOf } from './officer-api.js';
import { createOutbox, type OutboxItem } from './outbox.js';
import { renderChecks, renderOutbox, renderSectionPage } from './section-page.js';
import { readTally } from './tally-form.js';

const STORE = {
  token: 'officer.token',
  outbox: 'officer.outbox',
  section: 'officer.section',
  language: 'officer.language',
} as const;

const root = document.getElementById('app') as HTMLElement;
let language: AppLanguage = localStorage.getItem(STORE.language) === 'en' ? 'en' : 'it';
let token = localStorage.getItem(STORE.token) ?? '';
let data: SectionData | undefined;
let staleData = false;
let sending = false;

const outbox = createOutbox({
  load: () => JSON.parse(localStorage.getItem(STORE.outbox) ?? '[]') as OutboxItem[],
  save: (items) => localStorage.setItem(STORE.outbox, JSON.stringify(items)),
  send: (item) => sendSubmission(token, item),
  newId: () => crypto.randomUUID(),
  now: () => new Date().toISOString(),
});

const t = () => APP_MESSAGES[language];

/** A token from a printed sheet's link (`/officer/#token=...`) is kept, then taken out of the address bar. */
function tokenFromLink(): string | undefined {
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!fromLink) return undefined;
  history.replaceState(null, '', location.pathname + location.search);
  return fromLink;
}

function renderSignIn(error = '') {
  const m = t().signIn;
  document.title = t().title;
  root.innerHTML = `<header class="bar"><div class="actions"><button type="button" data-action="language" class="secondary" lang="${language === 'it' ? 'en' : 'it'}">${t().otherLanguage}</button></div><h1>${m.heading}</h1></header>
<form class="card" data-form="sign-in" novalidate><p>${m.intro}</p><div class="field"><label for="token">${m.label}</label><input id="token" name="token" type="password" autocomplete="off" autocapitalize="off" spellcheck="false" required${error ? ' aria-invalid="true" aria-describedby="sign-in-error"' : ''}></div>
${error ? `<p id="sign-in-error" class="error" role="alert">${escapeHtml(error)}</p>` : ''}<button type="submit">${m.button}</button></form>`;
}

function render() {
  if (!data) return renderSignIn();
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement.id : '';
  document.title = `${data.section.name} — ${t().title}`;
  root.innerHTML = renderSectionPage(data, outbox.items(), {
    language,
    online: navigator.onLine,
    staleData,
    sending,
  });
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-form]')) updateChecks(form);
  if (focused) document.getElementById(focused)?.focus();
}

function renderOutboxOnly() {
  const box = document.getElementById('outbox');
  if (box && data) box.innerHTML = renderOutbox(outbox.items(), data, language, sending);
}

/** The section's current items, as the checks of the server see them. */
function currentItems(section: SectionData): CurrentItem[] {
  const turnout = Object.entries(section.turnout).map(([slotId, item]) => ({
    kind: 'turnout' as const,
    slotId,
    body: { voters: item.voters, votersMale: item.votersMale, votersFemale: item.votersFemale },
    status: item.status as SubmissionStatus,
    checks: [],
  }));
  const results = section.results
    ? [
        {
          kind: 'results' as const,
          body: section.results,
          status: section.status as SubmissionStatus,
          checks: [],
        },
      ]
    : [];
  return [...turnout, ...results];
}

type Draft =
  | { ok: true; target: OutboxItem['target']; body: unknown; checks: ReturnType<typeof checksFor> }
  | { ok: false; message: string; fields: string[] };

/** The form as a body, validated by the server's schema and judged by the server's checks. */
function draftOf(form: HTMLFormElement): Draft | undefined {
  if (!data) return undefined;
  const fields = [...new FormData(form).entries()].map(
    ([name, value]) => [name, String(value)] as [string, string],
  );
  const { body, invalid } = readTally(fields);
  const wholeNumbers = language === 'it' ? 'Scrivete solo numeri interi.' : 'Use whole numbers only.';
  if (invalid.length) return { ok: false, message: wholeNumbers, fields: invalid };
  const slotId = form.dataset.slot;
  const target: OutboxItem['target'] = slotId ? { kind: 'turnout', slotId } : { kind: 'results' };
  const schema = slotId ? TurnoutReadingSchema : resultsSchemaFor(data.election);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    const missing = language === 'it' ? 'Manca un valore obbligatorio' : 'A required value is missing';
    return { ok: false, message: `${missing}: ${field}`, fields: field ? [field] : [] };
  }
  const checks = checksFor(data.election, data.section, { ...target, body: parsed.data }, currentItems(data));
  return { ok: true, target, body: parsed.data, checks };
}

/** Live sums and the checks of what is typed so far. */
function updateChecks(form: HTMLFormElement) {
  const box = form.querySelector<HTMLElement>('[data-checks]');
  const value = (name: string) =>
    Number((form.elements.namedItem(name) as HTMLInputElement | null)?.value || 0);
  const valid = form.querySelector('#sum-valid');
  if (valid)
    valid.textContent = String(
      value('voters') - value('blankBallots') - value('invalidBallots') - value('contestedBallots'),
    );
  const candidates = form.querySelector('#sum-candidates');
  if (candidates && data)
    candidates.textContent = String(
      data.election.candidates.reduce((sum, c) => sum + value(`candidateVotes.${c.id}`), 0),
    );
  const draft = draftOf(form);
  const filled = [...form.querySelectorAll<HTMLInputElement>('input[required]')].every(
    (i) => i.value.trim() !== '',
  );
  if (!box) return;
  for (const input of form.querySelectorAll('input')) input.removeAttribute('aria-invalid');
  if (!draft || !filled) box.innerHTML = '';
  else if (!draft.ok) {
    box.innerHTML = `<p class="error">${escapeHtml(draft.message)}</p>`;
    for (const name of draft.fields)
      form.querySelector(`[name="${CSS.escape(name)}"]`)?.setAttribute('aria-invalid', 'true');
  } else box.innerHTML = renderChecks(draft.checks, language);
}

/** A flagged draft goes out only when the officer confirms it, knowing what is wrong. */
function confirmFlagged(checks: Parameters<typeof renderChecks>[0]): Promise<boolean> {
  const dialog = document.getElementById('confirm') as HTMLDialogElement | null;
  const list = document.getElementById('confirm-checks');
  if (!dialog || !list) return Promise.resolve(false);
  list.innerHTML = renderChecks(checks, language);
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) =>
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'send'), { once: true }),
  );
}

async function submit(form: HTMLFormElement) {
  updateChecks(form);
  const draft = draftOf(form);
  if (!data || !draft) return;
  if (!draft.ok) {
    form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    return;
  }
  if (isFlagging(draft.checks) && !(await confirmFlagged(draft.checks))) return;
  const basedOn =
    draft.target.kind === 'results' ? data.version : (data.turnout[draft.target.slotId]?.version ?? 0);
  outbox.add({
    electionId: data.electionId,
    sectionId: data.section.id,
    target: draft.target,
    body: draft.body,
    basedOn,
  });
  renderOutboxOnly();
  document.getElementById('outbox')?.scrollIntoView({ block: 'nearest' });
  await flush();
}

/** Sends what waits; when the server answered anything, shows what it now stores. */
async function flush() {
  if (!outbox.waiting() || sending) return;
  sending = true;
  renderOutboxOnly();
  const before = outbox.items().filter((i) => i.state.name !== 'saved').length;
  await outbox.flush();
  sending = false;
  const answered = outbox.items().filter((i) => i.state.name !== 'saved').length > before;
  if (answered) await refresh();
  else renderOutboxOnly();
}

/** Reads the section again from the server; offline, keeps the last copy and says so. */
async function refresh() {
  if (!data) return;
  const fresh = await sectionData(token, data.electionId, data.section.id);
  if (fresh) {
    data = fresh;
    staleData = false;
    localStorage.setItem(STORE.section, JSON.stringify(data));
  } else staleData = true;
  render();
}

async function signIn(candidate: string) {
  const session = await sessionOf(candidate);
  if (session === 'unreachable') {
    // Offline with a section already loaded on this device: carry on with the saved copy.
    const saved = localStorage.getItem(STORE.section);
    if (saved && candidate === token) {
      data = JSON.parse(saved) as SectionData;
      staleData = true;
      return render();
    }
    return renderSignIn(t().signIn.unreachable);
  }
  if (session === 'unauthorized') return renderSignIn(t().signIn.invalid);
  if (session.role !== 'officer') return renderSignIn(t().signIn.staff);
  token = candidate;
  localStorage.setItem(STORE.token, token);
  data = await sectionData(token, session.electionId, session.sectionId);
  if (!data) return renderSignIn(t().signIn.unreachable);
  localStorage.setItem(STORE.section, JSON.stringify(data));
  staleData = false;
  render();
  await flush();
}

function signOut() {
  const waiting = outbox.waiting();
  if (waiting && !window.confirm(t().signOutWithWaiting(waiting))) return;
  for (const key of Object.values(STORE)) if (key !== STORE.language) localStorage.removeItem(key);
  token = '';
  data = undefined;
  renderSignIn();
}

root.addEventListener('submit', (event) => {
  const form = event.target as HTMLFormElement;
  if (!form.dataset.form) return;
  event.preventDefault();
  if (form.dataset.form === 'sign-in') {
    void signIn(String(new FormData(form).get('token') ?? '').trim());
  } else void submit(form);
});
root.addEventListener('input', (event) => {
  const form = (event.target as HTMLElement).closest<HTMLFormElement>('form[data-form]');
  if (form && form.dataset.form !== 'sign-in') updateChecks(form);
});
root.addEventListener('click', (event) => {
  const action = (event.target as HTMLElement).closest<HTMLElement>('[data-action]')?.dataset.action;
  if (action === 'language') {
    language = language === 'it' ? 'en' : 'it';
    localStorage.setItem(STORE.language, language);
    document.documentElement.lang = language;
    data ? render() : renderSignIn();
  } else if (action === 'sign-out') signOut();
  else if (action === 'reload') void refresh();
  else if (action === 'clear-outbox') {
    outbox.clearAnswered();
    renderOutboxOnly();
  }
});
window.addEventListener('online', () => {
  render();
  void flush();
});
window.addEventListener('offline', render);
// A phone that never says it came back online still retries now and then.
setInterval(() => void flush(), 15_000);

document.documentElement.lang = language;
const linked = tokenFromLink();
if (linked || token) void signIn(linked ?? token);
else renderSignIn();
