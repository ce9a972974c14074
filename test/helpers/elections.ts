import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../infra/local/stack.js';
import type { ElectionDefinition } from '../../shared/domain/election.js';

/** The demo election of events/elections/demo.json, as staff would PUT it. */
export const demoElection = (): ElectionDefinition =>
  JSON.parse(readFileSync(join(PROJECT_ROOT, 'events', 'elections', 'demo.json'), 'utf8'));

/** A small municipal election, for tests that need their own. */
export function smallElection(id: string, overrides: Partial<ElectionDefinition> = {}): ElectionDefinition {
  return {
    id,
    name: `Test election ${id}`,
    kind: 'municipal',
    rehearsal: false,
    municipality: { name: 'Prova', istatCode: '099998', population: 20_000 },
    councilSeats: 24,
    maxPreferences: 2,
    turnoutSlots: [
      { id: 'T1', label: 'Domenica ore 12:00' },
      { id: 'T2', label: 'Lunedi ore 15:00', final: true },
    ],
    sections: [
      { id: '1', name: 'Sezione 1', district: 'Nord', registeredVoters: 1000 },
      { id: '2', name: 'Sezione 2', district: 'Nord', registeredVoters: 900 },
      { id: '3', name: 'Sezione 3', district: 'Sud', registeredVoters: 1100 },
    ],
    candidates: [
      { id: 'C1', name: 'Anna Bianchi' },
      { id: 'C2', name: 'Marco Rossi' },
    ],
    lists: [
      {
        id: 'L1',
        name: 'Lista Uno',
        candidateId: 'C1',
        councilCandidates: [{ id: 'L1-1', name: 'Verdi Carla' }],
      },
      {
        id: 'L2',
        name: 'Lista Due',
        candidateId: 'C2',
        councilCandidates: [{ id: 'L2-1', name: 'Neri Paolo' }],
      },
    ],
    questions: [],
    ...overrides,
  };
}

/** A count that passes every check, scaled by `n` so different sections differ. */
export function squareResults(n: number) {
  const c1 = 100 + n;
  const c2 = 80 + 2 * n;
  return {
    voters: c1 + c2 + 5 + 3 + 1,
    blankBallots: 5,
    invalidBallots: 3,
    contestedBallots: 1,
    candidateVotes: { C1: c1, C2: c2 },
    candidateOnlyVotes: { C1: 10, C2: 5 },
    listVotes: { L1: c1 - 10, L2: c2 - 5 },
    preferenceVotes: { 'L1-1': 20, 'L2-1': 15 },
  };
}

/** Who the tests' own writes are from, in the history and the audit trail. */
export const testActor = { role: 'staff', credential: 'test-suite' } as const;
