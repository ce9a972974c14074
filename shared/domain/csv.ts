/**
 * CSV as RFC 4180 writes it and spreadsheets read it: UTF-8 with a byte-order mark (so
 * LibreOffice and Excel detect the encoding), CRLF line ends, and quotes only where needed.
 */
export type CsvCell = string | number | null;

/**
 * A text cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice
 * against CSV injection); numbers are written as they are.
 */
const quoted = (cell: CsvCell) => {
  const text =
    cell === null ? '' : typeof cell === 'number' ? String(cell) : cell.replace(/^[=+\-@\t\r]/, "'$&");
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** One record, with its line end: for writing a file a row at a time. */
export const csvLine = (cells: CsvCell[]) => `${cells.map(quoted).join(',')}\r\n`;

export function toCsv(header: string[], rows: CsvCell[][]): string {
  return `\uFEFF${[header, ...rows].map(csvLine).join('')}`;
}

/** Reads back what toCsv writes (for tests and tools): quoted cells, doubled quotes, CRLF. */
export function parseCsv(text: string): string[][] {
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
    else if (c === ',') {
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
