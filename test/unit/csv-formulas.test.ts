/**
 * Exports written for spreadsheets neutralise formulas whatever the separator the spreadsheet
 * splits on: `,` (RFC 4180) or `;` (Italian and most European locales), whether it reads quotes
 * or splits naively.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvCell, parseCsv, toCsv } from '../../shared/domain/csv.js';
import { exportCsv, type SectionRecord } from '../../shared/domain/election-export.js';
import { municipalDefinition, municipalHead, squareMunicipalResults } from './fixtures.js';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Every field a reader could see in `text`, splitting on `separator`: quote-aware, then naively. */
function fieldsOf(text: string, separator: ',' | ';'): string[] {
  const body = text.replace(/^\uFEFF/, '');
  const parsed = parseCsv(body, separator).flat();
  // A naive reader: lines split on any line end, then on the separator, quotes ignored.
  const naive = body.split(/\r\n|\r|\n/).flatMap((line) => line.split(separator));
  // A quote-aware reader for one separator whose cells are then split on the other.
  const other = separator === ',' ? ';' : ',';
  const resplit = parsed.flatMap((cell) => cell.split(/\r\n|\r|\n/)).flatMap((cell) => cell.split(other));
  return [...parsed, ...naive, ...resplit];
}

const dangerous = (field: string) => FORMULA_START.test(field);

/** Text made mostly of what a formula injection is built from. */
const hostileText = fc.string({
  unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', ',', ';', '"', "'", ' ', 'a', '1', 'S'),
  maxLength: 16,
});
const anyCell: fc.Arbitrary<CsvCell> = fc.oneof(
  hostileText,
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.constant(null),
);

describe('CSV for spreadsheets, whatever their separator', () => {
  it('given any cells, then no field split on "," or ";" (after CSV parsing or naive splitting) starts a formula unless neutralised', () => {
    fc.assert(
      fc.property(fc.array(fc.array(anyCell, { minLength: 1, maxLength: 4 }), { maxLength: 6 }), (rows) => {
        const text = toCsv(['name', 'votes'], rows);
        for (const separator of [',', ';'] as const) {
          const offending = fieldsOf(text, separator).filter(dangerous);
          expect(offending, JSON.stringify({ separator, text })).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('given any text cells, when parsed back with ",", then they read as written but for apostrophes before formula starts', () => {
    fc.assert(
      fc.property(fc.array(hostileText, { minLength: 1, maxLength: 4 }), (cells) => {
        const [, row = []] = parseCsv(toCsv(['a'], [cells]));
        expect(row.map((cell) => cell.replaceAll("'", ''))).toEqual(
          cells.map((cell) => cell.replaceAll("'", '')),
        );
      }),
    );
  });

  it('given a section named "Scuola;=1+1;x", when the staff export is opened by an Italian spreadsheet, then it is one cell and no part of it is a formula', () => {
    // Prepare
    const [one] = municipalDefinition().sections;
    const records: SectionRecord[] = [
      {
        section: { ...(one as SectionRecord['section']), name: 'Scuola;=1+1;x' },
        results: {
          status: 'accepted',
          version: 1,
          body: squareMunicipalResults() as Record<string, unknown>,
        },
        turnout: {},
      },
    ];

    // Act
    const text = exportCsv(municipalHead(), records);

    // Assess: the name is one quoted cell, so a reader splitting on ";" that honours quotes keeps it whole...
    const [header, row] = parseCsv(text);
    expect(row?.[(header ?? []).indexOf('section_name')]).toBe("Scuola;'=1+1;x");
    expect(text).toContain('"Scuola;\'=1+1;x"');
    // ...and one that splits naively sees "Scuola, "'=1+1" and "x": text, not a formula.
    expect(text.split(';')).toContain("'=1+1");
    expect(fieldsOf(text, ';').filter(dangerous)).toEqual([]);
    expect(fieldsOf(text, ',').filter(dangerous)).toEqual([]);
  });
});
