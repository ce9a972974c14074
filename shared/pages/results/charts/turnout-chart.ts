/**
 * Turnout through the day: each reading's percentage as a filled bar, and the previous
 * election's at the same reading as an outlined one under it (filled against outlined, and a
 * legend, so the two read apart without colour); every percentage is written beside its bar.
 */
import type { Summary } from '../../../domain/summary.js';
import { escapeHtml } from '../../html.js';
import { formatsOf } from '../formats.js';
import { type Language, MESSAGES } from '../messages.js';
import { PALETTE } from './palette.js';
import { n, picture, plainText, shortened } from './svg.js';

/** The drawing's width: on a 360 px phone its text is at the page's reading size. */
const WIDTH = 320;
const BAR = 12;
const NOW = PALETTE[0];
const THEN = '#4d4d4d';

/** Each slot's previous percentage: the comparison's (a stored election), else the definition's. */
export function previousPercents(s: Summary): (number | null)[] {
  const compared = new Map((s.comparison?.turnout ?? []).map((slot) => [slot.slotId, slot.previousPercent]));
  return s.turnout.map((slot) => compared.get(slot.slotId) ?? slot.previousPercent);
}

/** The previous election's name as the page shows it. */
export const previousName = (s: Summary) => s.comparison?.name ?? s.previousElection ?? '';

export function turnoutChart(s: Summary, language: Language): string {
  if (!s.turnout.length) return '';
  const t = MESSAGES[language].pictures;
  const f = formatsOf(language);
  const previous = previousPercents(s);
  const withPrevious = previous.some((p) => p !== null);
  const then = previousName(s);
  const row = withPrevious ? 20 + 2 * BAR + 8 : 20 + BAR + 8;
  const top = withPrevious ? 24 : 0;
  const legend = withPrevious
    ? `<rect x="0" y="4" width="14" height="${BAR}" fill="${NOW}"/><text x="20" y="15" class="chart-label">${escapeHtml(t.thisElection)}</text><rect x="160.5" y="4.5" width="13" height="${BAR - 1}" fill="#fff" stroke="${THEN}" stroke-width="1"/><text x="180" y="15" class="chart-label">${escapeHtml(shortened(then, 18))}</text>`
    : '';
  const bar = (y: number, percent: number, filled: boolean) => {
    const width = (Math.max(0, Math.min(100, percent)) / 100) * (WIDTH - 70);
    const shape = filled
      ? `<rect x="0" y="${y}" width="${n(width)}" height="${BAR}" fill="${NOW}"/>`
      : `<rect x="0.5" y="${y + 0.5}" width="${n(Math.max(width - 1, 0))}" height="${BAR - 1}" fill="#fff" stroke="${THEN}" stroke-width="1"/>`;
    return `${shape}<text x="${n(width + 6)}" y="${y + 10}" class="chart-value chart-small">${escapeHtml(f.percent(percent))}</text>`;
  };
  const rows = s.turnout
    .map((slot, i) => {
      const y = top + i * row;
      const before = previous[i];
      const label = shortened(plainText(f.slot(slot)), 38);
      return `<text x="0" y="${y + 14}" class="chart-label">${escapeHtml(label)}</text>${bar(y + 20, slot.percent, true)}${withPrevious && before !== null && before !== undefined ? bar(y + 20 + BAR + 2, before, false) : ''}`;
    })
    .join('');
  const parts = s.turnout
    .map((slot, i) => {
      const before = previous[i];
      const now = `${plainText(f.slot(slot))} ${f.percent(slot.percent)}`;
      return before === null || before === undefined ? now : `${now} (${then} ${f.percent(before)})`;
    })
    .join('; ');
  return picture(
    {
      id: 'pic-turnout',
      title: t.turnoutTitle,
      description: t.turnoutDescription(parts),
      width: WIDTH,
      height: top + s.turnout.length * row,
      className: 'chart-turnout',
    },
    legend + rows,
  );
}
