/**
 * Puts the staff page's views on the page from its state: the election, or the sign-in; says
 * a notice aloud once; and, when the language changes, draws the same page again keeping what
 * was typed or chosen in its forms.
 */
import { renderElectionPage } from './election-view.js';
import { STAFF_MESSAGES } from './messages.js';
import { renderSignInPage } from './sign-in-view.js';
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
  if (!state.overview) {
    document.title = t.title;
    root().innerHTML = renderSignInPage({
      language: state.language,
      election: electionToOpen(),
      error: state.signInError?.(t) ?? '',
    });
    return;
  }
  document.title = t.titleOf(state.overview.name);
  root().innerHTML = renderElectionPage(state.overview, state.quarantine, {
    language: state.language,
    notice: state.notice?.(t) ?? '',
  });
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
