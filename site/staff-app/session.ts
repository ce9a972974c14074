/**
 * Signing in (with a person's username, password and one-time code, or with the break-glass
 * staff token), the change of an initial password, opening an election and reading it again
 * (after every operation, with what it said), and signing out. A session that ends while the
 * page is open (its hours are over, the account disabled) brings the sign-in back, saying so.
 */

import { MIN_PASSWORD_LENGTH } from '../../shared/domain/staff-roles.js';
import { callApi } from '../api-client.js';
import { offerTo } from './access.js';
import { STAFF_MESSAGES } from './messages.js';
import type { Overview, QuarantinedView } from './overview.js';
import { announce, render, renderKeepingForms } from './screen.js';
import { call, callAnswering, electionPath, postJson } from './staff-api.js';
import { staffStore } from './staff-store.js';
import {
  choosing,
  closed,
  errorText,
  opened,
  type Said,
  type StaffSession,
  type StaffState,
} from './state.js';

const focusTitle = () => document.getElementById('page-title')?.focus();

/** What `GET /v1/session` answers a staff token. */
interface SessionAnswer {
  role: string;
  staffRole?: StaffSession['role'];
  elections?: StaffSession['elections'];
  username?: string;
  expiresAt?: string;
}

/** The session as the API sees it now (an admin may have changed the role or scope meanwhile). */
function refreshed(state: StaffState, answer: { status: number; body: unknown }): void {
  const session = state.session;
  const body = answer.body as SessionAnswer | null;
  if (!session || answer.status !== 200 || body?.role !== 'staff') return;
  session.role = body.staffRole ?? session.role;
  session.elections = body.elections ?? session.elections;
  if (body.expiresAt) session.expiresAt = body.expiresAt;
  staffStore.saveSession(session);
}

/**
 * Reads the open election (and, for an account of every election, the quarantine) again and
 * shows it, with what the last operation said; with no election chosen, the choice of one.
 */
export async function load(state: StaffState, notice?: Said): Promise<void> {
  const electionId = state.overview?.electionId ?? staffStore.election();
  if (!electionId) {
    choosing(state, notice);
    return render(state);
  }
  const [answer, quarantine, session] = await Promise.all([
    call(`${electionPath(electionId)}/sections`),
    offerTo(state.session).quarantine ? call('/admin/quarantine') : undefined,
    call('/session'),
  ]);
  refreshed(state, session);
  if (answer.status === 0 && state.overview) {
    state.notice = (t) => [notice?.(t), t.unreachable].filter(Boolean).join(' ');
    return render(state);
  }
  if (answer.status !== 200) {
    choosing(state, (t) => t.home.notOpened(electionId, errorText(answer)(t)));
    return render(state);
  }
  const records =
    quarantine?.status === 200
      ? ((quarantine.body as { records?: QuarantinedView[] }).records ?? [])
      : undefined;
  opened(state, answer.body as Overview, records, notice);
  render(state);
  announce(notice?.(STAFF_MESSAGES[state.language]) ?? '');
}

/** Opens an election by its id (the choice of one, or the sign-in's). */
export async function openElection(state: StaffState, electionId: string): Promise<void> {
  staffStore.saveElection(electionId);
  choosing(state);
  await load(state);
  focusTitle();
}

/**
 * A full session: opens the election asked for (the address's `?election=`, the sign-in's, this
 * tab's last), or the account's only one; else the choice of one.
 */
async function enter(state: StaffState, notice?: Said): Promise<void> {
  const scope = state.session?.elections ?? [];
  const only = scope !== 'all' && scope.length === 1 ? scope[0] : undefined;
  const asked = staffStore.election() || only || '';
  const allowed = scope === 'all' || scope.includes(asked);
  if (asked && allowed) {
    staffStore.saveElection(asked);
    await load(state, notice);
  } else {
    // Asked for an election outside the account's scope: the choice of its own, saying so.
    choosing(state, asked && !allowed ? (t) => t.home.notInScope(asked) : notice);
    render(state);
  }
  focusTitle();
}

/** Says why a sign-in failed, keeping the username typed (a code once tried is typed anew). */
function refused(state: StaffState, error: Said): void {
  state.signInError = error;
  renderKeepingForms(state);
  const otp = document.getElementById('otp') as HTMLInputElement | null;
  if (otp) otp.value = '';
  document.querySelector<HTMLElement>('#app [role="alert"]')?.focus();
}

export async function signInWithAccount(state: StaffState, form: HTMLFormElement): Promise<void> {
  const data = new FormData(form);
  const username = String(data.get('username') ?? '').trim();
  const password = String(data.get('password') ?? '');
  const otp = String(data.get('otp') ?? '').replace(/\s/g, '');
  const election = String(data.get('election') ?? '').trim();
  if (!username || !password || !/^\d{6}$/.test(otp)) return refused(state, (t) => t.signIn.incomplete);
  staffStore.forgetToken();
  // No token: a sign-in's 401 is a wrong password or code, never an ended session.
  const answer = await callApi('', '/staff/sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, otp }),
  });
  if (answer.status === 'unreachable') return refused(state, (t) => t.unreachable);
  if (answer.status !== 200) {
    const status = answer.status;
    return refused(state, (t) =>
      status === 401
        ? t.signIn.wrong
        : status === 429
          ? t.signIn.throttled
          : status === 400
            ? t.signIn.incomplete
            : errorText(answer)(t),
    );
  }
  const body = answer.body as Required<Omit<StaffSession, 'kind'>> & { token: string };
  const session: StaffSession = {
    kind: 'account',
    role: body.role,
    elections: body.elections,
    username: body.username,
    name: body.name,
    expiresAt: body.expiresAt,
    passwordChangeRequired: body.passwordChangeRequired,
  };
  staffStore.signIn(body.token, session);
  if (election) staffStore.saveElection(election);
  state.session = session;
  state.signInError = undefined;
  if (!session.passwordChangeRequired) return enter(state);
  render(state);
  document.getElementById('new-password')?.focus();
}

export async function signInWithToken(state: StaffState, form: HTMLFormElement): Promise<void> {
  const data = new FormData(form);
  const token = String(data.get('token') ?? '').trim();
  const election = String(data.get('election') ?? '').trim();
  staffStore.signIn(token);
  if (election) staffStore.saveElection(election);
  const answer = await callAnswering('/session');
  const body = answer.body as SessionAnswer | null;
  if (answer.status !== 200 || body?.role !== 'staff') {
    staffStore.forgetToken();
    closed(state, answer.status === 200 ? (t) => t.signIn.notStaff : errorText(answer));
    return render(state);
  }
  state.session = {
    kind: body.username ? 'account' : 'token',
    role: body.staffRole ?? 'admin',
    elections: body.elections ?? 'all',
    ...(body.username ? { username: body.username } : {}),
    ...(body.expiresAt ? { expiresAt: body.expiresAt } : {}),
    passwordChangeRequired: false,
  };
  staffStore.saveSession(state.session);
  state.signInError = undefined;
  await enter(state);
}

/** The page opened anew (reloaded) with this tab's token: the session as it stands now. */
export async function resume(state: StaffState): Promise<void> {
  const stored = staffStore.session();
  state.session = stored ?? { kind: 'token', role: 'admin', elections: 'all', passwordChangeRequired: false };
  if (stored?.passwordChangeRequired) return render(state);
  const answer = await call('/session');
  if (answer.status !== 200) {
    staffStore.forgetToken();
    closed(state, errorText(answer));
    return render(state);
  }
  refreshed(state, answer);
  await enter(state);
}

export async function changePassword(state: StaffState, form: HTMLFormElement): Promise<void> {
  const data = new FormData(form);
  const password = String(data.get('password') ?? '');
  const again = String(data.get('confirm') ?? '');
  const invalid = (id: string, error: Said) => {
    state.signInError = error;
    renderKeepingForms(state);
    document.getElementById(id)?.setAttribute('aria-invalid', 'true');
    document.getElementById(id)?.focus();
  };
  if (password.length < MIN_PASSWORD_LENGTH)
    return invalid('new-password', (t) => t.password.tooShort(MIN_PASSWORD_LENGTH));
  if (password !== again) return invalid('confirm-password', (t) => t.password.mismatch);
  const answer = await postJson('/staff/password', { password });
  if (answer.status !== 200) return invalid('new-password', (t) => t.password.failed(errorText(answer)(t)));
  const session = state.session;
  if (!session) return;
  session.passwordChangeRequired = false;
  staffStore.saveSession(session);
  state.signInError = undefined;
  await enter(state, (t) => t.password.changed);
}

/** Ends the session on the server (a person's), then forgets the token on this page. */
export async function signOut(state: StaffState): Promise<void> {
  const session = state.session;
  // 401: it had ended already. Anything else (no answer; a first session, which serves only
  // the password change) leaves it valid on the server until its end, and the page says so.
  const status =
    session?.kind === 'account'
      ? (await callAnswering('/staff/sessions/current', { method: 'DELETE' })).status
      : 200;
  const ended = status === 200 || status === 401;
  staffStore.forgetToken();
  closed(state);
  const until = session?.expiresAt;
  state.notice = ended || !until ? (t) => t.signIn.signedOut : (t) => t.signIn.signedOutHere(until);
  render(state);
  focusTitle();
}

/** The server said the session has ended (401), or its end has come: back to the sign-in, saying why. */
export function sessionEnded(state: StaffState, reason: string): void {
  staffStore.forgetToken();
  closed(state, (t) => t.session.ended(reason));
  render(state);
  focusTitle();
}

/** A page left open past the session's end goes back to the sign-in by itself. */
export function endAtExpiry(state: StaffState): void {
  const expiresAt = state.session?.expiresAt;
  if (expiresAt && Date.now() >= Date.parse(expiresAt)) sessionEnded(state, '');
}
