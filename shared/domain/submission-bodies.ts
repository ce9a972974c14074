import * as z from 'zod';
import type { ElectionHead } from './election.js';
import { CountSchema, IdSchema } from './ids.js';

/** A turnout reading for one slot (docs/interface.md, Submissions). */
export const TurnoutReadingSchema = z
  .object({
    voters: CountSchema,
    votersMale: CountSchema.optional(),
    votersFemale: CountSchema.optional(),
  })
  .strict();
export type TurnoutReading = z.infer<typeof TurnoutReadingSchema>;

/**
 * A record keyed by ids. Zod silently skips an own `__proto__` key of a parsed JSON object;
 * such a body is malformed, so it is refused here instead of being half-read.
 */
function idRecord<T extends z.ZodType>(values: T) {
  return z.preprocess(
    (raw, ctx) => {
      if (raw !== null && typeof raw === 'object' && Object.hasOwn(raw, '__proto__')) {
        ctx.addIssue({ code: 'custom', path: ['__proto__'], message: '"__proto__" is not an id' });
      }
      return raw;
    },
    z.record(IdSchema, values),
  );
}

/** Counts keyed by ids that must all belong to the election. */
function countsOf(knownIds: readonly string[], what: string) {
  const known = new Set(knownIds);
  return idRecord(CountSchema).superRefine((counts, ctx) => {
    for (const id of Object.keys(counts)) {
      if (!known.has(id)) ctx.addIssue({ code: 'custom', path: [id], message: `unknown ${what} id "${id}"` });
    }
  });
}

const BallotsShape = {
  voters: CountSchema,
  blankBallots: CountSchema,
  invalidBallots: CountSchema,
  contestedBallots: CountSchema,
};

/** The municipal count, in the order of the official tally sheet. */
export function municipalResultsSchema(head: Pick<ElectionHead, 'candidates' | 'lists'>) {
  const candidateIds = head.candidates.map((c) => c.id);
  const listIds = head.lists.map((l) => l.id);
  const councilIds = head.lists.flatMap((l) => (l.councilCandidates ?? []).map((c) => c.id));
  return z
    .object({
      ...BallotsShape,
      candidateVotes: countsOf(candidateIds, 'candidate'),
      candidateOnlyVotes: countsOf(candidateIds, 'candidate').default({}),
      listVotes: countsOf(listIds, 'list').default({}),
      preferenceVotes: countsOf(councilIds, 'council candidate').default({}),
    })
    .strict();
}

/**
 * The run-off's count (docs/interface.md, Run-off round): the ballots and the two candidates'
 * votes only. A run-off ballot has no list to mark (TUEL art. 72 c. 5: the vote is for one of
 * the two candidates), so list votes, mayor-only votes and preferences are unknown fields. It is
 * read as a municipal count without them, so every reader of a count reads it unchanged.
 */
export function runoffResultsSchema(head: Pick<ElectionHead, 'candidates'>) {
  return z
    .object({
      ...BallotsShape,
      candidateVotes: countsOf(
        head.candidates.map((c) => c.id),
        'candidate',
      ),
    })
    .strict()
    .transform(
      (count): MunicipalResults => ({ ...count, candidateOnlyVotes: {}, listVotes: {}, preferenceVotes: {} }),
    );
}

/** The referendum count: yes and no per question. */
export function referendumResultsSchema(head: Pick<ElectionHead, 'questions'>) {
  const known = new Set(head.questions.map((q) => q.id));
  const AnswerSchema = z.object({ yes: CountSchema, no: CountSchema }).strict();
  return z
    .object({
      ...BallotsShape,
      answers: idRecord(AnswerSchema).superRefine((answers, ctx) => {
        for (const id of Object.keys(answers)) {
          if (!known.has(id))
            ctx.addIssue({ code: 'custom', path: [id], message: `unknown question id "${id}"` });
        }
        for (const id of known) {
          if (!(id in answers))
            ctx.addIssue({ code: 'custom', path: [id], message: `question "${id}" has no answer` });
        }
      }),
    })
    .strict();
}

export type MunicipalResults = z.infer<ReturnType<typeof municipalResultsSchema>>;
export type ReferendumResults = z.infer<ReturnType<typeof referendumResultsSchema>>;
export type SectionResults = MunicipalResults | ReferendumResults;

/** The results schema that fits the election's kind, knowing its ids. */
export function resultsSchemaFor(head: ElectionHead): z.ZodType<SectionResults> {
  if (head.kind === 'referendum') return referendumResultsSchema(head);
  return head.kind === 'runoff' ? runoffResultsSchema(head) : municipalResultsSchema(head);
}

export function isReferendumResults(results: SectionResults): results is ReferendumResults {
  return 'answers' in results;
}

/**
 * A stored results body of either kind, checked for shape only: the stream consumer reads
 * bodies that were fully validated when they were written.
 */
export const StoredResultsSchema: z.ZodType<SectionResults> = z.union([
  z.object({
    ...BallotsShape,
    answers: idRecord(z.object({ yes: CountSchema, no: CountSchema })),
  }),
  z.object({
    ...BallotsShape,
    candidateVotes: idRecord(CountSchema),
    candidateOnlyVotes: idRecord(CountSchema).default({}),
    listVotes: idRecord(CountSchema).default({}),
    preferenceVotes: idRecord(CountSchema).default({}),
  }),
]);
