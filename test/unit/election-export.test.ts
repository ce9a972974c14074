import { describe, expect, it } from 'vitest';
import { exportCdf } from '../../shared/domain/cdf-export.js';
import { parseCsv } from '../../shared/domain/csv.js';
import {
  exportColumns,
  exportCsv,
  exportJson,
  exportStatus,
  type SectionRecord,
} from '../../shared/domain/election-export.js';
import { cdfValidator } from '../helpers/cdf-schema.js';
import {
  municipalDefinition,
  municipalHead,
  referendumDefinition,
  referendumHead,
  squareMunicipalResults,
  squareReferendumResults,
} from './fixtures.js';

const accepted = (body: object, version = 1) => ({
  status: 'accepted' as const,
  version,
  body: body as Record<string, unknown>,
});

/** Section 1 counted and two turnout readings; section 2 flagged. */
function municipalRecords(): SectionRecord[] {
  const [one, two] = municipalDefinition().sections;
  const flagged = { ...squareMunicipalResults(), voters: 999 };
  return [
    {
      section: one as SectionRecord['section'],
      results: accepted(squareMunicipalResults(), 2),
      turnout: { T1: accepted({ voters: 189 }), T3: accepted({ voters: 560 }) },
    },
    {
      section: two as SectionRecord['section'],
      results: { status: 'flagged', version: 1, body: flagged },
      turnout: {},
    },
  ];
}

const context = { generatedAt: '2026-05-25T21:04:05.123Z', status: 'unofficial-partial' as const };

describe('the staff exports', () => {
  it('given a night, when exported as CSV, then there is a row per section with every count and its status', () => {
    // Act
    const [header, ...rows] = parseCsv(exportCsv(municipalHead(), municipalRecords()));
    const records = rows.map((row) => Object.fromEntries((header ?? []).map((name, i) => [name, row[i]])));

    // Assess
    expect(header).toEqual(exportColumns(municipalHead()));
    expect(records.map((r) => [r.section_id, r.results_status, r.results_version])).toEqual([
      ['1', 'accepted', '2'],
      ['2', 'flagged', '1'],
    ]);
    expect(records[0]).toMatchObject({
      voters: '560',
      valid_votes: '550',
      'candidate:C1': '300',
      'candidate_only:C1': '12',
      'list:L3': '241',
      'preference:L1-1': '40',
      'preference:L1-3': '0',
      'turnout:T1': '189',
      'turnout_status:T1': 'accepted',
      'turnout:T2': '',
    });
  });

  it('given the same night, when exported as JSON, then it holds the same rows by column name', () => {
    // Act
    const json = exportJson(municipalHead(), municipalRecords(), context);

    // Assess
    expect(json.sections).toHaveLength(2);
    expect(json.sections[0]).toMatchObject({ section_id: '1', 'candidate:C2': 250, 'list:L1': 150 });
    expect(json.sections[1]).toMatchObject({ section_id: '2', results_status: 'flagged', voters: 999 });
  });

  it('given the export status, then it is certified, complete when every count counts, else partial', () => {
    const records = municipalRecords();
    expect(exportStatus(records, false)).toBe('unofficial-partial');
    expect(exportStatus(records.slice(0, 1), false)).toBe('unofficial-complete');
    expect(exportStatus(records, true)).toBe('certified');
  });

  it('given a municipal night, when exported as NIST CDF, then the document validates against the v2 schema and counts only counted sections', () => {
    // Prepare
    const validate = cdfValidator();

    // Act
    const cdf = exportCdf(municipalHead(), municipalRecords(), context);

    // Assess
    expect(validate(cdf)).toEqual([]);
    const mayor = cdf.Election[0]?.Contest.find((c) => c['@id'] === 'contest-mayor');
    const c1 = mayor?.ContestSelection.find((s) => s['@id'] === 'selection-mayor-C1');
    expect(c1?.VoteCounts).toEqual([
      { '@type': 'ElectionResults.VoteCounts', GpUnitId: 'gpu-section-1', Type: 'total', Count: 300 },
      { '@type': 'ElectionResults.VoteCounts', GpUnitId: 'gpu-municipality', Type: 'total', Count: 300 },
    ]);
    expect(cdf.GeneratedDate).toBe('2026-05-25T21:04:05Z');
    expect(cdf.IsTest).toBe(true);
    const ids = cdf.Election[0]?.Candidate.map((c) => c['@id']) ?? [];
    expect(new Set(ids).size).toBe(ids.length);
    expect(cdf.Election[0]?.BallotCounts.at(-1)).toMatchObject({
      GpUnitId: 'gpu-municipality',
      BallotsCast: 560,
    });
    expect(cdf.GpUnit.filter((u) => u.Type === 'precinct')).toHaveLength(2);
  });

  it('given a referendum, when exported as NIST CDF, then each question is a ballot measure that validates', () => {
    // Prepare
    const [section] = referendumDefinition().sections;
    const records: SectionRecord[] = [
      {
        section: section as SectionRecord['section'],
        results: accepted(squareReferendumResults()),
        turnout: {},
      },
    ];

    // Act
    const cdf = exportCdf(referendumHead(), records, { ...context, status: 'certified' });

    // Assess
    expect(cdfValidator()(cdf)).toEqual([]);
    expect(cdf.Election[0]).toMatchObject({ Type: 'other', OtherType: 'referendum' });
    const q1 = cdf.Election[0]?.Contest.find((c) => c['@id'] === 'contest-question-Q1');
    expect(q1?.ContestSelection.map((s) => s.VoteCounts.at(-1)?.Count)).toEqual([300, 250]);
  });

  it('given a broken document, then the validator says what is wrong (the schema check can fail)', () => {
    const cdf = exportCdf(municipalHead(), municipalRecords(), context) as Record<string, unknown>;
    delete cdf.Issuer;
    expect(cdfValidator()(cdf).join(' ')).toContain('Issuer');
  });
});
