/**
 * The staff page's watch of every polling station (docs/interface.md, The station watch): when
 * its officer app last reached the server and in which version, which turnout readings are late,
 * what is flagged; late ones first, or only they. Pure: data and words in, HTML out.
 */
import { escapeHtml } from '../../shared/pages/html.js';
import type { StaffMessages } from './messages.js';
import { isLate, type Overview, watchRows } from './overview.js';

const timeOf = (iso: string) =>
  new Date(iso).toLocaleTimeString('it-IT', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function renderWatch(overview: Overview, t: StaffMessages, lateOnly: boolean): string {
  const w = t.watch;
  const label = (slotId: string) => overview.turnoutSlots.find((s) => s.id === slotId)?.label ?? slotId;
  const late = overview.sections.filter(isLate).length;
  const rows = watchRows(overview, lateOnly)
    .map((section) => {
      const watch = section.watch;
      const lateSlots = watch?.lateTurnout ?? [];
      const flagged = [
        ...(watch?.flagged.results ? [w.flaggedCount] : []),
        ...(watch?.flagged.turnout ?? []).map((slot) => w.flaggedTurnout(label(slot))),
      ];
      return `<tr data-section="${escapeHtml(section.id)}"${lateSlots.length ? ' class="late"' : ''}><th scope="row">${escapeHtml(section.id)}</th><td>${
        watch?.lastContactAt
          ? `<time datetime="${escapeHtml(watch.lastContactAt)}">${timeOf(watch.lastContactAt)}</time>`
          : w.never
      }</td><td>${escapeHtml(watch?.appVersion ?? '—')}</td><td>${
        lateSlots.length
          ? `<span class="badge late">${escapeHtml(w.late(lateSlots.map(label).join(', ')))}</span>`
          : '—'
      }</td><td>${flagged.map((f) => `<span class="badge flagged">${escapeHtml(f)}</span>`).join('') || '—'}</td></tr>`;
    })
    .join('');
  const [section, contact, version, lateHeader, flaggedHeader] = w.headers;
  return `<p class="muted" id="watch-summary">${w.lateCount(late, overview.sections.length, overview.lateAfterMinutes ?? 30)}</p>
<div class="actions start"><button type="button" data-action="watch-filter" class="secondary" aria-pressed="${lateOnly}">${lateOnly ? w.showAll : w.showLate}</button></div>
<table id="watch"><caption>${w.caption}</caption><thead><tr><th scope="col">${section}</th><th scope="col">${contact}</th><th scope="col">${version}</th><th scope="col">${lateHeader}</th><th scope="col">${flaggedHeader}</th></tr></thead><tbody>${rows}</tbody></table>`;
}
