/**
 * Small, hand-checked elections and counts shared by the unit tests. Every number here is
 * chosen so that the arithmetic of the tally sheet squares; tests break it on purpose. And what
 * the seats' tests share: a seat input from its sides, an outcome narrowed to seats, the seats by
 * id, the totals a published percentage allows.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type * as z from 'zod';
import {
  type ElectionDefinition,
  ElectionDefinitionSchema,
  type ElectionHead,
  splitDefinition,
} from '../../shared/domain/election.js';
import { percent } from '../../shared/domain/percent.js';
import type { RunoffSeatAllocation } from '../../shared/domain/runoff-seats.js';
import type { SeatAllocation, SeatInput, SeatOutcome } from '../../shared/domain/seats.js';
import type { MunicipalResults, ReferendumResults } from '../../shared/domain/submission-bodies.js';
import type { SummaryContext } from '../../shared/domain/summary.js';

/** A definition as staff write it (defaults not yet applied), with every top-level field present. */
export type DefinitionInput = Required<
  Omit<
    z.input<typeof ElectionDefinitionSchema>,
    | 'quorumPercent'
    | 'previousElection'
    | 'certifyApprovals'
    | 'countsFrom'
    | 'compareLists'
    | 'firstRound'
    | 'lateAfterMinutes'
  >
> & {
  firstRound?: string;
  quorumPercent?: number;
  previousElection?: string;
  compareLists?: Record<string, string>;
  certifyApprovals?: 1 | 2;
  countsFrom?: string;
  lateAfterMinutes?: number;
};

/** The demo election as the raw JSON text the seeder reads. */
export const demoJson = (): unknown =>
  JSON.parse(readFileSync(new URL('../../events/elections/demo.json', import.meta.url), 'utf8'));

/**
 * A municipal definition (input form) with two candidates: C1 has lists L1 and L2, C2 has L3.
 * Population 48,000: over 15,000, so split voting is allowed and R3 checks totals only.
 */
export function municipalDefinition(): DefinitionInput {
  return {
    id: 'test-2026',
    name: 'Elezioni di prova',
    kind: 'municipal',
    rehearsal: true,
    municipality: { name: 'Prova', istatCode: '012345', population: 48_000 },
    councilSeats: 24,
    maxPreferences: 2,
    turnoutSlots: [
      { id: 'T1', label: 'Domenica ore 12:00', at: '2026-05-24T12:00:00+02:00' },
      { id: 'T2', label: 'Domenica ore 23:00', at: '2026-05-24T23:00:00+02:00' },
      { id: 'T3', label: 'Lunedi ore 15:00', at: '2026-05-25T15:00:00+02:00', final: true },
    ],
    sections: [
      {
        id: '1',
        name: 'Sezione 1',
        district: 'Centro',
        registeredVoters: 1000,
        registeredMale: 480,
        registeredFemale: 520,
      },
      { id: '2', name: 'Sezione 2', district: 'Marina', registeredVoters: 900 },
    ],
    candidates: [
      { id: 'C1', name: 'Giorgio Fede' },
      { id: 'C2', name: 'Carla Onesti' },
    ],
    lists: [
      {
        id: 'L1',
        name: 'Lista Uno',
        candidateId: 'C1',
        councilCandidates: [
          { id: 'L1-1', name: 'Agnelli Alice' },
          { id: 'L1-2', name: 'Bruni Marco' },
          { id: 'L1-3', name: 'Conti Sara' },
        ],
      },
      {
        id: 'L2',
        name: 'Lista Due',
        candidateId: 'C1',
        councilCandidates: [{ id: 'L2-1', name: 'Dini Paolo' }],
      },
      {
        id: 'L3',
        name: 'Lista Tre',
        candidateId: 'C2',
        councilCandidates: [{ id: 'L3-1', name: 'Esposito Anna' }],
      },
    ],
    questions: [],
  };
}

/** A referendum definition (input form) with two questions. */
export function referendumDefinition(): DefinitionInput {
  return {
    id: 'ref-2026',
    name: 'Referendum consultivo',
    kind: 'referendum',
    rehearsal: false,
    municipality: { name: 'Prova', istatCode: '012345', population: 48_000 },
    councilSeats: 0,
    maxPreferences: 0,
    turnoutSlots: [{ id: 'T1', label: 'Domenica ore 23:00', final: true }],
    sections: [{ id: '1', name: 'Sezione 1', registeredVoters: 1000 }],
    candidates: [],
    lists: [],
    questions: [
      { id: 'Q1', text: 'Volete il nuovo parco?' },
      { id: 'Q2', text: 'Volete la nuova biblioteca?' },
    ],
  };
}

export const parseDefinition = (input: unknown): ElectionDefinition => ElectionDefinitionSchema.parse(input);

export const headOf = (input: unknown): ElectionHead => splitDefinition(parseDefinition(input)).head;

/** The municipal head, optionally with another population or maxPreferences. */
export function municipalHead(
  overrides: { population?: number; maxPreferences?: number } = {},
): ElectionHead {
  const definition = municipalDefinition();
  if (overrides.population !== undefined) definition.municipality.population = overrides.population;
  if (overrides.maxPreferences !== undefined) definition.maxPreferences = overrides.maxPreferences;
  return headOf(definition);
}

export const referendumHead = (): ElectionHead => headOf(referendumDefinition());

/**
 * A count that squares in both population bands:
 * 560 voters = 300 + 250 candidate votes + 3 blank + 7 invalid + 0 contested;
 * C1: L1 150 + L2 138 + 12 mayor-only = 300; C2: L3 241 + 9 mayor-only = 250.
 */
export function squareMunicipalResults(): MunicipalResults {
  return {
    voters: 560,
    blankBallots: 3,
    invalidBallots: 7,
    contestedBallots: 0,
    candidateVotes: { C1: 300, C2: 250 },
    candidateOnlyVotes: { C1: 12, C2: 9 },
    listVotes: { L1: 150, L2: 138, L3: 241 },
    preferenceVotes: { 'L1-1': 40, 'L1-2': 35, 'L2-1': 20, 'L3-1': 90 },
  };
}

/** 560 voters = 300 + 250 (Q1) = 280 + 270 (Q2), each + 3 blank + 7 invalid. */
export function squareReferendumResults(): ReferendumResults {
  return {
    voters: 560,
    blankBallots: 3,
    invalidBallots: 7,
    contestedBallots: 0,
    answers: { Q1: { yes: 300, no: 250 }, Q2: { yes: 280, no: 270 } },
  };
}

/** The publisher's context for a summary: sequence 7 of test-2026, not certified. */
export const summaryContext = (): SummaryContext => ({
  seq: 7,
  generatedAt: '2026-05-25T16:02:11Z',
  certified: false,
  paths: {
    sections: '/results/test-2026/sections/',
    definition: '/results/test-2026/definition/abc.json',
    csv: '/results/test-2026/snapshots/7.csv',
  },
});

/** A coalition of a seat input: a mayoral candidate, the votes on their name, and their lists' votes. */
export interface Side {
  id: string;
  votes: number;
  lists: number[];
}

/** The seat input of an election from its sides; list ids are `<candidate>-<n>`. */
export function seatInputOf(population: number, councilSeats: number, sides: readonly Side[]): SeatInput {
  return {
    population,
    councilSeats,
    candidates: sides.map((s) => ({ id: s.id, name: s.id.toUpperCase() })),
    lists: sides.flatMap((s) =>
      s.lists.map((_, i) => ({ id: `${s.id}-${i + 1}`, name: `${s.id} ${i + 1}`, candidateId: s.id })),
    ),
    candidateVotes: Object.fromEntries(sides.map((s) => [s.id, s.votes])),
    listVotes: Object.fromEntries(sides.flatMap((s) => s.lists.map((v, i) => [`${s.id}-${i + 1}`, v]))),
  };
}

/** Narrows a first round's outcome to an allocation, failing the test otherwise. */
export function allocated(outcome: SeatOutcome | null): SeatAllocation {
  if (outcome?.outcome !== 'allocated') throw new Error(`expected seats, got ${JSON.stringify(outcome)}`);
  return outcome;
}

/** Narrows a council after a run-off to one, failing the test on none. */
export function allocatedAfterRunoff(result: RunoffSeatAllocation | null): RunoffSeatAllocation {
  if (result === null) throw new Error('expected seats, got null');
  return result;
}

/** Rows' seats by their id (a coalition's candidate, a list). */
export const seatsById = <T extends { seats: number }>(rows: T[], key: (row: T) => string) =>
  Object.fromEntries(rows.map((r) => [key(r), r.seats]));

/** The totals `base`, from `from` to `to`, for which every `[votes, published percent]` pair holds. */
export function basesFor(pairs: [number, number][], from: number, to: number): number[] {
  const bases: number[] = [];
  for (let base = from; base <= to; base++) {
    if (pairs.every(([votes, p]) => percent(votes, base) === p)) bases.push(base);
  }
  return bases;
}

export const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Every seat of the council is given: the coalitions' seats, and the lists' plus the defeated candidates'. */
export function expectWholeCouncil(result: SeatAllocation, councilSeats: number) {
  expect(sum(result.coalitions.map((c) => c.seats))).toBe(councilSeats);
  expect(sum(result.lists.map((l) => l.seats)) + result.councillorsFromCandidates.length).toBe(councilSeats);
}

/**
 * Every defeated candidate whose coalition won a seat sits, and only they do (TUEL art. 73 c. 11),
 * each seat taken from their coalition's lists.
 */
export function expectDefeatedCandidatesSeated(result: SeatAllocation) {
  const expected = result.coalitions
    .filter((c) => c.candidateId !== result.mayor.candidateId && c.seats > 0)
    .map((c) => c.candidateId);
  expect(result.councillorsFromCandidates).toEqual(expected);
  for (const c of result.coalitions) {
    const lists = sum(result.lists.filter((l) => l.candidateId === c.candidateId).map((l) => l.seats));
    expect(lists).toBe(c.seats - (expected.includes(c.candidateId) ? 1 : 0));
  }
}
