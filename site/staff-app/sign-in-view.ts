/** The staff page's sign-in: the staff code and the election's id, with why the last attempt failed. Pure. */
import { escapeHtml } from '../../shared/pages/html.js';
import { languageButton } from './language-switch.js';
import { STAFF_MESSAGES, type StaffLanguage } from './messages.js';

export function renderSignInPage(options: {
  language: StaffLanguage;
  election: string;
  error: string;
}): string {
  const { language, election, error } = options;
  const t = STAFF_MESSAGES[language];
  return `<header class="bar"><div class="actions">${languageButton(language)}</div><h1 id="page-title" tabindex="-1">${t.title}</h1></header>
<form class="card" data-form="sign-in" novalidate><div class="field"><label for="token">${t.signIn.token}</label><input id="token" name="token" type="password" autocomplete="off" required></div>
<div class="field"><label for="election">${t.signIn.election}</label><input id="election" name="election" autocomplete="off" required value="${escapeHtml(election)}"></div>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}<button type="submit">${t.signIn.button}</button></form>`;
}
