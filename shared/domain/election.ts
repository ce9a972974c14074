import * as z from 'zod';
import { CountSchema, IdSchema } from './ids.js';

const NameSchema = z.string().trim().min(1).max(200);

export const TurnoutSlotSchema = z
  .object({
    id: IdSchema,
    label: NameSchema,
    at: z.iso.datetime({ offset: true }).optional(),
    final: z.boolean().optional(),
    /** The turnout at the same time of `previousElection`, for the public comparison. */
    previousPercent: z.number().min(0).max(100).optional(),
  })
  .strict();

export const SectionSchema = z
  .object({
    id: IdSchema,
    name: NameSchema,
    district: NameSchema.optional(),
    registeredVoters: CountSchema,
    registeredMale: CountSchema.optional(),
    registeredFemale: CountSchema.optional(),
  })
  .strict();

export const CandidateSchema = z.object({ id: IdSchema, name: NameSchema }).strict();

export const CouncilCandidateSchema = z.object({ id: IdSchema, name: NameSchema }).strict();

export const ListSchema = z
  .object({
    id: IdSchema,
    name: NameSchema,
    candidateId: IdSchema,
    councilCandidates: z.array(CouncilCandidateSchema).max(200).optional(),
  })
  .strict();

export const QuestionSchema = z.object({ id: IdSchema, text: z.string().trim().min(1).max(2000) }).strict();

const ElectionShapeSchema = z
  .object({
    id: IdSchema,
    name: NameSchema,
    kind: z.enum(['municipal', 'referendum']),
    rehearsal: z.boolean().default(false),
    /** The earlier election the turnout slots' `previousPercent` come from, e.g. "Comunali 2021". */
    previousElection: NameSchema.optional(),
    municipality: z
      .object({
        name: NameSchema,
        istatCode: z.string().regex(/^\d{6}$/, 'the ISTAT code has six digits'),
        population: z.number().int().positive(),
      })
      .strict(),
    councilSeats: z.number().int().min(0).max(100).default(0),
    maxPreferences: z.number().int().min(0).max(5).default(0),
    turnoutSlots: z.array(TurnoutSlotSchema).max(12),
    sections: z.array(SectionSchema).min(1).max(100_000),
    candidates: z.array(CandidateSchema).max(100).default([]),
    lists: z.array(ListSchema).max(500).default([]),
    questions: z.array(QuestionSchema).max(50).default([]),
    /** Referendum only: the share of registered electors who must vote (50 by default; 0 for none). */
    quorumPercent: z.number().min(0).max(100).optional(),
    /** How many different supervisors must certify (docs/interface.md, Staff accounts); 1 when absent. */
    certifyApprovals: z.union([z.literal(1), z.literal(2)]).optional(),
    /** Minutes after a turnout slot's `at` before a section with no reading is shown late to staff (30 when absent). */
    lateAfterMinutes: z.number().int().min(0).max(1440).optional(),
    /** The close of the polls (ISO 8601 with offset): counts are published from this instant on (counts-from.ts). */
    countsFrom: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

type ElectionShape = z.infer<typeof ElectionShapeSchema>;

/** Issues that only the whole definition reveals: duplicates, dangling links, kind rules. */
export function findDefinitionIssues(
  election: ElectionShape,
): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const reportDuplicates = (ids: string[], path: string) => {
    const seen = new Set<string>();
    ids.forEach((id, index) => {
      if (seen.has(id)) issues.push({ path: [path, index, 'id'], message: `duplicate id "${id}"` });
      seen.add(id);
    });
  };
  reportDuplicates(
    election.sections.map((s) => s.id),
    'sections',
  );
  reportDuplicates(
    election.turnoutSlots.map((s) => s.id),
    'turnoutSlots',
  );
  reportDuplicates(
    election.candidates.map((c) => c.id),
    'candidates',
  );
  reportDuplicates(
    election.lists.map((l) => l.id),
    'lists',
  );
  reportDuplicates(
    election.questions.map((q) => q.id),
    'questions',
  );
  const councilIds = election.lists.flatMap((l) => (l.councilCandidates ?? []).map((c) => c.id));
  const seenCouncil = new Set<string>();
  for (const id of councilIds) {
    if (seenCouncil.has(id))
      issues.push({ path: ['lists'], message: `council candidate id "${id}" is used twice` });
    seenCouncil.add(id);
  }

  const candidateIds = new Set(election.candidates.map((c) => c.id));
  election.lists.forEach((list, index) => {
    if (!candidateIds.has(list.candidateId)) {
      issues.push({
        path: ['lists', index, 'candidateId'],
        message: `list "${list.id}" is linked to unknown candidate "${list.candidateId}"`,
      });
    }
  });

  if (election.turnoutSlots.some((s) => s.previousPercent !== undefined) && !election.previousElection) {
    issues.push({
      path: ['previousElection'],
      message: 'previousPercent needs previousElection: the election it is compared with',
    });
  }
  if (election.turnoutSlots.filter((s) => s.final).length > 1) {
    issues.push({ path: ['turnoutSlots'], message: 'at most one turnout slot is final' });
  }
  const times = election.turnoutSlots.map((s) => (s.at ? Date.parse(s.at) : undefined));
  times.forEach((time, index) => {
    const previous = times.slice(0, index).filter((t): t is number => t !== undefined);
    if (time !== undefined && previous.some((p) => p >= time)) {
      issues.push({
        path: ['turnoutSlots', index, 'at'],
        message: 'turnout slots must be in chronological order',
      });
    }
  });

  election.sections.forEach((section, index) => {
    const { registeredMale: male, registeredFemale: female } = section;
    if (male !== undefined && female !== undefined && male + female !== section.registeredVoters) {
      issues.push({
        path: ['sections', index],
        message: `section "${section.id}": registeredMale + registeredFemale must equal registeredVoters`,
      });
    }
  });

  if (election.kind === 'municipal') {
    // TUEL art. 71 c. 3, art. 73 c. 2: every mayoral candidate is linked to at least one list.
    for (const [index, candidate] of election.candidates.entries()) {
      if (!election.lists.some((l) => l.candidateId === candidate.id)) {
        issues.push({
          path: ['candidates', index],
          message: `candidate "${candidate.id}" has no linked list`,
        });
      }
    }
    if (election.candidates.length === 0)
      issues.push({ path: ['candidates'], message: 'a municipal election needs candidates' });
    if (election.questions.length > 0)
      issues.push({ path: ['questions'], message: 'a municipal election has no questions' });
  } else {
    if (election.questions.length === 0)
      issues.push({ path: ['questions'], message: 'a referendum needs questions' });
    if (election.candidates.length > 0 || election.lists.length > 0) {
      issues.push({ path: ['candidates'], message: 'a referendum has no candidates or lists' });
    }
  }
  return issues;
}

/** The election definition (docs/interface.md, Defining an election), validated as a whole. */
export const ElectionDefinitionSchema = ElectionShapeSchema.superRefine((election, ctx) => {
  for (const issue of findDefinitionIssues(election)) {
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }
});

export type ElectionDefinition = z.infer<typeof ElectionDefinitionSchema>;
export type Section = z.infer<typeof SectionSchema>;
export type TurnoutSlot = z.infer<typeof TurnoutSlotSchema>;

/** The definition without its sections: what fits in one item at any scale. */
export type ElectionHead = Omit<ElectionDefinition, 'sections'> & {
  sectionCount: number;
  registeredVoters: number;
};

/** Splits a definition into its head and its sections, so no item grows with the section count. */
export function splitDefinition(definition: ElectionDefinition): { head: ElectionHead; sections: Section[] } {
  const { sections, ...rest } = definition;
  return {
    head: {
      ...rest,
      sectionCount: sections.length,
      registeredVoters: sections.reduce((sum, s) => sum + s.registeredVoters, 0),
    },
    sections,
  };
}
