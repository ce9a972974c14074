/**
 * The officer app (bundled for the browser): sign in with the section's code, see what is
 * stored, send turnout readings and the count through the outbox, with the server's own
 * schemas and checks running as the officer types.
 */
import { isFlagging } from '../../shared/domain/checks.js';
import { type CurrentItem, checksFor } from '../../shared/domain/section-checks.js';
import type { SubmissionStatus } from '../../shared/domain/status.js';
import { resultsSchemaFor, TurnoutReadingSchema } from '../../shared/domain/submission-bodies.js';
import { escapeHtml } from '../../shared/pages/html.js';
import { deviceStore } from './device-store.js';
import { captureDrafts, emptyRequired, formKey, labelOf, restoreDrafts } from './drafts.js';
import { APP_MESSAGES, type AppLanguage } from './messages.js';
import { type SectionData, sectionData, sendSubmission, sessionOf } from './officer-api.js';
import { createOutbox, type OutboxItem } from './outbox.js';
import { outboxLineText, renderChecks, renderOutbox, renderSectionPage } from './section-page.js';
import { readTally } from './tally-form.js';

const root = document.getElementById('app') as HTMLElement;
const announcer = document.getElementById('announcer');
let language: AppLanguage = deviceStore.language();
let data: SectionData | undefined;
let staleData = false;
let sending = false;
/** Forms with typed values not yet sent: a re-render keeps them. */
const dirty = new Set<string>();

const outbox = createOutbox({
  load: deviceStore.outbox,
  save: deviceStore.saveOutbox,
  send: (item) => sendSubmission(deviceStore.tokenFor(item.electionId, item.sectionId), item),
  newId: () => crypto.randomUUID(),
  now: () => new Date().toISOString(),
});

const t = () => APP_MESSAGES[language];
const announce = (text: string) => {
  if (announcer) announcer.textContent = text;
};

/** A code from a printed sheet's link (`/officer/#token=...`), taken out of the address bar at once. */
function tokenFromLink(): string | undefined {
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!fromLink) return undefined;
  history.replaceState(null, '', location.pathname + location.search);
  return fromLink;
}

function renderSignIn(error = '') {
  const m = t().signIn;
  document.title = t().title;
  data = undefined;
  root.innerHTML = `<header class="bar"><div class="actions"><button type="button" id="language" data-action="language" class="secondary" lang="${language === 'it' ? 'en' : 'it'}">${t().otherLanguage}</button></div><h1 id="page-title" tabindex="-1">${m.heading}</h1></header>
<form class="card" data-form="sign-in" novalidate><p>${m.intro}</p><div class="field"><label for="token">${m.label}</label><input id="token" name="token" type="password" autocomplete="off" autocapitalize="off" spellcheck="false" required${error ? ' aria-invalid="true" aria-describedby="sign-in-error"' : ''}></div>
<p><label class="inline"><input type="checkbox" data-action="show-token"> ${m.show}</label></p>
${error ? `<p id="sign-in-error" class="error" role="alert">${escapeHtml(error)}</p>` : ''}${outbox.waiting() ? `<p class="notice">${m.waiting(outbox.waiting())}</p>` : ''}<button type="submit">${m.button}</button></form>`;
}

const dialogOpen = () => (document.getElementById('confirm') as HTMLDialogElement | null)?.open === true;
let renderAfterDialog = false;

/** Draws the section again from `data`, keeping what the officer is typing and where the focus is. */
function render() {
  if (!data) return renderSignIn();
  if (dialogOpen()) {
    renderAfterDialog = true;
    return;
  }
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement.id : '';
  const drafts = captureDrafts(root, dirty);
  document.title = `${data.section.name} — ${t().title}`;
  root.innerHTML = renderSectionPage(data, outbox.items(), {
    language,
    online: navigator.onLine,
    staleData,
    sending,
  });
  restoreDrafts(root, drafts);
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-form]')) updateChecks(form);
  if (focused) document.getElementById(focused)?.focus();
}

function renderOutboxOnly() {
  const box = document.getElementById('outbox');
  if (box && data) box.innerHTML = renderOutbox(outbox.items(), data, language, sending);
}

function updateConnection() {
  const line = root.querySelector('.connection');
  if (!line) return;
  line.className = `connection ${navigator.onLine ? 'online' : 'offline'}`;
  line.textContent = navigator.onLine ? t().online : t().offline;
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
  const status = section.status as SubmissionStatus;
  const results = section.results
    ? [{ kind: 'results' as const, body: section.results, status, checks: [] }]
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
  if (invalid.length)
    return {
      ok: false,
      message: t().form.wholeNumbers(invalid.map((n) => labelOf(form, n))),
      fields: invalid,
    };
  const slotId = form.dataset.slot;
  const target: OutboxItem['target'] = slotId ? { kind: 'turnout', slotId } : { kind: 'results' };
  const schema = slotId ? TurnoutReadingSchema : resultsSchemaFor(data.election);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const names = parsed.error.issues.map((issue) => issue.path.join('.')).filter(Boolean);
    return { ok: false, message: t().form.missing(names.map((n) => labelOf(form, n))), fields: names };
  }
  const checks = checksFor(data.election, data.section, { ...target, body: parsed.data }, currentItems(data));
  return { ok: true, target, body: parsed.data, checks };
}

const markInvalid = (form: HTMLFormElement, names: string[]) => {
  for (const input of form.querySelectorAll('input')) input.removeAttribute('aria-invalid');
  for (const name of names)
    form.querySelector(`[name="${CSS.escape(name)}"]`)?.setAttribute('aria-invalid', 'true');
};

/** Live sums and the checks of what is typed so far (shown beside the form; said aloud at sending). */
function updateChecks(form: HTMLFormElement) {
  if (form.dataset.form === 'sign-in') return;
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
  const box = form.querySelector<HTMLElement>('[data-checks]');
  if (!box) return;
  const draft = emptyRequired(form).length ? undefined : draftOf(form);
  markInvalid(form, draft && !draft.ok ? draft.fields : []);
  box.innerHTML = !draft
    ? ''
    : draft.ok
      ? renderChecks(draft.checks, language)
      : `<p class="error">${escapeHtml(draft.message)}</p>`;
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
    dialog.addEventListener(
      'close',
      () => {
        resolve(dialog.returnValue === 'send');
        if (renderAfterDialog) {
          renderAfterDialog = false;
          queueMicrotask(render);
        }
      },
      { once: true },
    ),
  );
}

async function submit(form: HTMLFormElement) {
  if (!data) return;
  const box = form.querySelector<HTMLElement>('[data-checks]');
  const empty = emptyRequired(form);
  const draft = empty.length
    ? ({
        ok: false,
        message: t().form.required(empty.map((i) => labelOf(form, i.name))),
        fields: empty.map((i) => i.name),
      } as const)
    : draftOf(form);
  if (!draft) return;
  if (!draft.ok) {
    markInvalid(form, draft.fields);
    if (box) box.innerHTML = `<p class="error" role="alert">${escapeHtml(draft.message)}</p>`;
    form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    return;
  }
  if (isFlagging(draft.checks) && !(await confirmFlagged(draft.checks))) return;
  const stored =
    draft.target.kind === 'results' ? data.version : (data.turnout[draft.target.slotId]?.version ?? 0);
  const basedOn = Math.max(stored, outbox.latestAnswered(data.electionId, data.section.id, draft.target));
  outbox.add({
    electionId: data.electionId,
    sectionId: data.section.id,
    target: draft.target,
    body: draft.body,
    basedOn,
  });
  dirty.delete(formKey(form));
  render();
  announce(t().outbox.saved);
  await flush();
}

/** Sends what waits; says aloud what the server answered, and shows what it now stores. */
async function flush() {
  if (!outbox.waiting() || sending) return;
  sending = true;
  renderOutboxOnly();
  const before = new Map(outbox.items().map((i) => [i.id, i.state.name]));
  const result = await outbox.flush();
  sending = false;
  const changed = outbox.items().filter((i) => i.state.name !== 'saved' && before.get(i.id) !== i.state.name);
  if (data && changed.length)
    announce(
      changed
        .map((i) => {
          const line = outboxLineText(i, data as SectionData, language);
          return `${line.what}: ${line.state}`;
        })
        .join(' '),
    );
  if (result === 'unauthorized') return renderSignIn(t().signIn.revoked);
  if (changed.length) await refresh();
  else renderOutboxOnly();
}

/** Reads the section again from the server; offline, keeps the last copy and says so. */
async function refresh() {
  if (!data) return;
  const fresh = await sectionData(
    deviceStore.tokenFor(data.electionId, data.section.id),
    data.electionId,
    data.section.id,
  );
  if (fresh === 'unauthorized') return renderSignIn(t().signIn.revoked);
  if (fresh) {
    data = fresh;
    staleData = false;
    deviceStore.saveSection(data);
  } else staleData = true;
  render();
}

async function signIn(token: string) {
  const session = await sessionOf(token);
  if (session === 'unreachable') {
    // Offline with this section already loaded on this phone: carry on with the saved copy.
    const saved = deviceStore.section();
    const current = deviceStore.current();
    if (saved && current && deviceStore.tokenFor(current.electionId, current.sectionId) === token) {
      data = saved;
      staleData = true;
      render();
      return document.getElementById('page-title')?.focus();
    }
    return renderSignIn(t().signIn.unreachable);
  }
  if (session === 'unauthorized') return renderSignIn(t().signIn.invalid);
  if (session.role !== 'officer') return renderSignIn(t().signIn.staff);
  deviceStore.saveToken(session.electionId, session.sectionId, token);
  const fresh = await sectionData(token, session.electionId, session.sectionId);
  if (!fresh || fresh === 'unauthorized') return renderSignIn(t().signIn.unreachable);
  data = fresh;
  deviceStore.saveSection(data);
  staleData = false;
  render();
  document.getElementById('page-title')?.focus();
  await flush();
}

function signOut() {
  const waiting = outbox.waiting();
  if (waiting && !window.confirm(t().signOutWithWaiting(waiting))) return;
  deviceStore.forgetAll();
  dirty.clear();
  renderSignIn();
}

root.addEventListener('submit', (event) => {
  const form = event.target as HTMLFormElement;
  if (!form.dataset.form) return;
  event.preventDefault();
  if (form.dataset.form === 'sign-in') void signIn(String(new FormData(form).get('token') ?? '').trim());
  else void submit(form);
});
root.addEventListener('input', (event) => {
  const form = (event.target as HTMLElement).closest<HTMLFormElement>('form[data-form]');
  if (!form || form.dataset.form === 'sign-in') return;
  dirty.add(formKey(form));
  updateChecks(form);
});
root.addEventListener('click', (event) => {
  const target = event.target as HTMLElement;
  const action = target.closest<HTMLElement>('[data-action]')?.dataset.action;
  if (action === 'language') {
    language = language === 'it' ? 'en' : 'it';
    deviceStore.saveLanguage(language);
    document.documentElement.lang = language;
    data ? render() : renderSignIn();
    document.getElementById('language')?.focus();
  } else if (action === 'show-token') {
    const input = document.getElementById('token') as HTMLInputElement | null;
    if (input) input.type = (target as HTMLInputElement).checked ? 'text' : 'password';
  } else if (action === 'sign-out') signOut();
  else if (action === 'reload') {
    dirty.delete('results');
    for (const key of [...dirty]) if (key.startsWith('turnout:')) dirty.delete(key);
    void refresh().then(() => document.getElementById('h-results')?.focus());
  } else if (action === 'clear-outbox') {
    outbox.clearAnswered();
    render();
  }
});
window.addEventListener('online', () => {
  updateConnection();
  void flush();
});
window.addEventListener('offline', updateConnection);
// A phone that never says it came back online still retries now and then.
setInterval(() => void flush(), 15_000);

// The app itself stays on the phone, so it opens where there is no signal (service-worker.ts).
void navigator.serviceWorker?.register('/officer/sw.js', { scope: '/officer/' }).catch(() => undefined);

document.documentElement.lang = language;
const linked = tokenFromLink();
const current = deviceStore.current();
const remembered = current ? deviceStore.tokenFor(current.electionId, current.sectionId) : '';
if (linked || remembered) void signIn(linked ?? remembered);
else renderSignIn();
