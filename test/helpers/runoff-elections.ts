/**
 * A first round with no winner and its run-off, shared by the run-off round's tests: three
 * candidates, C1 (lists L1, L2), C2 (L3) and C3 (L4), 48,000 inhabitants, 24 seats. C1 and C2 go
 * to the run-off; C3's list L4 joins C2 (apparentamento, TUEL art. 72 c. 7).
 */
import type * as z from 'zod';
import type { ElectionDefinitionSchema } from '../../shared/domain/election.js';

type DefinitionInput = z.input<typeof ElectionDefinitionSchema> & {
  candidates: { id: string; name: string; birthDate?: string }[];
  lists: { id: string; name: string; candidateId: string }[];
};

export function firstRoundDefinition(): DefinitionInput {
  return {
    id: 'first-2026',
    name: 'Comunali 2026, primo turno',
    kind: 'municipal',
    rehearsal: true,
    municipality: { name: 'Prova', istatCode: '012345', population: 48_000 },
    councilSeats: 24,
    maxPreferences: 0,
    turnoutSlots: [{ id: 'T1', label: 'Lunedi ore 15:00', final: true }],
    sections: [
      { id: '1', name: 'Sezione 1', registeredVoters: 7000 },
      { id: '2', name: 'Sezione 2', registeredVoters: 6000 },
    ],
    candidates: [
      { id: 'C1', name: 'Giorgio Fede' },
      { id: 'C2', name: 'Carla Onesti' },
      { id: 'C3', name: 'Bruno Terzi' },
    ],
    lists: [
      { id: 'L1', name: 'Lista Uno', candidateId: 'C1' },
      { id: 'L2', name: 'Lista Due', candidateId: 'C1' },
      { id: 'L3', name: 'Lista Tre', candidateId: 'C2' },
      { id: 'L4', name: 'Lista Quattro', candidateId: 'C3' },
    ],
    questions: [],
  };
}

/** The run-off of {@link firstRoundDefinition}: C1 and C2, L4 linked to C2. */
export function runoffDefinition(): DefinitionInput {
  const first = firstRoundDefinition();
  return {
    ...first,
    id: 'runoff-2026',
    name: 'Comunali 2026, ballottaggio',
    kind: 'runoff',
    firstRound: first.id,
    turnoutSlots: [{ id: 'T1', label: 'Lunedi ore 15:00', final: true }],
    candidates: [
      { id: 'C1', name: 'Giorgio Fede', birthDate: '1970-03-01' },
      { id: 'C2', name: 'Carla Onesti', birthDate: '1965-07-12' },
    ],
    lists: [
      { id: 'L1', name: 'Lista Uno', candidateId: 'C1' },
      { id: 'L2', name: 'Lista Due', candidateId: 'C1' },
      { id: 'L3', name: 'Lista Tre', candidateId: 'C2' },
      { id: 'L4', name: 'Lista Quattro', candidateId: 'C2' },
    ],
  };
}

/**
 * The first round's two sections: C1 4,000, C2 3,500, C3 2,500 of 10,000 valid votes (nobody
 * over 50%: a run-off between C1 and C2); lists L1 2,500, L2 1,300, L3 3,400, L4 2,400.
 */
export const firstRoundCounts = [
  {
    voters: 5_100,
    blankBallots: 60,
    invalidBallots: 40,
    contestedBallots: 0,
    candidateVotes: { C1: 2_000, C2: 1_800, C3: 1_200 },
    candidateOnlyVotes: { C1: 100, C2: 100, C3: 100 },
    listVotes: { L1: 1_200, L2: 600, L3: 1_700, L4: 1_200 },
  },
  {
    voters: 5_080,
    blankBallots: 50,
    invalidBallots: 30,
    contestedBallots: 0,
    candidateVotes: { C1: 2_000, C2: 1_700, C3: 1_300 },
    candidateOnlyVotes: { C1: 0, C2: 0, C3: 100 },
    listVotes: { L1: 1_300, L2: 700, L3: 1_700, L4: 1_200 },
  },
];
