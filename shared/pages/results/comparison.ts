/**
 * The comparison with the previous election on the page (the summary's `comparison`) and in the
 * drill-down (a section file's): tables of each share now, then, and the signed difference in
 * percentage points. Nothing when there is no comparison.
 */
import type { Compared, SectionComparison } from '../../domain/comparison.js';
import type { Summary } from '../../domain/summary.js';
import { escapeHtml } from '../html.js';
import { formatsOf } from './formats.js';
import { type Language, MESSAGES } from './messages.js';
import { table } from './tables.js';

type Row = { percent: number } & Compared;

/** A row's cells after its name: the share, the previous share and the signed difference. */
function cells(row: Row, language: Language): string[] {
  const f = formatsOf(language);
  return [
    f.percent(row.percent),
    row.previousPercent === null ? '—' : f.percent(row.previousPercent),
    row.difference === null
      ? '—'
      : `<span class="${row.difference < 0 ? 'down' : 'up'}">${f.points(row.difference)}</span>`,
  ];
}

/** The three tables of a comparison (turnout, candidates, lists), those that have rows. */
function comparisonTables(
  c: Pick<SectionComparison, 'turnout' | 'candidates' | 'lists'>,
  name: string,
  s: Summary,
  language: Language,
  captions: { turnout: string; candidates: string; lists: string },
): string {
  const t = MESSAGES[language];
  const f = formatsOf(language);
  const slots = new Map(s.turnout.map((slot) => [slot.slotId, slot]));
  const candidates = new Map(s.candidates.map((x) => [x.id, x.name]));
  const lists = new Map(s.lists.map((x) => [x.id, x.name]));
  const part = (caption: string, first: string, rows: string[][]) =>
    rows.length ? table(caption, t.comparison.headers(first, name), rows) : '';
  return [
    part(
      captions.turnout,
      t.turnoutHeaders(null)[0] ?? '',
      c.turnout.map((row) => [
        f.slot(slots.get(row.slotId) ?? { label: row.slotId, at: null }),
        ...cells(row, language),
      ]),
    ),
    part(
      captions.candidates,
      t.candidateHeaders[0] ?? '',
      c.candidates.map((row) => [escapeHtml(candidates.get(row.id) ?? row.id), ...cells(row, language)]),
    ),
    part(
      captions.lists,
      t.listHeaders[0] ?? '',
      c.lists.map((row) => [escapeHtml(lists.get(row.id) ?? row.id), ...cells(row, language)]),
    ),
  ].join('');
}

/** The page's comparison section. */
export function renderComparison(s: Summary, language: Language): string {
  const c = s.comparison;
  if (!c) return '';
  const t = MESSAGES[language].comparison;
  const f = formatsOf(language);
  const of = ` — ${MESSAGES[language].ofSections(f.count(s.sections.reported), f.count(s.sections.total))}`;
  const tables = comparisonTables(c, c.name, s, language, {
    turnout: t.turnoutCaption,
    candidates: t.candidatesCaption + of,
    lists: t.listsCaption + of,
  });
  return `<section aria-labelledby="h-comparison" class="comparison"><h2 id="h-comparison">${escapeHtml(t.heading(c.name))}</h2><p class="muted">${t.intro}</p>${tables}</section>`;
}

/** A section's comparison in the drill-down, named after the summary's previous election. */
export function renderSectionComparison(
  c: SectionComparison | null | undefined,
  s: Summary,
  language: Language,
): string {
  if (!c) return '';
  const t = MESSAGES[language].comparison;
  const name = s.comparison?.name ?? c.electionId;
  const tables = comparisonTables(c, name, s, language, {
    turnout: t.turnoutCaption,
    candidates: t.candidatesCaption,
    lists: t.listsCaption,
  });
  return tables ? `<h4>${escapeHtml(t.section(name))}</h4>${tables}` : '';
}
