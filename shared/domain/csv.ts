/**
 * CSV as RFC 4180 writes it and spreadsheets read it: UTF-8 with a byte-order mark (so
 * LibreOffice and Excel detect the encoding), CRLF line ends, and quotes only where needed.
 */
export type CsvCell = string | number | null;

/** What a spreadsheet runs as a formula when a field starts with it (OWASP, CSV injection). */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);
/**
 * Where a spreadsheet may start a field inside our text: after a comma, and after a semicolon too,
 * the separator of Italian (and most European) spreadsheets, which split `Scuola;=1+1;x` into
 * three fields; after a line end, for a reader that splits lines before it reads quotes.
 */
const FIELD_BOUNDARY = new Set([',', ';', '\r', '\n']);

/**
 * A text cell with an apostrophe before every character that could start a formula at the start
 * of a field, whichever separator the reader splits on: at the cell's start and after each `,`,
 * `;` or line end inside it. The apostrophe is what OWASP advises; a spreadsheet shows the text.
 */
function neutralised(text: string): string {
  let out = '';
  for (const c of text) {
    const last = out.at(-1);
    if (FORMULA_START.has(c) && (last === undefined || FIELD_BOUNDARY.has(last))) out += "'";
    out += c;
  }
  return out;
}

/**
 * Every cell is neutralised, a negative number too: a reader splitting on `;` sees `-3,x` as one
 * field, and a field starting with `-` may be read as a formula (a count that does not square can
 * have negative valid votes). Text is quoted when it holds a quote, a line end, or either
 * separator, so a reader that splits on `;` and honours quotes keeps it whole as well.
 */
const quoted = (cell: CsvCell) => {
  const text = cell === null ? '' : neutralised(String(cell));
  return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** One record, with its line end: for writing a file a row at a time. */
export const csvLine = (cells: CsvCell[]) => `${cells.map(quoted).join(',')}\r\n`;

export function toCsv(header: string[], rows: CsvCell[][]): string {
  return `\uFEFF${[header, ...rows].map(csvLine).join('')}`;
}

/**
 * Reads back what toCsv writes (for tests and tools): quoted cells, doubled quotes, CRLF; with
 * `separator` `;`, as a spreadsheet set to semicolons reads it.
 */
export function parseCsv(text: string, separator: ',' | ';' = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let inQuotes = false;
  const input = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (inQuotes) {
      if (c === '"' && input[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') inQuotes = false;
      else cell += c;
    } else if (c === '"') inQuotes = true;
    else if (c === separator) {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && input[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}
