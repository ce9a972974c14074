/**
 * The officer app (bundled for the browser): sign in with the section's code, see what is
 * stored, send turnout readings and the count through the outbox, with the server's own
 * schemas and checks running as the officer types. This file wires the page's events to the
 * state (state.ts), the screen (screen.ts), the sending (sync.ts) and signing in (session.ts).
 */

import { acknowledge, BROADCAST_POLL_MS, pollBroadcasts } from './broadcasts.js';
import { deviceStore } from './device-store.js';
import { formKey } from './drafts.js';
import { updateChecks } from './live-checks.js';
import { sendSubmission } from './officer-api.js';
import { createOutbox } from './outbox.js';
import { render, renderSignIn, updateConnection } from './screen.js';
import { signIn, signOut } from './session.js';
import { type App, createAppState, forgetTypedForms, otherLanguage, tokenInFragment } from './state.js';
import { submitForm } from './submit-form.js';
import { flush, refresh } from './sync.js';

const root = document.getElementById('app') as HTMLElement;

const app: App = {
  state: createAppState(deviceStore.language()),
  outbox: createOutbox({
    load: deviceStore.outbox,
    save: deviceStore.saveOutbox,
    send: (item) => sendSubmission(deviceStore.tokenFor(item.electionId, item.sectionId), item),
    newId: () => crypto.randomUUID(),
    now: () => new Date().toISOString(),
  }),
};
const { state } = app;

/** A code from a printed sheet's link (`/officer/#token=...`), taken out of the address bar at once. */
function tokenFromLink(): string | undefined {
  const fromLink = tokenInFragment(location.hash);
  if (fromLink) history.replaceState(null, '', location.pathname + location.search);
  return fromLink;
}

function switchLanguage() {
  state.language = otherLanguage(state.language);
  deviceStore.saveLanguage(state.language);
  document.documentElement.lang = state.language;
  state.data ? render(app) : renderSignIn(app);
  document.getElementById('language')?.focus();
}

root.addEventListener('submit', (event) => {
  const form = event.target as HTMLFormElement;
  if (!form.dataset.form) return;
  event.preventDefault();
  if (form.dataset.form === 'sign-in')
    void signIn(app, String(new FormData(form).get('token') ?? '').trim()).then(() => pollBroadcasts(app));
  else void submitForm(app, form);
});
root.addEventListener('input', (event) => {
  const form = (event.target as HTMLElement).closest<HTMLFormElement>('form[data-form]');
  if (!form || form.dataset.form === 'sign-in') return;
  state.dirty.add(formKey(form));
  updateChecks(form, state);
});
root.addEventListener('click', (event) => {
  const target = event.target as HTMLElement;
  const action = target.closest<HTMLElement>('[data-action]')?.dataset.action;
  if (action === 'language') switchLanguage();
  else if (action === 'show-token') {
    const input = document.getElementById('token') as HTMLInputElement | null;
    if (input) input.type = (target as HTMLInputElement).checked ? 'text' : 'password';
  } else if (action === 'sign-out') signOut(app);
  else if (action === 'reload') {
    forgetTypedForms(state.dirty);
    void refresh(app).then(() => document.getElementById('h-results')?.focus());
  } else if (action === 'acknowledge') {
    void acknowledge(app, target.closest<HTMLElement>('[data-message]')?.dataset.message ?? '');
  } else if (action === 'clear-outbox') {
    app.outbox.clearAnswered();
    render(app);
  }
});
window.addEventListener('online', () => {
  updateConnection(app);
  void flush(app);
  void pollBroadcasts(app);
});
document.addEventListener('visibilitychange', () => void pollBroadcasts(app));
// The municipality's messages, and the section's heartbeat on the staff page.
setInterval(() => void pollBroadcasts(app), BROADCAST_POLL_MS);
window.addEventListener('offline', () => updateConnection(app));
// A phone that never says it came back online still retries now and then.
setInterval(() => void flush(app), 15_000);

// The app itself stays on the phone, so it opens where there is no signal (service-worker.ts).
void navigator.serviceWorker?.register('/officer/sw.js', { scope: '/officer/' }).catch(() => undefined);

document.documentElement.lang = state.language;
const linked = tokenFromLink();
const current = deviceStore.current();
const remembered = current ? deviceStore.tokenFor(current.electionId, current.sectionId) : '';
if (linked || remembered) void signIn(app, linked ?? remembered).then(() => pollBroadcasts(app));
else renderSignIn(app);
