import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '../../shared/domain/csv.js';
import { buildSummary } from '../../shared/domain/summary.js';
import { SUMMARY_CSV_HEADER, summaryCsv } from '../../shared/domain/summary-csv.js';
import { tallyOfResults } from '../../shared/domain/tally.js';
import { municipalHead, squareMunicipalResults } from './fixtures.js';

describe('CSV open data', () => {
  it('given any text cells, when written and read back, then every cell comes back as it was', () => {
    // Formula-like cells are defused on purpose (tested below), so they are left out here.
    const cell = fc
      .string({ unit: 'grapheme', maxLength: 20 })
      .filter((s) => !/(^|[,;\r\n])[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 10 }), (rows) => {
        const parsed = parseCsv(toCsv(['a', 'b', 'c'], rows));
        expect(parsed).toEqual([['a', 'b', 'c'], ...rows]);
      }),
    );
  });

  it('given a name a spreadsheet would run as a formula, or a negative number, when written, then each is defused with an apostrophe', () => {
    // Act
    const [, row] = parseCsv(toCsv(['name', 'votes'], [['=HYPERLINK("http://x")', -3]]));

    // Assess
    expect(row).toEqual(['\'=HYPERLINK("http://x")', "'-3"]);
  });

  it('given a summary, when written as CSV, then it starts with a byte-order mark and holds the same figures as the JSON', () => {
    // Prepare
    const summary = buildSummary(municipalHead(), tallyOfResults(squareMunicipalResults(), 1000), {
      seq: 3,
      generatedAt: '2026-05-25T16:02:11Z',
      certified: false,
      paths: { sections: '/s/', definition: '/d.json', csv: '/c.csv' },
    });

    // Act
    const text = summaryCsv(summary);
    const [header, ...rows] = parseCsv(text);
    const records = rows.map((row) =>
      Object.fromEntries(SUMMARY_CSV_HEADER.map((name, i) => [name, row[i]])),
    );

    // Assess
    expect(text.startsWith('\uFEFFelection_id,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(header).toEqual(SUMMARY_CSV_HEADER);
    expect(
      records.filter((r) => r.record === 'candidate').map((r) => [r.id, Number(r.votes), Number(r.percent)]),
    ).toEqual(summary.candidates.map((c) => [c.id, c.votes, c.percent]));
    expect(
      records.filter((r) => r.record === 'list').map((r) => [r.id, r.candidate_id, Number(r.votes)]),
    ).toEqual(summary.lists.map((l) => [l.id, l.candidateId, l.votes]));
    expect(records.find((r) => r.id === 'validVotes')?.votes).toBe(String(summary.totals.validVotes));
    expect(new Set(records.map((r) => r.sections_total))).toEqual(new Set(['2']));
    const allocation = summary.seats?.outcome === 'allocated' ? summary.seats : undefined;
    expect(allocation).toBeDefined();
    expect(records.filter((r) => r.record === 'list').map((r) => [r.id, Number(r.seats)])).toEqual(
      allocation?.lists.map((l) => [l.listId, l.seats]),
    );
    expect(records.filter((r) => r.record === 'turnout').every((r) => r.seats === '')).toBe(true);
  });
});
