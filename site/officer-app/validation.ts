/**
 * A form's typed values judged as the server will judge them: read into a body, validated by the
 * server's own zod schema, then run through the server's checks R1-R6. Pure: the fields, the
 * section and the words in, a verdict out (live-checks.ts puts it beside the form).
 */
import { checksFor } from '../../shared/domain/section-checks.js';
import { resultsSchemaFor, TurnoutReadingSchema } from '../../shared/domain/submission-bodies.js';
import type { AppMessages } from './messages.js';
import type { SectionData } from './officer-api.js';
import type { OutboxTarget } from './outbox.js';
import { currentItems } from './state.js';
import { readTally } from './tally-form.js';

/** A form ready to send (with what the checks say of it), or why not and which fields are wrong. */
export type Draft =
  | { ok: true; target: OutboxTarget; body: unknown; checks: ReturnType<typeof checksFor> }
  | { ok: false; message: string; fields: string[] };

/** A field's name in the officer's words (its label on the form). */
type LabelOf = (name: string) => string;

/** Required fields left empty: not yet a draft, and which ones. */
export const missingDraft = (names: string[], t: AppMessages, labelOf: LabelOf): Draft => ({
  ok: false,
  message: t.form.required(names.map(labelOf)),
  fields: names,
});

/**
 * The form's fields as a body: a turnout reading for `slotId`, or the count. Invalid numbers and
 * what the schema refuses are named; a valid body comes with its failed checks.
 */
export function draftOf(
  fields: [string, string][],
  slotId: string | undefined,
  data: SectionData,
  t: AppMessages,
  labelOf: LabelOf,
): Draft {
  const { body, invalid } = readTally(fields);
  if (invalid.length)
    return { ok: false, message: t.form.wholeNumbers(invalid.map(labelOf)), fields: invalid };
  const target: OutboxTarget = slotId ? { kind: 'turnout', slotId } : { kind: 'results' };
  const schema = slotId ? TurnoutReadingSchema : resultsSchemaFor(data.election);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const names = parsed.error.issues.map((issue) => issue.path.join('.')).filter(Boolean);
    return { ok: false, message: t.form.missing(names.map(labelOf)), fields: names };
  }
  const checks = checksFor(data.election, data.section, { ...target, body: parsed.data }, currentItems(data));
  // What is sent is what the schema took: a run-off's parsed count also carries the empty list
  // fields its readers expect, which the schema itself refuses as input.
  const sent = data.election.kind === 'runoff' ? body : parsed.data;
  return { ok: true, target, body: sent, checks };
}

/** The sums shown as the officer types: valid votes, and the candidates' votes added up. */
export function liveSums(
  value: (name: string) => number,
  election: SectionData['election'],
): { valid: number; candidates: number } {
  return {
    valid: value('voters') - value('blankBallots') - value('invalidBallots') - value('contestedBallots'),
    candidates: election.candidates.reduce((sum, c) => sum + value(`candidateVotes.${c.id}`), 0),
  };
}
