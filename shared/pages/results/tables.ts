/**
 * The page's building blocks: every figure is a real table (the bars are decoration beside
 * the numbers, hidden from screen readers), so nothing is only a picture.
 */
import { escapeHtml } from '../html.js';

/**
 * A table with a column header per column and a row header per row. Cells are HTML the caller
 * has escaped; captions and headers are text. Columns in `wide` are left out on narrow screens.
 */
export function table(caption: string, headers: string[], rows: string[][], wide: number[] = []): string {
  const cls = (i: number) => {
    const names = [...(i >= 1 ? ['num'] : []), ...(wide.includes(i) ? ['wide'] : [])];
    return names.length ? ` class="${names.join(' ')}"` : '';
  };
  const head = headers.map((h, i) => `<th scope="col"${cls(i)}>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map(
      (cells) =>
        `<tr>${cells.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td${cls(i)}>${c}</td>`)).join('')}</tr>`,
    )
    .join('');
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/**
 * A percentage bar drawn with SVG attributes, not inline styles, so a strict
 * Content-Security-Policy (no 'unsafe-inline') still shows it.
 */
export const bar = (percent: number) =>
  `<svg class="bar" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect class="bar-track" width="100" height="1"/><rect class="bar-value" width="${Math.max(0, Math.min(100, percent)).toFixed(2)}" height="1"/></svg>`;
