/**
 * A form sent by the officer: checked as the server will check it, confirmed if its checks
 * fail, then kept in the outbox (on the version it corrects) and sent.
 */

import { isFlagging } from '../../shared/domain/checks.js';
import { escapeHtml } from '../../shared/pages/html.js';
import { confirmFlagged } from './dialogs.js';
import { emptyRequired, formKey, labelOf } from './drafts.js';
import { formDraft, markInvalid } from './live-checks.js';
import { APP_MESSAGES } from './messages.js';
import { announce, render } from './screen.js';
import { type App, basedOnVersion } from './state.js';
import { flush } from './sync.js';
import { missingDraft } from './validation.js';

export async function submitForm(app: App, form: HTMLFormElement): Promise<void> {
  const { state, outbox } = app;
  if (!state.data) return;
  const t = APP_MESSAGES[state.language];
  const box = form.querySelector<HTMLElement>('[data-checks]');
  const empty = emptyRequired(form).map((input) => input.name);
  const draft = empty.length ? missingDraft(empty, t, (name) => labelOf(form, name)) : formDraft(form, state);
  if (!draft) return;
  if (!draft.ok) {
    markInvalid(form, draft.fields);
    if (box) box.innerHTML = `<p class="error" role="alert">${escapeHtml(draft.message)}</p>`;
    form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    return;
  }
  if (isFlagging(draft.checks) && !(await confirmFlagged(draft.checks, state.language))) return;
  // The section may have been read again while the confirmation was open: correct what it stores now.
  const data = state.data;
  if (!data) return;
  const latest = outbox.latestAnswered(data.electionId, data.section.id, draft.target);
  outbox.add({
    electionId: data.electionId,
    sectionId: data.section.id,
    target: draft.target,
    body: draft.body,
    basedOn: basedOnVersion(data, draft.target, latest),
  });
  state.dirty.delete(formKey(form));
  render(app);
  announce(APP_MESSAGES[state.language].outbox.saved);
  await flush(app);
}
