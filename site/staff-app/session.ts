/**
 * Signing in with the staff token and an election's id, reading that election again (after
 * every operation, with what it said), and signing out.
 */

import { STAFF_MESSAGES } from './messages.js';
import type { Overview, QuarantinedView } from './overview.js';
import { announce, render } from './screen.js';
import { call, electionPath } from './staff-api.js';
import { staffStore } from './staff-store.js';
import { closed, errorText, opened, type Said, type StaffState } from './state.js';

/** Reads the election and the quarantine again and shows them, with what the last operation said. */
export async function load(state: StaffState, notice?: Said): Promise<void> {
  const [answer, quarantine] = await Promise.all([
    call(`${electionPath(staffStore.election())}/sections`),
    call('/admin/quarantine'),
  ]);
  if (answer.status !== 200) {
    closed(state, errorText(answer));
    return render(state);
  }
  const records =
    quarantine.status === 200
      ? ((quarantine.body as { records?: QuarantinedView[] }).records ?? [])
      : undefined;
  opened(state, answer.body as Overview, records, notice);
  render(state);
  announce(notice?.(STAFF_MESSAGES[state.language]) ?? '');
}

export async function signIn(state: StaffState, form: HTMLFormElement): Promise<void> {
  const data = new FormData(form);
  staffStore.signIn(String(data.get('token') ?? '').trim(), String(data.get('election') ?? '').trim());
  const session = await call('/session');
  if (session.status !== 200 || (session.body as { role?: string }).role !== 'staff') {
    staffStore.forgetToken();
    closed(state, session.status === 200 ? (t) => t.signIn.notStaff : errorText(session));
    return render(state);
  }
  await load(state);
  document.getElementById('page-title')?.focus();
}

export function signOut(state: StaffState): void {
  staffStore.forgetToken();
  closed(state);
  render(state);
}
