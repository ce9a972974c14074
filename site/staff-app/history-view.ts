/** A section's history as the staff page lists it: each version stored and each review, with when and who. Pure. */
import { escapeHtml } from '../../shared/pages/html.js';
import type { StaffLanguage, StaffMessages } from './messages.js';
import { dateTimeOf } from './session-bar.js';
import type { HistoryEntry, SectionHistory } from './state.js';

const whoOf = (actor: HistoryEntry['by'], t: StaffMessages) =>
  !actor
    ? ''
    : actor.username
      ? t.history.byPerson(escapeHtml(actor.username))
      : actor.role === 'officer'
        ? t.history.officer
        : t.history.staff(escapeHtml(actor.credential ?? ''));

/** The history read, as a list; pure. */
export function renderHistory(history: SectionHistory, t: StaffMessages, language: StaffLanguage): string {
  const h = t.history;
  const what = (e: HistoryEntry) =>
    e.kind === 'turnout' ? t.flagged.turnout(escapeHtml(e.slotId ?? '')) : t.flagged.count;
  const items = history.entries.map((e) => {
    const at = e.entry === 'review' ? e.at : e.submittedAt;
    const when = at ? `<time datetime="${escapeHtml(at)}">${dateTimeOf(at, language)}</time> — ` : '';
    const status = h.statuses[e.status ?? ''] ?? escapeHtml(e.status ?? '');
    return e.entry === 'review'
      ? `<li>${when}${h.review(what(e), e.version ?? 0, h.actions[e.action ?? ''] ?? escapeHtml(e.action ?? ''), whoOf(e.by, t))}: «${escapeHtml(e.reason ?? '')}»</li>`
      : `<li>${when}${h.version(what(e), e.version ?? 0, status, whoOf(e.submittedBy, t))}</li>`;
  });
  return `<h3 id="h-history-of" tabindex="-1">${h.of(escapeHtml(history.sectionId))}</h3>${
    items.length ? `<ol class="history">${items.join('')}</ol>` : `<p class="muted">${h.empty}</p>`
  }${history.more ? `<p class="notice">${h.more}</p>` : ''}`;
}
