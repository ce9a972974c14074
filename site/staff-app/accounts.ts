/**
 * What an admin does to staff accounts from the page: lists them, creates one (its initial
 * password, its one-time-code secret and that secret's QR code, drawn here in the browser, are
 * shown once and kept nowhere), changes one's name, role or elections, disables one (its
 * sessions end at once). Each reads the accounts again and says how it went.
 */
import QRCode from 'qrcode';
import { scopeTyped } from './access.js';
import { STAFF_MESSAGES } from './messages.js';
import { announce, render } from './screen.js';
import { call, putJson } from './staff-api.js';
import { type AccountView, errorText, type Said, type StaffState } from './state.js';

const accountPath = (username: string) => `/admin/staff/${encodeURIComponent(username)}`;

/** Reads the accounts again and shows them, with what the last operation said. */
export async function loadAccounts(state: StaffState, notice?: Said): Promise<void> {
  const answer = await call('/admin/staff');
  state.accounts =
    answer.status === 200 ? ((answer.body as { accounts: AccountView[] }).accounts ?? []) : undefined;
  state.view = 'accounts';
  state.notice = answer.status === 200 ? notice : (t) => t.accounts.failed(errorText(answer)(t));
  render(state);
  if (notice) announce(notice(STAFF_MESSAGES[state.language]));
}

/** The accounts' screen, from the header's button. */
export async function showAccounts(state: StaffState): Promise<void> {
  state.created = undefined;
  state.editing = undefined;
  await loadAccounts(state);
  document.getElementById('page-title')?.focus();
}

const bodyOf = (data: FormData) => ({
  name: String(data.get('name') ?? '').trim(),
  role: String(data.get('role') ?? ''),
  elections: scopeTyped(String(data.get('elections') ?? '')),
});

export async function createAccount(state: StaffState, form: HTMLFormElement): Promise<void> {
  const data = new FormData(form);
  const username = String(data.get('username') ?? '').trim();
  // A PUT of an account in use changes it and keeps its credentials: creating is for new names only.
  const existing = state.accounts?.find((a) => a.username === username && !a.disabled);
  if (existing) return loadAccounts(state, (t) => t.accounts.exists(username));
  const answer = await putJson(accountPath(username), bodyOf(data));
  const created = answer.body as {
    username: string;
    name: string;
    password?: string;
    totpSecret?: string;
    otpauthUri?: string;
  } | null;
  if (answer.status !== 200 || !created?.password || !created.totpSecret || !created.otpauthUri)
    return loadAccounts(state, (t) =>
      answer.status === 200 ? t.accounts.exists(username) : t.accounts.failed(errorText(answer)(t)),
    );
  state.created = {
    username: created.username,
    name: created.name,
    password: created.password,
    totpSecret: created.totpSecret,
    otpauthUri: created.otpauthUri,
    qrSvg: await QRCode.toString(created.otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
  };
  state.editing = undefined;
  await loadAccounts(state, (t) => t.accounts.createdNotice(username));
  document.getElementById('h-created')?.focus();
}

export async function changeAccount(state: StaffState, form: HTMLFormElement): Promise<void> {
  const username = form.dataset.username ?? '';
  const wasDisabled = state.accounts?.find((a) => a.username === username)?.disabled === true;
  const answer = await putJson(accountPath(username), bodyOf(new FormData(form)));
  if (answer.status !== 200) return loadAccounts(state, (t) => t.accounts.failed(errorText(answer)(t)));
  const enabled = answer.body as { password?: string; totpSecret?: string; otpauthUri?: string };
  state.editing = undefined;
  // A disabled account enabled again gets fresh credentials: shown once, as for a new one.
  if (wasDisabled && enabled.password && enabled.totpSecret && enabled.otpauthUri) {
    const { password, totpSecret, otpauthUri } = enabled;
    state.created = {
      username,
      name: String((answer.body as { name?: string }).name ?? ''),
      password,
      totpSecret,
      otpauthUri,
      qrSvg: await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
    };
    await loadAccounts(state, (t) => t.accounts.createdNotice(username));
    document.getElementById('h-created')?.focus();
    return;
  }
  await loadAccounts(state, (t) => t.accounts.changed(username));
  document.getElementById('h-accounts')?.focus();
}

export async function disableAccount(state: StaffState, username: string): Promise<void> {
  const answer = await call(accountPath(username), { method: 'DELETE' });
  state.editing = undefined;
  await loadAccounts(state, (t) =>
    answer.status === 200 ? t.accounts.disabledNotice(username) : t.accounts.failed(errorText(answer)(t)),
  );
}

/** Opens the form that changes an account (or closes it), below the list. */
export function editAccount(state: StaffState, username: string | undefined): void {
  state.editing = username;
  state.notice = undefined;
  render(state);
  document.getElementById(username ? 'h-account-edit' : 'h-accounts')?.focus();
}

/** The admin has kept the new account's secrets: off the page, for good. */
export function dismissCreated(state: StaffState): void {
  state.created = undefined;
  render(state);
  document.getElementById('h-account-new')?.focus();
}
