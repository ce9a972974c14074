/**
 * The page's building blocks: every figure is a real table, so nothing is only a picture
 * (the pictures of charts/ show the same figures).
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
