/**
 * Puts the staff page's views on the page from its state: the sign-in, the change of an initial
 * password, the choice of an election, the election, or the accounts; says a notice aloud once;
 * and, when the language changes, draws the same page again keeping what was typed or chosen in
 * its forms.
 */
import { renderAccountsPage } from './accounts-view.js';
import { renderElectionPage } from './election-view.js';
import { renderHomePage } from './home-view.js';
import { STAFF_MESSAGES } from './messages.js';
import { renderPasswordPage, renderSignInPage } from './sign-in-view.js';
import { staffStore } from './staff-store.js';
import type { StaffState } from './state.js';

const root = () => document.getElementById('app') as HTMLElement;

/** Said once, from a region that outlives the re-render. */
export function announce(text: string): void {
  const announcer = document.getElementById('announcer');
  if (announcer && text) announcer.textContent = text;
}

/** The election's id to sign in to: from the address (`?election=`), else this tab's last. */
const electionToOpen = () => new URLSearchParams(location.search).get('election') ?? staffStore.election();

export function render(state: StaffState): void {
  const t = STAFF_MESSAGES[state.language];
  const { language, session } = state;
  const notice = state.notice?.(t) ?? '';
  const error = state.signInError?.(t) ?? '';
  document.title = state.overview && session ? t.titleOf(state.overview.name) : t.title;
  if (!session) {
    root().innerHTML = renderSignInPage({
      language,
      mode: state.signInWith,
      election: electionToOpen(),
      error,
      notice,
    });
  } else if (session.passwordChangeRequired) {
    root().innerHTML = renderPasswordPage({ language, username: session.username ?? '', error });
  } else if (state.view === 'accounts') {
    root().innerHTML = renderAccountsPage({
      language,
      session,
      accounts: state.accounts,
      created: state.created,
      editing: state.editing,
      electionOpen: state.overview !== undefined,
      notice,
    });
  } else if (!state.overview) {
    root().innerHTML = renderHomePage({ language, session, election: electionToOpen(), notice });
  } else {
    root().innerHTML = renderElectionPage(state.overview, state.quarantine, {
      language,
      notice,
      session,
      certifyApprovals: state.certifyApprovals,
      history: state.history,
      watchLateOnly: state.watchLateOnly,
    });
  }
}

/** Draws the page again (in another language) with the values typed and the choices made kept. */
export function renderKeepingForms(state: StaffState): void {
  const inputs = () => [...root().querySelectorAll<HTMLInputElement>('input')];
  const typed = inputs().map((input) => ({ value: input.value, checked: input.checked }));
  render(state);
  const fresh = inputs();
  if (fresh.length !== typed.length) return;
  fresh.forEach((input, index) => {
    const kept = typed[index];
    if (!kept) return;
    input.value = kept.value;
    input.checked = kept.checked;
  });
}
