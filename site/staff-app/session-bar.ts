/**
 * The header of every signed-in screen: who is signed in, with which role, on which elections and
 * until when; the way to the other screens this role has; the language switch and signing out.
 * Pure.
 */
import { escapeHtml } from '../../shared/pages/html.js';
import { offerTo } from './access.js';
import { languageButton } from './language-switch.js';
import { STAFF_MESSAGES, type StaffLanguage } from './messages.js';
import type { StaffSession } from './state.js';

/** Date and time of day in the page's language, for the session's end. */
export const dateTimeOf = (iso: string, language: StaffLanguage) =>
  new Date(iso).toLocaleString(language === 'it' ? 'it-IT' : 'en-GB', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });

/** Who, role, scope, until: one line under the heading. */
export function sessionLine(session: StaffSession, language: StaffLanguage): string {
  const s = STAFF_MESSAGES[language].session;
  const who =
    session.kind === 'token'
      ? s.token
      : s.signedInAs(escapeHtml(session.name ?? session.username ?? ''), escapeHtml(session.username ?? ''));
  const scope =
    session.elections === 'all' ? s.scopeAll : s.scope(session.elections.map(escapeHtml).join(', '));
  const until = session.expiresAt ? ` · ${s.until(dateTimeOf(session.expiresAt, language))}` : '';
  return `<p class="muted" id="session-who">${who} · <span id="session-role">${s.roleLabel}: <strong>${s.roles[session.role]}</strong></span> · <span id="session-scope">${scope}</span>${until}</p>`;
}

/** The header's buttons, for the screen shown: the election, the choice of one, or the accounts. */
export function headerActions(
  session: StaffSession,
  language: StaffLanguage,
  screen: 'election' | 'home' | 'accounts',
  options: { electionOpen?: boolean } = {},
): string {
  const t = STAFF_MESSAGES[language];
  const button = (id: string, action: string, label: string) =>
    `<button type="button" id="${id}" data-action="${action}" class="secondary">${label}</button>`;
  return `<div class="actions">${languageButton(language)}${
    screen === 'election' ? button('reload', 'reload', t.reload) : ''
  }${screen === 'election' ? button('to-elections', 'choose', t.session.otherElection) : ''}${
    screen !== 'accounts' && offerTo(session).accounts
      ? button('to-accounts', 'accounts', t.session.accounts)
      : ''
  }${
    screen === 'accounts'
      ? button('back', 'back', options.electionOpen ? t.session.backToElection : t.session.backToElections)
      : ''
  }${button('sign-out', 'sign-out', t.signOut)}</div>`;
}
