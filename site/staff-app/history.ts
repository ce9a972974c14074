/**
 * A section's history on the staff page (every role): every version its officers stored and
 * every staff review, oldest first (`GET /v1/elections/{e}/sections/{s}/history`). Read as the
 * API answers it, whatever else the answer carries: when it says more follows (`next`), the page
 * says so and points to the audit trail, which holds every write.
 */
import { render } from './screen.js';
import { call } from './staff-api.js';
import { errorText, type HistoryEntry, type StaffState } from './state.js';

export async function readHistory(state: StaffState, form: HTMLFormElement): Promise<void> {
  const electionId = state.overview?.electionId ?? '';
  const sectionId = String(new FormData(form).get('section') ?? '').trim();
  if (!sectionId) return;
  const answer = await call(
    `/elections/${encodeURIComponent(electionId)}/sections/${encodeURIComponent(sectionId)}/history`,
  );
  if (answer.status !== 200) {
    state.history = undefined;
    state.notice = (t) => t.history.failed(sectionId, errorText(answer)(t));
  } else {
    const body = answer.body as { entries?: HistoryEntry[]; next?: unknown };
    state.history = {
      sectionId,
      entries: body.entries ?? [],
      more: body.next !== undefined && body.next !== null,
    };
    state.notice = undefined;
  }
  render(state);
  document.getElementById(state.history ? 'h-history-of' : 'page-title')?.focus();
}
