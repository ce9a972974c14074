import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallElection, testActor } from '../helpers/elections.js';
import { startLocalTable } from '../helpers/local-table.js';

// Shared modules read their configuration on first use: import them after the table is up.
let table: Awaited<ReturnType<typeof startLocalTable>>;
let use: typeof import('../../shared/use-cases/define-election.js') &
  typeof import('../../shared/db/elections.js');

beforeAll(async () => {
  table = await startLocalTable();
  use = {
    ...(await import('../../shared/use-cases/define-election.js')),
    ...(await import('../../shared/db/elections.js')),
  };
});

afterAll(async () => {
  await table?.stop();
});

const bigTown = (id: string, count: number) =>
  smallElection(id, {
    sections: Array.from({ length: count }, (_, i) => ({
      id: String(i + 1),
      name: `Sezione ${i + 1}`,
      registeredVoters: 800,
    })),
  });

describe('a definition too big for one request’s time', () => {
  it('given a definition cut short by its deadline, then it fails with DEFINITION_INCOMPLETE and the election does not exist; the same definition again stores the rest', async () => {
    // Prepare
    const election = bigTown('big-define', 500);

    // Act: no time at all: nothing is written.
    await expect(
      use.defineElection(election.id, election, testActor, { deadline: Date.now() - 1 }),
    ).rejects.toMatchObject({ code: 'DEFINITION_INCOMPLETE' });

    // Assess
    expect(await use.getElectionState(election.id)).toBeUndefined();
    const finished = await use.defineElection(election.id, election, testActor);
    expect(finished).toMatchObject({ changed: true, sections: 500 });
    expect(await use.listSections(election.id)).toHaveLength(500);
  });

  it('given a definition redefined with one section changed, then the change is stored and every other section kept', async () => {
    // Prepare
    const election = bigTown('big-redefine', 200);
    await use.defineElection(election.id, election, testActor);
    const changed = {
      ...election,
      sections: election.sections.map((s) => (s.id === '7' ? { ...s, name: 'Sezione sette' } : s)),
    };

    // Act
    const answer = await use.defineElection(election.id, changed, testActor);

    // Assess
    expect(answer).toMatchObject({ changed: true, sections: 200 });
    const stored = await use.listSections(election.id);
    expect(stored.find((s) => s.id === '7')?.name).toBe('Sezione sette');
    expect(stored).toHaveLength(200);
  });
});
