/**
 * The staff page's sign-in: a person's username, password and one-time code, or (after a deploy,
 * before any account exists, or when accounts cannot be used) the break-glass staff token; the
 * election to open; why the last attempt failed. Then the change of an initial password. Pure.
 */

import { MIN_PASSWORD_LENGTH } from '../../shared/domain/staff-roles.js';
import { escapeHtml } from '../../shared/pages/html.js';
import { languageButton } from './language-switch.js';
import { STAFF_MESSAGES, type StaffLanguage } from './messages.js';

const said = (error: string, notice: string) =>
  `${notice ? `<p class="notice" role="status">${escapeHtml(notice)}</p>` : ''}${
    error ? `<p class="error" role="alert" tabindex="-1">${escapeHtml(error)}</p>` : ''
  }`;

export function renderSignInPage(options: {
  language: StaffLanguage;
  mode: 'account' | 'token';
  election: string;
  error: string;
  notice: string;
}): string {
  const { language, mode, election, error, notice } = options;
  const t = STAFF_MESSAGES[language];
  const s = t.signIn;
  const electionField = (required: boolean) =>
    `<div class="field stacked"><label for="election">${required ? s.election : s.electionOptional}</label><input id="election" name="election" autocomplete="off"${required ? ' required' : ''} value="${escapeHtml(election)}"></div>`;
  const form =
    mode === 'account'
      ? `<form class="card" data-form="sign-in-account" novalidate><h2 id="h-sign-in">${s.accountHeading}</h2>
<div class="field stacked"><label for="username">${s.username}</label><input id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required></div>
<div class="field stacked"><label for="password">${s.password}</label><input id="password" name="password" type="password" autocomplete="current-password" required></div>
<div class="field stacked"><label for="otp">${s.otp}</label><input id="otp" name="otp" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" aria-describedby="otp-hint" required><span id="otp-hint" class="muted">${s.otpHint}</span></div>
${electionField(false)}
${said(error, notice)}<button type="submit">${s.button}</button></form>
<p><button type="button" class="link" data-action="sign-in-with" data-mode="token">${s.withToken}</button></p>`
      : `<form class="card" data-form="sign-in" novalidate><h2 id="h-sign-in">${s.tokenHeading}</h2><p class="muted">${s.tokenIntro}</p>
<div class="field"><label for="token">${s.token}</label><input id="token" name="token" type="password" autocomplete="off" required></div>
${electionField(true)}
${said(error, notice)}<button type="submit">${s.button}</button></form>
<p><button type="button" class="link" data-action="sign-in-with" data-mode="account">${s.withAccount}</button></p>`;
  return `<header class="bar"><div class="actions">${languageButton(language)}</div><h1 id="page-title" tabindex="-1">${t.title}</h1></header>
${form}`;
}

/** The first sign-in's only step: a new password of the person's own, typed twice. */
export function renderPasswordPage(options: {
  language: StaffLanguage;
  username: string;
  error: string;
}): string {
  const { language, username, error } = options;
  const t = STAFF_MESSAGES[language];
  const p = t.password;
  return `<header class="bar"><div class="actions">${languageButton(language)}<button type="button" id="sign-out" data-action="sign-out" class="secondary">${t.signOut}</button></div><h1 id="page-title" tabindex="-1">${p.heading}</h1></header>
<form class="card" data-form="password" novalidate><p>${p.intro(escapeHtml(username))}</p>
<input type="text" name="username" autocomplete="username" value="${escapeHtml(username)}" hidden>
<div class="field stacked"><label for="new-password">${p.password}</label><input id="new-password" name="password" type="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" aria-describedby="password-hint" required><span id="password-hint" class="muted">${p.hint(MIN_PASSWORD_LENGTH)}</span></div>
<div class="field stacked"><label for="confirm-password">${p.confirm}</label><input id="confirm-password" name="confirm" type="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required></div>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}<button type="submit">${p.button}</button></form>`;
}
