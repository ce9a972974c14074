/**
 * The outbox as the officer sees it: a line per submission on this phone, saying about what it
 * is and where it is (saved, sending, answered, stale, refused). Pure: items in, HTML out.
 */
import { escapeHtml } from '../../shared/pages/html.js';
import { APP_MESSAGES, type AppLanguage } from './messages.js';
import type { SectionData } from './officer-api.js';
import type { OutboxItem } from './outbox.js';
import { renderReceipt } from './receipt-view.js';

/** What an outbox line says: about what, and where it is (also what the app says aloud when it changes). */
export function outboxLineText(
  item: OutboxItem,
  data: SectionData,
  language: AppLanguage,
  sending = false,
): { what: string; state: string } {
  const t = APP_MESSAGES[language];
  const slotId = item.target.kind === 'turnout' ? item.target.slotId : '';
  const what =
    item.target.kind === 'results'
      ? t.outbox.results
      : t.outbox.turnout(data.election.turnoutSlots.find((s) => s.id === slotId)?.label ?? slotId);
  const state = item.state;
  const text =
    state.name === 'saved'
      ? sending
        ? t.outbox.sending
        : t.outbox.saved
      : state.name === 'answered'
        ? t.outbox.answered(t.status[state.outcome.status] ?? state.outcome.status, state.outcome.version)
        : state.name === 'stale'
          ? t.outbox.stale(state.currentVersion)
          : t.outbox.refused(state.message || state.code);
  return { what, state: text };
}

/** What the app says aloud once a send has moved items on: each line's what and where. */
export const announcementOf = (changed: readonly OutboxItem[], data: SectionData, language: AppLanguage) =>
  changed
    .map((i) => {
      const line = outboxLineText(i, data, language);
      return `${line.what}: ${line.state}`;
    })
    .join(' ');

function outboxLine(
  item: OutboxItem,
  data: SectionData,
  language: AppLanguage,
  sending: boolean,
  origin: string,
): string {
  const t = APP_MESSAGES[language];
  const time = new Intl.DateTimeFormat(t.locale, { hour: '2-digit', minute: '2-digit' }).format(
    new Date(item.savedAt),
  );
  const elsewhere = item.electionId !== data.electionId || item.sectionId !== data.section.id;
  const where = elsewhere
    ? ` <span class="muted">(${escapeHtml(item.electionId)} / ${escapeHtml(item.sectionId)})</span>`
    : '';
  const line = outboxLineText(item, data, language, sending);
  const reload =
    item.state.name === 'stale' && !elsewhere
      ? `<button type="button" id="reload-${escapeHtml(item.id)}" data-action="reload">${t.outbox.reload}</button>`
      : '';
  const receipt =
    item.state.name === 'answered' && item.state.outcome.receipt
      ? renderReceipt(
          { electionId: item.electionId, sectionId: item.sectionId, receipt: item.state.outcome.receipt },
          origin,
          language,
          `receipt-${item.id}`,
        )
      : '';
  return `<li class="outbox-${item.state.name}" data-outbox-state="${item.state.name}"><strong>${escapeHtml(line.what)}</strong>${where} <span class="muted">${t.outbox.savedAt(time)}</span><br>${escapeHtml(line.state)}${reload}${receipt}</li>`;
}

/** Every submission on this phone, this section's and any other's still waiting. */
export function renderOutbox(
  items: OutboxItem[],
  data: SectionData,
  language: AppLanguage,
  sending: boolean,
  /** The site's origin, for the receipts' links (location.origin in the app). */
  origin: string,
): string {
  const t = APP_MESSAGES[language];
  if (!items.length) return '';
  const finished = items.some((i) => i.state.name !== 'saved')
    ? `<button type="button" id="clear-outbox" data-action="clear-outbox" class="secondary">${t.outbox.clear}</button>`
    : '';
  return `<h2 id="h-outbox">${t.outbox.heading}</h2><ul class="outbox">${items
    .map((i) => outboxLine(i, data, language, sending, origin))
    .join('')}</ul>${finished}`;
}
