/**
 * The staff page (bundled for the browser): sign in with a person's account (password and
 * one-time code) or the break-glass staff token, pick the election, review what is flagged, watch
 * what is missing and every polling station, message the stations, issue codes, download the
 * exports, certify, manage accounts, as far as the role goes, in Italian or English. This file wires the page's events to the state (state.ts),
 * the screen (screen.ts), signing in (session.ts), the operations, the accounts and the
 * downloads; a session that ends meanwhile (401) brings the sign-in back.
 */
import {
  changeAccount,
  createAccount,
  disableAccount,
  dismissCreated,
  editAccount,
  showAccounts,
} from './accounts.js';
import { defineElection } from './define-election.js';
import { downloadAudit, downloadExport } from './downloads.js';
import { readHistory } from './history.js';
import { otherLanguage } from './messages.js';
import { broadcast, certify, codes, review } from './operations.js';
import { render, renderKeepingForms } from './screen.js';
import {
  changePassword,
  endAtExpiry,
  load,
  openElection,
  resume,
  sessionEnded,
  signInWithAccount,
  signInWithToken,
  signOut,
} from './session.js';
import { SessionEndedError } from './staff-api.js';
import { staffStore } from './staff-store.js';
import { choosing, createStaffState } from './state.js';

const root = document.getElementById('app') as HTMLElement;
const state = createStaffState(staffStore.language());

/** The same page, in the other language: what is shown, typed and chosen stays. */
function switchLanguage() {
  state.language = otherLanguage(state.language);
  staffStore.saveLanguage(state.language);
  document.documentElement.lang = state.language;
  renderKeepingForms(state);
  document.getElementById('language')?.focus();
}

/** Runs an operation; one that finds the session ended returns to the sign-in, saying so. */
function run(operation: () => Promise<void> | void): void {
  Promise.resolve()
    .then(operation)
    .catch((error: unknown) => {
      if (error instanceof SessionEndedError) return sessionEnded(state, error.message);
      throw error;
    });
}

const forms: Record<string, (form: HTMLFormElement) => Promise<void> | void> = {
  'sign-in-account': (form) => signInWithAccount(state, form),
  'sign-in': (form) => signInWithToken(state, form),
  password: (form) => changePassword(state, form),
  'open-election': (form) => openElection(state, String(new FormData(form).get('election') ?? '').trim()),
  define: (form) => defineElection(state, form),
  history: (form) => readHistory(state, form),
  review: (form) => review(state, form),
  codes: (form) => codes(state, form),
  certify: (form) => certify(state, form),
  broadcast: (form) => broadcast(state, form),
  'account-create': (form) => createAccount(state, form),
  'account-change': (form) => changeAccount(state, form),
};

root.addEventListener('submit', (event) => {
  const form = event.target as HTMLFormElement;
  event.preventDefault();
  const handle = forms[form.dataset.form ?? ''];
  if (handle) run(() => handle(form));
});

root.addEventListener('click', (event) => {
  const target = (event.target as HTMLElement).closest<HTMLElement>('[data-action]');
  const action = target?.dataset.action;
  const username = target?.dataset.username ?? '';
  if (action === 'language') switchLanguage();
  else if (action === 'sign-in-with') {
    state.signInWith = target?.dataset.mode === 'token' ? 'token' : 'account';
    state.signInError = undefined;
    render(state);
    document.getElementById(state.signInWith === 'token' ? 'token' : 'username')?.focus();
  } else if (action === 'reload') run(() => load(state));
  else if (action === 'watch-filter') {
    state.watchLateOnly = !state.watchLateOnly;
    renderKeepingForms(state);
    document.querySelector<HTMLElement>('[data-action="watch-filter"]')?.focus();
  } else if (action === 'choose') {
    choosing(state);
    render(state);
    document.getElementById('page-title')?.focus();
  } else if (action === 'open') run(() => openElection(state, target?.dataset.election ?? ''));
  else if (action === 'accounts') run(() => showAccounts(state));
  else if (action === 'back') {
    state.created = undefined;
    state.editing = undefined;
    if (state.overview) run(() => load(state));
    else {
      choosing(state);
      render(state);
    }
  } else if (action === 'account-edit') editAccount(state, username);
  else if (action === 'account-cancel') editAccount(state, undefined);
  else if (action === 'account-disable') run(() => disableAccount(state, username));
  else if (action === 'created-dismiss') dismissCreated(state);
  else if (action === 'export') run(() => downloadExport(state, target?.dataset.format ?? 'csv'));
  else if (action === 'audit') run(() => downloadAudit(state));
  else if (action === 'sign-out') run(() => signOut(state));
});

document.documentElement.lang = state.language;
setInterval(() => endAtExpiry(state), 30_000);
if (staffStore.hasToken()) run(() => resume(state));
else render(state);
