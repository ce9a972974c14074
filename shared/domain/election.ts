import * as z from 'zod';
import { CountSchema, IdSchema } from './ids.js';
import { type PollingPlace, pollingPlacesOf } from './polling-places.js';

const NameSchema = z.string().trim().min(1).max(200);

/** A colour the page draws a candidate or a list in: `#rrggbb`. */
export const ColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb, six hex digits');

/** Where a section votes, for the page's map: degrees, and the polling place's name. */
export const LocationSchema = z
  .object({
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    place: NameSchema.optional(),
  })
  .strict();

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
    location: LocationSchema.optional(),
  })
  .strict();

export const CandidateSchema = z
  .object({
    id: IdSchema,
    name: NameSchema,
    color: ColorSchema.optional(),
    /**
     * Optional (YYYY-MM-DD): at a run-off tied in votes and in the groups' first-round votes the
     * elder is elected (TUEL art. 72 c. 9), and a first-round tie for second place admits the
     * elder (art. 72 c. 5).
     */
    birthDate: z.iso.date().optional(),
  })
  .strict();

export const CouncilCandidateSchema = z.object({ id: IdSchema, name: NameSchema }).strict();

export const ListSchema = z
  .object({
    id: IdSchema,
    name: NameSchema,
    candidateId: IdSchema,
    color: ColorSchema.optional(),
    councilCandidates: z.array(CouncilCandidateSchema).max(200).optional(),
  })
  .strict();

export const QuestionSchema = z.object({ id: IdSchema, text: z.string().trim().min(1).max(2000) }).strict();

const ElectionShapeSchema = z
  .object({
    id: IdSchema,
    name: NameSchema,
    kind: z.enum(['municipal', 'referendum', 'runoff']),
    /** Run-off only: the id of the first round it follows (docs/interface.md, Run-off round). */
    firstRound: IdSchema.optional(),
    rehearsal: z.boolean().default(false),
    /**
     * The earlier election compared with: its id when it is published by this system (then the
     * summary's `comparison`, comparison.ts), or just its name (e.g. "Comunali 2021") for the
     * turnout slots' `previousPercent`.
     */
    previousElection: NameSchema.optional(),
    /** Which list of `previousElection` each list is compared with, where names do not say. */
    compareLists: z.record(IdSchema, IdSchema).optional(),
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
  const collections = ['sections', 'turnoutSlots', 'candidates', 'lists', 'questions'] as const;
  for (const path of collections)
    reportDuplicates(
      election[path].map((item) => item.id),
      path,
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
  if (election.compareLists && !election.previousElection) {
    issues.push({ path: ['compareLists'], message: 'compareLists needs previousElection' });
  }
  const listIds = new Set(election.lists.map((l) => l.id));
  for (const listId of Object.keys(election.compareLists ?? {})) {
    if (!listIds.has(listId))
      issues.push({ path: ['compareLists', listId], message: `compareLists names unknown list "${listId}"` });
  }
  if (election.previousElection === election.id) {
    issues.push({ path: ['previousElection'], message: 'an election is not compared with itself' });
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

  if (election.kind === 'runoff') {
    // TUEL art. 72 c. 5 (art. 71 c. 6 up to 15,000 inhabitants): the two candidates with the most
    // votes at the first round; what the first round says is checked when it is defined.
    if (election.firstRound === undefined)
      issues.push({ path: ['firstRound'], message: 'a run-off names its first round' });
    else if (election.firstRound === election.id)
      issues.push({ path: ['firstRound'], message: 'a run-off cannot follow itself' });
    if (election.candidates.length !== 2)
      issues.push({ path: ['candidates'], message: 'a run-off has exactly two candidates' });
  } else if (election.firstRound !== undefined) {
    issues.push({ path: ['firstRound'], message: 'only a run-off has a first round' });
  }
  if (election.kind !== 'referendum') {
    // TUEL art. 71 c. 3, art. 73 c. 2: every mayoral candidate is linked to at least one list
    // (at a run-off, art. 72 c. 7: the first round's links stay).
    for (const [index, candidate] of election.candidates.entries()) {
      if (!election.lists.some((l) => l.candidateId === candidate.id)) {
        issues.push({
          path: ['candidates', index],
          message: `candidate "${candidate.id}" has no linked list`,
        });
      }
    }
    if (election.candidates.length === 0)
      issues.push({ path: ['candidates'], message: `a ${election.kind} election needs candidates` });
    if (election.questions.length > 0)
      issues.push({ path: ['questions'], message: `a ${election.kind} election has no questions` });
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
  /** The polling places of the sections that give a location, for the page's map (polling-places.ts). */
  places?: PollingPlace[];
};

/** Splits a definition into its head and its sections, so no item grows with the section count. */
export function splitDefinition(definition: ElectionDefinition): { head: ElectionHead; sections: Section[] } {
  const { sections, ...rest } = definition;
  const places = pollingPlacesOf(sections);
  return {
    head: {
      ...rest,
      sectionCount: sections.length,
      registeredVoters: sections.reduce((sum, s) => sum + s.registeredVoters, 0),
      ...(places.length ? { places } : {}),
    },
    sections,
  };
}
