/**
 * The latest changes, in words: what each entry of a change list touched and moved, and why a
 * figure went down. The results page's box and the Atom feed say them with these functions.
 * Pure: text out (HTML-escaped where it says so).
 */
import type { ChangeEntry } from '../../domain/change-list.js';
import { BALLOT_FIGURES } from '../../domain/published-changes.js';
import type { Summary } from '../../domain/summary.js';
import { escapeHtml } from '../html.js';
import { formatsOf } from './formats.js';
import { type Language, MESSAGES } from './messages.js';
import { table } from './tables.js';

/** The names the figures of a change list stand for, from the summary (plain text, not escaped). */
export type FigureNames = Pick<Summary, 'candidates' | 'lists' | 'answers'>;

/** A figure's name for readers: "votanti", a candidate's or a list's name, "Q1: sì". */
export function figureLabel(figure: string, names: FigureNames, language: Language): string {
  const t = MESSAGES[language].changes;
  if (figure in t.figures) return t.figures[figure as keyof typeof t.figures];
  const named = names.candidates.find((c) => c.id === figure) ?? names.lists.find((l) => l.id === figure);
  if (named) return named.name;
  const [questionId, answer] = figure.split('.');
  if (answer === 'yes' || answer === 'no') {
    const question = names.answers.find((a) => a.questionId === questionId)?.questionId ?? questionId ?? '';
    return answer === 'yes' ? t.yes(question) : t.no(question);
  }
  return figure;
}

/** The item an entry is of: "Sezione 3, scrutinio", "Sezione 3, affluenza T1", "Totali". */
export function itemLabel(entry: Pick<ChangeEntry, 'sectionId' | 'item'>, language: Language): string {
  const t = MESSAGES[language].changes;
  if (entry.sectionId === null) return t.totals;
  const item = entry.item === 'results' ? t.results : t.turnout(entry.item.replace(/^turnout\//, ''));
  return `${t.section(entry.sectionId)}, ${item}`;
}

/** An entry's figures in reading order: the ballots, then candidates, lists and answers as defined, then the rest. */
function inOrder(delta: Record<string, number>, names: FigureNames): [string, number][] {
  const order = [
    ...BALLOT_FIGURES,
    ...names.candidates.map((c) => c.id),
    ...names.lists.map((l) => l.id),
    ...names.answers.flatMap((a) => [`${a.questionId}.yes`, `${a.questionId}.no`]),
  ];
  const rank = (figure: string) => {
    const at = order.indexOf(figure);
    return at === -1 ? order.length : at;
  };
  return Object.entries(delta).sort(
    ([a], [b]) => rank(a) - rank(b) || a.localeCompare(b, 'en', { numeric: true }),
  );
}

/** The signed figures an entry moved, "votanti +189, voti validi +180" (plain text). */
export function deltasText(entry: ChangeEntry, names: FigureNames, language: Language): string {
  const f = formatsOf(language);
  return inOrder(entry.delta, names)
    .map(([figure, value]) => `${figureLabel(figure, names, language)} ${f.signed(value)}`)
    .join(', ');
}

/** Why an entry lowered figures: its kind explained, and the staff reason when there is one (plain text). */
export function whyDown(entry: ChangeEntry, language: Language): string {
  const t = MESSAGES[language].changes;
  return [t.whyDown[entry.kind], ...(entry.reason ? [t.reason(entry.reason)] : [])].join('; ');
}

/** The figures an entry lowered, "voti validi −12" (plain text), or '' when none went down. */
export function downText(entry: ChangeEntry, names: FigureNames, language: Language): string {
  const f = formatsOf(language);
  return inOrder(entry.delta, names)
    .filter(([, value]) => value < 0)
    .map(([figure, value]) => `${figureLabel(figure, names, language)} ${f.signed(value)}`)
    .join(', ');
}

/** The box of the latest changes: the last few publishes' entries, and why each figure went down. */
export function renderChangesBox(s: Summary, language: Language): string {
  const t = MESSAGES[language].changes;
  const f = formatsOf(language);
  // A snapshot published before the box existed has no recent changes (its page shows none).
  const recent = (s as Partial<Summary>).recentChanges ?? [];
  const heading = `<h2 id="h-changes">${t.heading}</h2>`;
  if (recent.length === 0)
    return `<section aria-labelledby="h-changes" class="changes">${heading}<p class="muted">${t.none}</p></section>`;
  const publishes = recent.map((digest) => {
    const rows = digest.entries.map((entry) => {
      const down = downText(entry, s, language);
      const why = down
        ? `<br><span class="down">${escapeHtml(`${down}: ${whyDown(entry, language)}`)}</span>`
        : '';
      return [
        escapeHtml(itemLabel(entry, language)),
        escapeHtml(t.kind[entry.kind]),
        `${escapeHtml(deltasText(entry, s, language))}${why}`,
      ];
    });
    const more = digest.omitted > 0 ? `${escapeHtml(t.omitted(f.count(digest.omitted)))}. ` : '';
    return `${table(t.publish(f.count(digest.seq), f.time(digest.generatedAt)), t.headers, rows)}<p class="muted">${more}<a href="${escapeHtml(digest.changes)}">${t.fullList}</a></p>`;
  });
  return `<section aria-labelledby="h-changes" class="changes">${heading}${publishes.join('')}</section>`;
}
