/**
 * The staff exports (docs/interface.md, Staff reads): every section's current items read once, then
 * shaped as CSV, JSON or NIST CDF by the pure functions of shared/domain.
 */
import type { Submission } from '../db/submissions.js';
import { exportCdf } from '../domain/cdf-export.js';
import { exportCsv, exportJson, exportStatus, type SectionRecord } from '../domain/election-export.js';
import { ValidationError } from '../errors.js';
import { currentSections } from './current-sections.js';
import { loadElection } from './election-context.js';

export const EXPORT_FORMATS = ['csv', 'json', 'cdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function exportFormatOf(value: string | undefined): ExportFormat {
  const format = (value ?? 'json') as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) {
    throw new ValidationError(`unknown export format "${value}"`, [
      { path: ['format'], message: `one of ${EXPORT_FORMATS.join(', ')}` },
    ]);
  }
  return format;
}

async function sectionRecords(electionId: string, slotIds: string[]): Promise<SectionRecord[]> {
  const item = (s: Submission) => ({
    status: s.status,
    version: s.version,
    body: s.body as Record<string, unknown>,
  });
  return (await currentSections(electionId, slotIds)).map(({ section, stored }) => {
    const results = stored.find((s) => s.kind === 'results');
    return {
      section,
      results: results ? item(results) : null,
      turnout: Object.fromEntries(
        stored.filter((s) => s.kind === 'turnout').map((s) => [s.slotId ?? '', item(s)]),
      ),
    };
  });
}

/** The export as a file: its text, content type and a file name for staff to keep. */
export async function exportElection(electionId: string, format: ExportFormat) {
  const { head, state } = await loadElection(electionId);
  const records = await sectionRecords(
    electionId,
    head.turnoutSlots.map((s) => s.id),
  );
  const context = {
    generatedAt: new Date().toISOString(),
    status: exportStatus(records, state.state === 'certified'),
  };
  if (format === 'csv')
    return {
      body: exportCsv(head, records),
      contentType: 'text/csv; charset=utf-8; header=present',
      fileName: `${electionId}-sections.csv`,
    };
  const document = format === 'cdf' ? exportCdf(head, records, context) : exportJson(head, records, context);
  return {
    body: JSON.stringify(document),
    contentType: 'application/json; charset=utf-8',
    fileName: `${electionId}-${format === 'cdf' ? 'nist-cdf' : 'sections'}.json`,
  };
}
