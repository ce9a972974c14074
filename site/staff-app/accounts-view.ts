/**
 * An admin's screen of staff accounts: the account just created with its initial password, its
 * one-time-code secret and that secret's QR code, shown this once; the form to create one; every
 * account within the admin's scope, each to change (name, role, elections) or disable. Pure.
 */
import { STAFF_ROLES, type StaffScope } from '../../shared/domain/staff-roles.js';
import { escapeHtml } from '../../shared/pages/html.js';
import { STAFF_MESSAGES, type StaffLanguage, type StaffMessages } from './messages.js';
import { headerActions, sessionLine } from './session-bar.js';
import type { AccountView, CreatedAccount, StaffSession } from './state.js';

/** A base32 secret in groups of four, easier to read and type into an authenticator app. */
export const groupedSecret = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

const scopeText = (scope: StaffScope, t: StaffMessages) =>
  scope === 'all' ? t.accounts.allElections : scope.map(escapeHtml).join(', ');

const scopeValue = (scope: StaffScope, t: StaffMessages) =>
  scope === 'all' ? t.accounts.allWord : scope.join(', ');

function roleSelect(id: string, t: StaffMessages, chosen?: string): string {
  return `<select id="${id}" name="role" required>${STAFF_ROLES.map(
    (role) =>
      `<option value="${role}"${role === chosen ? ' selected' : ''}>${t.session.roles[role]}</option>`,
  ).join('')}</select>`;
}

/** Name, role and elections: the same fields to create an account and to change one. */
function accountFields(prefix: string, t: StaffMessages, account?: AccountView): string {
  const a = t.accounts;
  return `<div class="field stacked"><label for="${prefix}-name">${a.name}</label><input id="${prefix}-name" name="name" autocomplete="off" maxlength="200" required value="${escapeHtml(account?.name ?? '')}"></div>
<div class="field stacked"><label for="${prefix}-role">${a.role}</label>${roleSelect(`${prefix}-role`, t, account?.role)}</div>
<div class="field stacked"><label for="${prefix}-elections">${a.elections}</label><input id="${prefix}-elections" name="elections" autocomplete="off" required aria-describedby="${prefix}-elections-hint" value="${escapeHtml(account ? scopeValue(account.elections, t) : '')}"><span id="${prefix}-elections-hint" class="muted">${a.electionsHint}</span></div>`;
}

function createdPanel(created: CreatedAccount, t: StaffMessages): string {
  const c = t.accounts.created;
  return `<section aria-labelledby="h-created" class="card secret-panel" id="created-account"><h2 id="h-created" tabindex="-1">${c.heading(escapeHtml(created.username))}</h2>
<p class="error">${c.once}</p>
<dl class="secrets"><dt>${t.accounts.username}</dt><dd><code id="created-username">${escapeHtml(created.username)}</code></dd>
<dt>${c.password}</dt><dd><code id="created-password">${escapeHtml(created.password)}</code></dd>
<dt>${c.secret}</dt><dd><code id="created-secret">${escapeHtml(groupedSecret(created.totpSecret))}</code></dd></dl>
<div class="qr" role="img" aria-label="${escapeHtml(c.qrLabel(created.username))}">${created.qrSvg}</div>
<p>${c.howTo}</p>
<button type="button" data-action="created-dismiss">${c.dismiss}</button></section>`;
}

function accountRow(account: AccountView, t: StaffMessages): string {
  const a = t.accounts;
  const state = account.disabled
    ? a.disabled
    : account.passwordChangeRequired
      ? a.passwordToChange
      : a.active;
  return `<tr data-account="${escapeHtml(account.username)}"><th scope="row"><code>${escapeHtml(account.username)}</code></th><td>${escapeHtml(account.name)}</td><td>${t.session.roles[account.role]}</td><td>${scopeText(account.elections, t)}</td><td>${state}</td><td><button type="button" class="secondary" data-action="account-edit" data-username="${escapeHtml(account.username)}" aria-label="${escapeHtml(a.editOne(account.username))}">${a.edit}</button></td></tr>`;
}

function editForm(account: AccountView, t: StaffMessages): string {
  const a = t.accounts;
  return `<form class="card" data-form="account-change" data-username="${escapeHtml(account.username)}" aria-labelledby="h-account-edit"><h3 id="h-account-edit" tabindex="-1">${a.editHeading(escapeHtml(account.username))}</h3>
${account.disabled ? `<p class="notice">${a.enableAgain}</p>` : ''}${accountFields('edit', t, account)}
<button type="submit">${account.disabled ? a.enable : a.save}</button>
<div class="actions start">${account.disabled ? '' : `<button type="button" class="secondary" data-action="account-disable" data-username="${escapeHtml(account.username)}">${a.disable}</button>`}<button type="button" class="secondary" data-action="account-cancel">${a.cancel}</button></div>
${account.disabled ? '' : `<p class="muted">${a.disableNote}</p>`}</form>`;
}

export function renderAccountsPage(options: {
  language: StaffLanguage;
  session: StaffSession;
  accounts: AccountView[] | undefined;
  created: CreatedAccount | undefined;
  editing: string | undefined;
  electionOpen: boolean;
  notice: string;
}): string {
  const { language, session, accounts, created, editing, notice } = options;
  const t = STAFF_MESSAGES[language];
  const a = t.accounts;
  const edited = accounts?.find((account) => account.username === editing);
  const list = !accounts
    ? `<p class="error">${a.unreadable}</p>`
    : !accounts.length
      ? `<p class="muted">${a.none}</p>`
      : `<table><caption>${a.caption}</caption><thead><tr><th scope="col">${a.username}</th><th scope="col">${a.name}</th><th scope="col">${a.role}</th><th scope="col">${a.electionsColumn}</th><th scope="col">${a.state}</th><th scope="col"><span class="visually-hidden">${a.edit}</span></th></tr></thead><tbody>${accounts
          .map((account) => accountRow(account, t))
          .join('')}</tbody></table>`;
  return `<header class="bar">${headerActions(session, language, 'accounts', { electionOpen: options.electionOpen })}<h1 id="page-title" tabindex="-1">${a.heading}</h1>
${sessionLine(session, language)}
${notice ? `<p class="notice">${escapeHtml(notice)}</p>` : ''}</header>
${created ? createdPanel(created, t) : ''}
<section aria-labelledby="h-account-new"><h2 id="h-account-new" tabindex="-1">${a.createHeading}</h2>
<form class="card" data-form="account-create"><p>${a.createIntro}</p>
<div class="field stacked"><label for="new-username">${a.username}</label><input id="new-username" name="username" autocomplete="off" autocapitalize="none" spellcheck="false" pattern="[A-Za-z0-9_\\-]{1,64}" maxlength="64" aria-describedby="new-username-hint" required><span id="new-username-hint" class="muted">${a.usernameHint}</span></div>
${accountFields('new', t)}
<button type="submit">${a.create}</button></form></section>
<section aria-labelledby="h-accounts"><h2 id="h-accounts" tabindex="-1">${a.listHeading}</h2>${list}${edited ? editForm(edited, t) : ''}</section>`;
}
