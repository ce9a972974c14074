/**
 * The candidates' and the lists' shares as horizontal bars, in the colours the definition sets
 * (else the palette's): each bar under its name and its percentage, written out, so the picture
 * reads without colour; the tables below it hold the same figures.
 */
import type { Summary } from '../../../domain/summary.js';
import { escapeHtml } from '../../html.js';
import { formatsOf } from '../formats.js';
import { type Language, MESSAGES } from '../messages.js';
import { colorOf, outlineOf } from './palette.js';
import { n, picture, shortened } from './svg.js';

/** The drawing's width: on a 360 px phone its text is at the page's reading size. */
const WIDTH = 320;
const ROW = 42;

export interface Bar {
  name: string;
  percent: number;
  color: string;
}

/** The bars' drawing, one row each: the name, the percentage at the right, the bar under them. */
export function barsBody(bars: readonly Bar[], format: (percent: number) => string): string {
  return bars
    .map((bar, i) => {
      const y = i * ROW;
      const width = (Math.max(0, Math.min(100, bar.percent)) / 100) * WIDTH;
      return `<text x="0" y="${y + 15}" class="chart-label">${escapeHtml(shortened(bar.name, 30))}</text><text x="${WIDTH}" y="${y + 15}" text-anchor="end" class="chart-value">${escapeHtml(format(bar.percent))}</text><rect x="0" y="${y + 21}" width="${WIDTH}" height="14" class="chart-track"/><rect x="0" y="${y + 21}" width="${n(width)}" height="14" fill="${bar.color}"${outlineOf(bar.color)}/>`;
    })
    .join('');
}

function barsPicture(id: string, title: string, bars: Bar[], language: Language): string {
  if (!bars.length) return '';
  const f = formatsOf(language);
  const t = MESSAGES[language].pictures;
  const parts = bars.map((b) => `${b.name} ${f.percent(b.percent)}`).join('; ');
  return picture(
    {
      id,
      title,
      description: t.votesDescription(parts),
      width: WIDTH,
      height: bars.length * ROW,
      className: 'chart-bars',
    },
    barsBody(bars, f.percent),
  );
}

/** The mayoral candidates' bars, in the summary's order. */
export function candidateBars(s: Summary, language: Language): string {
  const bars = s.candidates.map((c, i) => ({ name: c.name, percent: c.percent, color: colorOf(c.color, i) }));
  return barsPicture('pic-candidates', MESSAGES[language].pictures.candidatesTitle, bars, language);
}

/**
 * The lists' bars: a list without a colour of its own takes its candidate's, so a coalition
 * reads as one family; a list of a candidate with no colour either, the palette's.
 */
export function listBars(s: Summary, language: Language): string {
  const candidateColor = new Map(s.candidates.map((c, i) => [c.id, colorOf(c.color, i)]));
  const bars = s.lists.map((l, i) => ({
    name: l.name,
    percent: l.percent,
    color: l.color ?? candidateColor.get(l.candidateId) ?? colorOf(undefined, i),
  }));
  return barsPicture('pic-lists', MESSAGES[language].pictures.listsTitle, bars, language);
}
