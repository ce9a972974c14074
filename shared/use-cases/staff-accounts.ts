/**
 * An admin manages staff accounts (docs/interface.md, Staff accounts): creates one (its initial password and
 * one-time-code secret answered once, never stored in clear), changes its name, role or scope,
 * disables it (its sessions end at once: every request reads the account). An admin whose own
 * scope is some elections manages only accounts within them.
 */
import {
  getStaffAccount,
  listStaffAccounts as listAccounts,
  putNewStaffAccount,
  type StaffAccount,
  updateStaffAccount,
} from '../db/staff-accounts.js';
import type { Actor } from '../domain/actor.js';
import { hashPassword, newInitialPassword } from '../domain/passwords.js';
import {
  type StaffAccountBody,
  StaffAccountBodySchema,
  type StaffScope,
  scopeCovers,
} from '../domain/staff.js';
import { newTotpSecret, otpauthUri } from '../domain/totp.js';
import { ConcurrentWriteError, ForbiddenError, StaffAccountNotFoundError } from '../errors.js';
import { AGAIN, retrying } from '../retry.js';
import { parseOrThrow } from './validation.js';

/** The admin's own scope, which bounds what it may grant and whom it may change. */
export interface AccountAdmin {
  elections: StaffScope;
  by: Actor;
}

const ACCOUNT_RACES = {
  attempts: 4,
  baseMs: 25,
  maxMs: 500,
  exhausted: () => new ConcurrentWriteError('the account changed at the same moment: try again'),
};

/** An account as the API shows it: never a secret or a hash. */
export const accountView = (account: StaffAccount) => ({
  username: account.username,
  name: account.name,
  role: account.role,
  elections: account.elections,
  disabled: account.disabled,
  passwordChangeRequired: account.passwordChangeRequired,
  createdAt: account.createdAt,
  updatedAt: account.updatedAt,
});

function assertWithinScope(admin: AccountAdmin, elections: StaffScope) {
  if (!scopeCovers(admin.elections, elections))
    throw new ForbiddenError('an admin manages only accounts within the elections of its own scope');
}

const sameAs = (account: StaffAccount, body: StaffAccountBody) =>
  account.name === body.name &&
  account.role === body.role &&
  JSON.stringify(account.elections) === JSON.stringify(body.elections);

/**
 * Creates the account, or changes an enabled one (keeping its credentials, answering no secret);
 * a disabled account is enabled again with fresh credentials, so the old ones never return.
 */
export async function putStaffAccount(username: string, body: unknown, admin: AccountAdmin) {
  const request = parseOrThrow(StaffAccountBodySchema, body, 'staff account');
  assertWithinScope(admin, request.elections);
  let fresh: { password: string; passwordHash: string; totpSecret: string } | undefined;
  return retrying(ACCOUNT_RACES, async () => {
    const existing = await getStaffAccount(username);
    if (existing) assertWithinScope(admin, existing.elections);
    if (existing && !existing.disabled) {
      if (sameAs(existing, request)) return accountView(existing);
      const changed = await updateStaffAccount(existing, { ...request, disabled: false }, admin.by);
      return changed ? accountView(changed) : AGAIN;
    }
    if (!fresh) {
      const password = newInitialPassword();
      fresh = { password, passwordHash: await hashPassword(password), totpSecret: newTotpSecret() };
    }
    const created = await putNewStaffAccount(
      { username, ...request },
      { passwordHash: fresh.passwordHash, totpSecret: fresh.totpSecret },
      existing,
      admin.by,
    );
    if (!created) return AGAIN;
    return {
      ...accountView(created),
      password: fresh.password,
      totpSecret: fresh.totpSecret,
      otpauthUri: otpauthUri(fresh.totpSecret, username),
    };
  });
}

/** Disables the account: its sessions end at once. Disabling a disabled account changes nothing. */
export async function disableStaffAccount(username: string, admin: AccountAdmin) {
  return retrying(ACCOUNT_RACES, async () => {
    const existing = await getStaffAccount(username);
    if (!existing) throw new StaffAccountNotFoundError(`there is no staff account "${username}"`);
    assertWithinScope(admin, existing.elections);
    if (existing.disabled) return accountView(existing);
    const disabled = await updateStaffAccount(existing, { ...existing, disabled: true }, admin.by);
    return disabled ? accountView(disabled) : AGAIN;
  });
}

/** The accounts within the admin's scope. */
export async function listStaffAccounts(admin: Pick<AccountAdmin, 'elections'>) {
  const accounts = await listAccounts();
  return {
    accounts: accounts.filter((account) => scopeCovers(admin.elections, account.elections)).map(accountView),
  };
}
