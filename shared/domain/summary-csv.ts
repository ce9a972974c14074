/**
 * The published summary as open data in CSV: one row per figure, the same numbers as the JSON.
 * Columns are stable and in English (the JSON's field names), one record type per row.
 */
import { type CsvCell, toCsv } from './csv.js';
import type { Summary } from './summary.js';

export const SUMMARY_CSV_HEADER = [
  'election_id',
  'seq',
  'generated_at',
  'status',
  'rehearsal',
  'record',
  'id',
  'name',
  'candidate_id',
  'votes',
  'percent',
  'sections_reported',
  'sections_total',
  /** Council seats (a projection until the status is final): a candidate's coalition's, a list's. */
  'seats',
];

export function summaryCsv(s: Summary): string {
  const row = (
    record: string,
    id: string,
    name: string,
    candidateId: string | null,
    votes: number,
    percent: number | null,
    sectionsReported = s.sections.reported,
    seats: number | null = null,
  ): CsvCell[] => [
    s.electionId,
    s.seq,
    s.generatedAt,
    s.status,
    String(s.rehearsal),
    record,
    id,
    name,
    candidateId,
    votes,
    percent,
    sectionsReported,
    s.sections.total,
    seats,
  ];
  const allocation = s.seats?.outcome === 'allocated' ? s.seats : null;
  const coalitionSeats = new Map(allocation?.coalitions.map((c) => [c.candidateId, c.seats]));
  const listSeats = new Map(allocation?.lists.map((l) => [l.listId, l.seats]));
  const totals = Object.entries(s.totals).map(([key, value]) => row('ballots', key, key, null, value, null));
  const turnout = s.turnout.map((t) =>
    row('turnout', t.slotId, t.label, null, t.voters, t.percent, t.sectionsReported),
  );
  // Before the close of the polls no count is published: no vote rows at all, not rows of zeros.
  if (s.countsPublished === false) return toCsv(SUMMARY_CSV_HEADER, [...turnout, ...totals]);
  return toCsv(SUMMARY_CSV_HEADER, [
    ...turnout,
    ...totals,
    ...s.candidates.map((c) =>
      row('candidate', c.id, c.name, null, c.votes, c.percent, undefined, coalitionSeats.get(c.id) ?? null),
    ),
    ...s.lists.map((l) =>
      row('list', l.id, l.name, l.candidateId, l.votes, l.percent, undefined, listSeats.get(l.id) ?? null),
    ),
    ...s.answers.flatMap((a) => [
      row('answer-yes', a.questionId, a.text, null, a.yes, a.percentYes),
      row('answer-no', a.questionId, a.text, null, a.no, a.percentNo),
    ]),
  ]);
}
