/**
 * What the form says while the officer types: live sums, the checks of what is typed so far,
 * and which fields are wrong (marked for assistive technology too).
 */
import { escapeHtml } from '../../shared/pages/html.js';
import { renderChecks } from './checks-view.js';
import { emptyRequired, labelOf } from './drafts.js';
import { APP_MESSAGES } from './messages.js';
import type { AppState } from './state.js';
import { type Draft, draftOf, liveSums } from './validation.js';

/** The form as a draft, judged by the server's schema and checks; none when signed out. */
export function formDraft(form: HTMLFormElement, state: AppState): Draft | undefined {
  if (!state.data) return undefined;
  const fields = [...new FormData(form).entries()].map(
    ([name, value]) => [name, String(value)] as [string, string],
  );
  return draftOf(fields, form.dataset.slot, state.data, APP_MESSAGES[state.language], (name) =>
    labelOf(form, name),
  );
}

export function markInvalid(form: HTMLFormElement, names: string[]): void {
  for (const input of form.querySelectorAll('input')) input.removeAttribute('aria-invalid');
  for (const name of names)
    form.querySelector(`[name="${CSS.escape(name)}"]`)?.setAttribute('aria-invalid', 'true');
}

/** Live sums and the checks of what is typed so far (shown beside the form; said aloud at sending). */
export function updateChecks(form: HTMLFormElement, state: AppState): void {
  if (form.dataset.form === 'sign-in') return;
  const value = (name: string) =>
    Number((form.elements.namedItem(name) as HTMLInputElement | null)?.value || 0);
  const valid = form.querySelector('#sum-valid');
  const candidates = form.querySelector('#sum-candidates');
  if (state.data && (valid || candidates)) {
    const sums = liveSums(value, state.data.election);
    if (valid) valid.textContent = String(sums.valid);
    if (candidates) candidates.textContent = String(sums.candidates);
  }
  const box = form.querySelector<HTMLElement>('[data-checks]');
  if (!box) return;
  const draft = emptyRequired(form).length ? undefined : formDraft(form, state);
  markInvalid(form, draft && !draft.ok ? draft.fields : []);
  box.innerHTML = !draft
    ? ''
    : draft.ok
      ? renderChecks(draft.checks, state.language)
      : `<p class="error">${escapeHtml(draft.message)}</p>`;
}
