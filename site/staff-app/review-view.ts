/**
 * What needs the staff's eyes: the flagged items with their checks and the approve / reopen
 * form, the sections that have not sent each turnout reading or the count, and the stream
 * records in quarantine. Pure: the overview and the words in, HTML out.
 */
import { escapeHtml } from '../../shared/pages/html.js';
import type { StaffLanguage, StaffMessages } from './messages.js';
import {
  flaggedItems,
  type HealingView,
  type ItemView,
  missingRows,
  type Overview,
  type QuarantinedView,
} from './overview.js';

const reopenedMark = (item: ItemView | null | undefined, t: StaffMessages) =>
  item?.status === 'reopened' ? t.missing.reopened : '';

const sectionName = (s: { name: string; district?: string }) =>
  `${escapeHtml(s.name)}${s.district ? ` <span class="muted">${escapeHtml(s.district)}</span>` : ''}`;

/** What is flagged, with its failed checks; with the approve-or-reopen form for a clerk or above. */
export function renderFlagged(
  overview: Overview,
  t: StaffMessages,
  language: StaffLanguage,
  canReview: boolean,
): string {
  const items = flaggedItems(overview);
  const f = t.flagged;
  if (!items.length) return `<p class="ok">${f.none}</p>`;
  const certified = overview.state === 'certified';
  return `<ul class="outbox">${items
    .map(({ section, slotId, item }, index) => {
      const what = slotId
        ? f.turnout(overview.turnoutSlots.find((s) => s.id === slotId)?.label ?? slotId)
        : f.count;
      const checks = item.checks
        .map(
          (c) =>
            `<li class="${c.severity === 'error' ? 'error' : 'warning'}">${escapeHtml(c.message[language])}</li>`,
        )
        .join('');
      const id = `flagged-${index}`;
      return `<li class="outbox-stale" data-flagged="${escapeHtml(section.id)}${slotId ? `:${escapeHtml(slotId)}` : ''}">
<h3 id="${id}">${sectionName(section)} — ${escapeHtml(f.item(what, item.version))}</h3><ul class="checks">${checks}</ul>${
        canReview
          ? `
<form class="review" data-form="review" data-section="${escapeHtml(section.id)}"${slotId ? ` data-slot="${escapeHtml(slotId)}"` : ''} aria-describedby="${id}">
<fieldset${certified ? ' disabled' : ''}><legend>${f.decision}</legend>
<label class="inline"><input type="radio" name="decision" value="approve" required> ${f.approve}</label>
<label class="inline"><input type="radio" name="decision" value="reopen" required> ${f.reopen}</label>
<div class="field"><label for="reason-${index}">${f.reason}</label><input id="reason-${index}" name="reason" required maxlength="500" autocomplete="off"></div>
<button type="submit">${f.confirm}</button></fieldset>
</form>`
          : ''
      }</li>`;
    })
    .join('')}</ul>${canReview ? '' : `<p class="muted">${f.readOnly}</p>`}`;
}

/** At most this many section numbers per row; the rest are counted. */
const LISTED = 40;

export function renderMissing(overview: Overview, t: StaffMessages): string {
  const m = t.missing;
  const total = overview.sections.length;
  const [what, count, sections] = m.headers;
  return `<table><caption>${m.caption}</caption><thead><tr><th scope="col">${what}</th><th scope="col" class="num">${count}</th><th scope="col">${sections}</th></tr></thead><tbody>${missingRows(
    overview,
  )
    .map((row) => {
      const label = row.kind === 'turnout' ? t.flagged.turnout(row.slot.label) : t.flagged.count;
      const listed =
        row.missing.length > LISTED
          ? `${row.missing
              .slice(0, LISTED)
              .map((s) => escapeHtml(s.id))
              .join(', ')}${m.andMore(row.missing.length - LISTED)}`
          : row.missing
              .map(
                (s) =>
                  `${escapeHtml(s.id)}${reopenedMark(row.kind === 'results' ? s.results : undefined, t)}`,
              )
              .join(', ') || '—';
      return `<tr><th scope="row">${escapeHtml(label)}</th><td class="num">${m.ofTotal(row.missing.length, total)}</td><td>${listed}</td></tr>`;
    })
    .join('')}</tbody></table>`;
}

export function renderQuarantine(records: QuarantinedView[] | undefined, t: StaffMessages): string {
  const q = t.quarantine;
  if (!records) return `<p class="error">${q.unreadable}</p>`;
  if (!records.length) return `<p class="ok">${q.none}</p>`;
  return `<p class="error">${q.some(records.length)}</p><ul>${records
    .map(
      (r) =>
        `<li><code>${escapeHtml(r.consumer)} ${escapeHtml(r.eventId)}</code>: ${escapeHtml(r.reason.slice(0, 300))}</li>`,
    )
    .join('')}</ul>`;
}

/** Local time of day, for a notice read on the night. */
const timeOf = (iso: string) =>
  new Date(iso).toLocaleTimeString('it-IT', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** What the periodic reconciliation last did, and what it repaired (its latest repairs). */
export function renderHealing(healing: HealingView | undefined, t: StaffMessages): string {
  const h = t.healing;
  if (!healing?.lastRunAt) return `<p class="muted">${h.notYet}</p>`;
  const last = `<p class="muted">${h.lastRun(timeOf(healing.lastRunAt))}</p>`;
  const latest = healing.repairs[0];
  if (!latest) return `${last}<p class="ok">${h.nothing}</p>`;
  return `${last}<p class="notice">${h.repaired(latest.entries.length, timeOf(latest.at))}</p><ul>${latest.entries
    .map((entry) => {
      const what = entry.sectionId === null ? h.totals : h.section(entry.sectionId, entry.item);
      const figures = Object.entries(entry.delta)
        .map(([figure, value]) => `${escapeHtml(figure)} ${signed(value)}`)
        .join(', ');
      return `<li>${escapeHtml(what)}: ${figures}</li>`;
    })
    .join('')}</ul>`;
}
