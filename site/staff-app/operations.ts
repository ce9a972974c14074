/**
 * What staff do to the election from the page: approve or reopen a flagged item with a reason,
 * issue or revoke officer codes, send a message to every polling station (clerk), certify (supervisor; with two approvals when the
 * election asks for them). Each reads the election again and says how it went.
 */

import { runCodeJob } from './code-jobs.js';
import { downloadSheet } from './downloads.js';
import type { StaffMessages } from './messages.js';
import { sectionsTyped } from './overview.js';
import { render } from './screen.js';
import { load } from './session.js';
import { call, electionPath, errorCodeOf, postJson } from './staff-api.js';
import { errorText, type StaffState } from './state.js';

export async function review(state: StaffState, form: HTMLFormElement): Promise<void> {
  const sectionId = form.dataset.section ?? '';
  const slotId = form.dataset.slot;
  const action = String(new FormData(form).get('decision') ?? '');
  const reason = String(new FormData(form).get('reason') ?? '').trim();
  // The browser checks the required choice first; this guards a browser that does not.
  if (action !== 'approve' && action !== 'reopen') return;
  if (!reason) {
    form.querySelector<HTMLInputElement>('input[name="reason"]')?.setAttribute('aria-invalid', 'true');
    form.querySelector<HTMLInputElement>('input[name="reason"]')?.focus();
    return;
  }
  const answer = await postJson(
    `${electionPath(state.overview?.electionId ?? '')}/sections/${encodeURIComponent(sectionId)}/${action}`,
    { reason, ...(slotId ? { slotId } : {}) },
  );
  await load(state, (t) => {
    const what = t.review.what(sectionId, slotId);
    if (answer.status !== 200) return t.review.failed(what, errorText(answer)(t));
    return action === 'approve' ? t.review.approved(what) : t.review.reopened(what);
  });
  document.getElementById('h-flagged')?.focus();
}

/**
 * Issues or revokes the codes of the sections typed ("tutte" or "all" for every one): in one
 * request (every municipality's, Rome's 2,600 included), or by a job when the API says they are
 * more than one request takes (code-jobs.ts).
 */
export async function codes(state: StaffState, form: HTMLFormElement): Promise<void> {
  const data = new FormData(form);
  const sections = sectionsTyped(String(data.get('sections') ?? ''));
  const operation = String(data.get('operation') ?? '');
  const overview = state.overview;
  if (!overview || (operation !== 'issue' && operation !== 'revoke')) return;
  const base = `${electionPath(overview.electionId)}/officer-tokens`;
  const answer = await postJson(operation === 'issue' ? base : `${base}/revoke`, { sections });
  if (answer.status === 422 && errorCodeOf(answer) === 'TOO_MANY_SECTIONS')
    return runCodeJob(state, overview, operation, sections);
  if (answer.status !== 200) return load(state, (t) => t.codes.failed(errorText(answer)(t)));
  const notDone = ((answer.body as { failed?: { sectionId: string }[] }).failed ?? []).map(
    (f) => f.sectionId,
  );
  const andNotDone = (said: string) => (t: StaffMessages) =>
    notDone.length ? `${said} ${t.codes.notDone(notDone)}` : said;
  if (operation === 'revoke') {
    const revoked = (answer.body as { revoked: string[] }).revoked;
    return load(state, (t) => andNotDone(t.codes.revoked(revoked))(t));
  }
  const tokens = (answer.body as { tokens: Record<string, string> }).tokens;
  await downloadSheet(state, overview, tokens);
  await load(state, (t) => andNotDone(t.codes.issued(Object.keys(tokens).length))(t));
}

/** Sends a message to every polling station of the election; the list then shows it. */
export async function broadcast(state: StaffState, form: HTMLFormElement): Promise<void> {
  const text = String(new FormData(form).get('text') ?? '').trim();
  if (!text) {
    form.querySelector('textarea')?.setAttribute('aria-invalid', 'true');
    form.querySelector('textarea')?.focus();
    return;
  }
  const answer = await postJson(`${electionPath(state.overview?.electionId ?? '')}/messages`, { text });
  await load(state, (t) =>
    answer.status === 201 ? t.broadcasts.sent : t.broadcasts.failed(errorText(answer)(t)),
  );
  document.getElementById('h-broadcasts')?.focus();
}

export async function certify(state: StaffState, form: HTMLFormElement): Promise<void> {
  const electionId = state.overview?.electionId ?? '';
  if (String(new FormData(form).get('confirm') ?? '').trim() !== electionId) {
    form.querySelector('input')?.setAttribute('aria-invalid', 'true');
    return load(state, (t) => t.certify.mistyped);
  }
  const answer = await call(`${electionPath(electionId)}/certify`, { method: 'POST' });
  // certifyApprovals: 2: a first supervisor's approval (202) waits for a second, different one.
  if (answer.status === 202) {
    const { approvals, needed } = answer.body as { approvals: number; needed: number };
    await load(state, (t) => t.certify.approved(approvals, needed));
    state.certifyApprovals = { approvals, needed };
    return render(state);
  }
  await load(state, (t) =>
    answer.status === 200
      ? t.certify.certified
      : errorCodeOf(answer) === 'ALREADY_APPROVED'
        ? t.certify.alreadyApproved
        : t.certify.failed(errorText(answer)(t)),
  );
}
