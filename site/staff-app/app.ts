/**
 * The staff page (bundled for the browser): sign in with the staff token, pick the election,
 * review what is flagged, watch what is missing, issue codes, download the exports, certify,
 * in Italian or English. This file wires the page's events to the state (state.ts), the screen
 * (screen.ts), signing in (session.ts), the operations and the downloads.
 */
import { downloadAudit, downloadExport } from './downloads.js';
import { otherLanguage } from './messages.js';
import { certify, codes, review } from './operations.js';
import { render, renderKeepingForms } from './screen.js';
import { load, signIn, signOut } from './session.js';
import { staffStore } from './staff-store.js';
import { createStaffState } from './state.js';

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

root.addEventListener('submit', (event) => {
  const form = event.target as HTMLFormElement;
  event.preventDefault();
  if (form.dataset.form === 'sign-in') void signIn(state, form);
  else if (form.dataset.form === 'review') void review(state, form);
  else if (form.dataset.form === 'codes') void codes(state, form);
  else if (form.dataset.form === 'certify') void certify(state, form);
});
root.addEventListener('click', (event) => {
  const target = (event.target as HTMLElement).closest<HTMLElement>('[data-action]');
  const action = target?.dataset.action;
  if (action === 'language') switchLanguage();
  else if (action === 'reload') void load(state);
  else if (action === 'export') void downloadExport(state, target?.dataset.format ?? 'csv');
  else if (action === 'audit') void downloadAudit(state);
  else if (action === 'sign-out') signOut(state);
});

document.documentElement.lang = state.language;
if (staffStore.hasToken()) void load(state);
else render(state);
