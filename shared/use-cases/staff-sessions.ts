/**
 * Staff sign in with username, password and one-time code, for at most 12 hours; the first
 * sign-in's session serves only the change of the initial password (docs/interface.md, Staff accounts). A
 * wrong password or code answers the same 401; repeated failures, counted per address and per
 * username, answer 429 instead, but a correct password and code always open a session.
 */
import {
  changeStaffPassword,
  closeStaffSession,
  getStaffAccount,
  openStaffSession,
  type StaffAccount,
} from '../db/staff-accounts.js';
import { credentialOf } from '../domain/actor.js';
import { hashPassword, verifyPassword } from '../domain/passwords.js';
import { PasswordChangeBodySchema, SESSION_HOURS, SignInBodySchema } from '../domain/staff.js';
import { generateToken, hashToken } from '../domain/tokens.js';
import { stepOfCode } from '../domain/totp.js';
import { ConcurrentWriteError, UnauthorizedError } from '../errors.js';
import { refuseFailedAttempt } from './failed-attempts.js';
import { parseOrThrow } from './validation.js';

const WRONG = 'wrong username, password or code';

/** A hash to verify against when there is no such account, so its absence takes as long. */
let decoy: Promise<string> | undefined;
const decoyHash = () => {
  decoy ??= hashPassword('no such account, no such password');
  return decoy;
};

/** The account when the password and code are right and the code not used before; else undefined. */
async function checkedSignIn(username: string, password: string, otp: string) {
  const account = await getStaffAccount(username);
  const passwordRight = await verifyPassword(password, account?.secrets.passwordHash ?? (await decoyHash()));
  if (!account || account.disabled || !passwordRight) return undefined;
  const step = stepOfCode(account.secrets.totpSecret, otp);
  if (step === undefined || step <= account.secrets.lastOtpStep) return undefined;
  return { account, step };
}

/** Counts a failure against the address and the username; past the limit of either, 429. */
const refuse = (client: string, username: string): Promise<never> =>
  refuseFailedAttempt(
    [client, `account:${username}`],
    WRONG,
    'too many failed sign-ins: try again in a minute',
  );

export async function signIn(body: unknown, client: string) {
  const request = parseOrThrow(SignInBodySchema, body, 'sign-in');
  const checked = await checkedSignIn(request.username, request.password, request.otp);
  if (!checked) return refuse(client, request.username);
  const { account, step } = checked;
  const token = generateToken();
  const tokenHash = hashToken(token);
  const expiresAt = Math.floor(Date.now() / 1000) + SESSION_HOURS * 3600;
  // Refused only when the same code opened a session meanwhile, or the account just changed.
  if (!(await openStaffSession(account, tokenHash, credentialOf(tokenHash), step, expiresAt)))
    return refuse(client, request.username);
  return {
    token,
    expiresAt: new Date(expiresAt * 1000).toISOString(),
    username: account.username,
    name: account.name,
    role: account.role,
    elections: account.elections,
    passwordChangeRequired: account.passwordChangeRequired,
  };
}

/** The session's own account, as stored now. */
async function accountOf(username: string): Promise<StaffAccount> {
  const account = await getStaffAccount(username);
  if (!account || account.disabled) throw new UnauthorizedError('this account is disabled');
  return account;
}

export interface SessionCaller {
  tokenHash: string;
  credential: string;
  username: string;
}

export async function signOut(session: SessionCaller) {
  const account = await accountOf(session.username);
  if (!(await closeStaffSession(account, session.tokenHash, session.credential)))
    throw new UnauthorizedError('this session has already ended');
  return { signedOut: true };
}

export async function changePassword(session: SessionCaller, body: unknown) {
  const request = parseOrThrow(PasswordChangeBodySchema, body, 'password');
  const account = await accountOf(session.username);
  const passwordHash = await hashPassword(request.password);
  if (!(await changeStaffPassword(account, passwordHash, session.tokenHash, session.credential)))
    throw new ConcurrentWriteError('the account changed at the same moment: try again');
  return { passwordChangeRequired: false };
}
