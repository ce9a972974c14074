/** Failed checks in plain words, as the form, the stored copy and the confirmation show them. Pure. */
import type { FailedCheck } from '../../shared/domain/checks.js';
import { escapeHtml } from '../../shared/pages/html.js';
import { APP_MESSAGES, type AppLanguage } from './messages.js';

/** A failed check as the server and the bundled checks describe it. */
export type CheckView = Pick<FailedCheck, 'severity' | 'message'>;

/** Failed checks in plain words, errors first; or "the figures add up". */
export function renderChecks(checks: readonly CheckView[], language: AppLanguage): string {
  const t = APP_MESSAGES[language];
  if (!checks.length) return `<p class="ok">${t.checks.allGood}</p>`;
  const sorted = [...checks].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
  );
  return `<p class="warn-heading">${t.checks.heading}</p><ul class="checks">${sorted
    .map(
      (c) =>
        `<li class="${c.severity === 'error' ? 'error' : 'warning'}">${escapeHtml(c.message[language])}</li>`,
    )
    .join('')}</ul>`;
}
