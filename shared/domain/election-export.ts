/**
 * The staff exports (docs/interface.md, Staff reads), built from the definition and every section's
 * current items: one row per section with every count (CSV and JSON), and the NIST SP 1500-100
 * v2 Election Results Common Data Format. Pure: the use case reads, these functions shape.
 */
import { type CsvCell, toCsv } from './csv.js';
import type { ElectionHead, Section } from './election.js';
import { isCounted, type SubmissionStatus } from './status.js';

export interface StoredItem {
  status: SubmissionStatus;
  version: number;
  body: Record<string, unknown>;
}

/** A section as the exports see it: its definition, its current count and turnout readings. */
export interface SectionRecord {
  section: Section;
  results: StoredItem | null;
  turnout: Record<string, StoredItem>;
}

const countsIn = (body: Record<string, unknown> | undefined, field: string): Record<string, number> =>
  (body?.[field] as Record<string, number> | undefined) ?? {};
const numberIn = (body: Record<string, unknown> | undefined, field: string): number | null =>
  typeof body?.[field] === 'number' ? (body[field] as number) : null;

/** The columns, in a stable order: the section, the count in tally-sheet order, then turnout. */
export function exportColumns(head: ElectionHead): string[] {
  const council = head.lists.flatMap((l) => (l.councilCandidates ?? []).map((c) => c.id));
  return [
    'election_id',
    'section_id',
    'section_name',
    'district',
    'registered_voters',
    'results_status',
    'results_version',
    'voters',
    'blank_ballots',
    'invalid_ballots',
    'contested_ballots',
    'valid_votes',
    ...head.candidates.flatMap((c) => [`candidate:${c.id}`, `candidate_only:${c.id}`]),
    ...head.lists.map((l) => `list:${l.id}`),
    ...council.map((id) => `preference:${id}`),
    ...head.questions.flatMap((q) => [`yes:${q.id}`, `no:${q.id}`]),
    ...head.turnoutSlots.flatMap((s) => [`turnout:${s.id}`, `turnout_status:${s.id}`]),
  ];
}

/** One row per section, every count it has stored (flagged ones too, with their status). */
export function exportRow(head: ElectionHead, record: SectionRecord): CsvCell[] {
  const body = record.results?.body;
  const voters = numberIn(body, 'voters');
  const blank = numberIn(body, 'blankBallots');
  const invalid = numberIn(body, 'invalidBallots');
  const contested = numberIn(body, 'contestedBallots');
  const candidateVotes = countsIn(body, 'candidateVotes');
  const candidateOnly = countsIn(body, 'candidateOnlyVotes');
  const listVotes = countsIn(body, 'listVotes');
  const preferences = countsIn(body, 'preferenceVotes');
  const answers = (body?.answers as Record<string, { yes: number; no: number }> | undefined) ?? {};
  const has = body !== undefined;
  return [
    head.id,
    record.section.id,
    record.section.name,
    record.section.district ?? null,
    record.section.registeredVoters,
    record.results?.status ?? 'not-reported',
    record.results?.version ?? null,
    voters,
    blank,
    invalid,
    contested,
    voters === null ? null : voters - (blank ?? 0) - (invalid ?? 0) - (contested ?? 0),
    ...head.candidates.flatMap((c) =>
      has ? [candidateVotes[c.id] ?? 0, candidateOnly[c.id] ?? 0] : [null, null],
    ),
    ...head.lists.map((l) => (has ? (listVotes[l.id] ?? 0) : null)),
    ...head.lists.flatMap((l) =>
      (l.councilCandidates ?? []).map((c) => (has ? (preferences[c.id] ?? 0) : null)),
    ),
    ...head.questions.flatMap((q) =>
      has ? [answers[q.id]?.yes ?? 0, answers[q.id]?.no ?? 0] : [null, null],
    ),
    ...head.turnoutSlots.flatMap((s) => {
      const reading = record.turnout[s.id];
      return [reading ? numberIn(reading.body, 'voters') : null, reading?.status ?? null];
    }),
  ];
}

export function exportCsv(head: ElectionHead, records: SectionRecord[]): string {
  return toCsv(
    exportColumns(head),
    records.map((r) => exportRow(head, r)),
  );
}

export type ExportStatus = 'unofficial-partial' | 'unofficial-complete' | 'certified';

/** The results status of an export: certified, complete once every section's count counts, else partial. */
export function exportStatus(records: SectionRecord[], certified: boolean): ExportStatus {
  if (certified) return 'certified';
  return records.every((r) => r.results && isCounted(r.results.status))
    ? 'unofficial-complete'
    : 'unofficial-partial';
}

/** The same rows as JSON: every column by name, counts as numbers. */
export function exportJson(
  head: ElectionHead,
  records: SectionRecord[],
  context: { generatedAt: string; status: ExportStatus },
) {
  const columns = exportColumns(head);
  return {
    electionId: head.id,
    name: head.name,
    rehearsal: head.rehearsal,
    generatedAt: context.generatedAt,
    status: context.status,
    columns,
    sections: records.map((r) => Object.fromEntries(exportRow(head, r).map((cell, i) => [columns[i], cell]))),
  };
}
