import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateAndChain } from '../helpers/aggregate-and-chain.js';
import { smallElection, squareResults, testActor } from '../helpers/elections.js';
import { startLocalTable } from '../helpers/local-table.js';
import { type NightUseCases, nightUseCases } from '../helpers/night-use-cases.js';
import { damagePart as damageSomePart } from '../helpers/table-damage.js';

let table: Awaited<ReturnType<typeof startLocalTable>>;
let m: NightUseCases &
  typeof import('../../shared/db/aggregates.js') &
  typeof import('../../shared/db/heal-state.js') &
  typeof import('../../shared/db/client.js') &
  typeof import('../../shared/use-cases/heal-election.js');

beforeAll(async () => {
  table = await startLocalTable();
  m = {
    ...(await import('../../shared/db/aggregates.js')),
    ...(await import('../../shared/db/heal-state.js')),
    ...(await import('../../shared/db/client.js')),
    ...(await nightUseCases()),
    ...(await import('../../shared/use-cases/heal-election.js')),
  };
});

afterAll(async () => {
  await table?.stop();
});

/** Every section's count, applied by the stream; answers the total that must show. */
async function countedNight(electionId: string) {
  await m.defineElection(electionId, smallElection(electionId), testActor);
  for (const n of [1, 2, 3])
    await m.submitResults({ actor: testActor, electionId, sectionId: String(n), body: squareResults(n) });
  await aggregateAndChain(await table.readNewStreamRecords());
  return (await m.readTotal(electionId)).tally;
}

/** Damages one part of the total, as a hand would (test/helpers/table-damage.ts). */
const damagePart = (electionId: string, voters: number) =>
  damageSomePart(m.db(), m.tableName(), electionId, { voters });

describe('the periodic reconciliation heals what the stream lost, exactly once', () => {
  it('given a batch lost on the way, when the reconciliation runs twice, then the first run suspects it, the second repairs it, and its entries say repaired', async () => {
    // Prepare
    const expected = await countedNight('heal-lost');
    await m.submitResults({
      actor: testActor,
      electionId: 'heal-lost',
      sectionId: '2',
      body: { ...squareResults(2), blankBallots: 6, invalidBallots: 2 },
    });
    const lost = await table.readNewStreamRecords();

    // Act
    const first = await m.healElection('heal-lost');
    const second = await m.healElection('heal-lost');
    const third = await m.healElection('heal-lost');
    await aggregateAndChain(lost);

    // Assess
    expect(first.repaired).toEqual([]);
    expect(first.suspects).toBe(1);
    expect(second.repaired).toEqual([
      expect.objectContaining({ sectionId: '2', item: 'results', kind: 'repaired', version: 2 }),
    ]);
    expect(second.repaired[0]?.delta).toEqual({ blankBallots: 1, invalidBallots: -1 });
    expect(second.repairedSections).toEqual(['2']);
    expect(third).toMatchObject({ repaired: [], suspects: 0, totalsChecked: true });
    const total = (await m.readTotal('heal-lost')).tally;
    expect(total).toEqual({
      ...expected,
      blank: (expected.blank ?? 0) + 1,
      invalid: (expected.invalid ?? 0) - 1,
    });
    expect((await m.readHealState('heal-lost')).repairs[0]?.entries).toEqual(second.repaired);
  });

  it('given a part of the total damaged, when the reconciliation runs, then the total is corrected once with an entry that names no section', async () => {
    // Prepare
    const expected = await countedNight('heal-damage');
    await damagePart('heal-damage', 500);

    // Act: two runs at once, as a schedule may deliver twice
    const runs = await Promise.all([m.healElection('heal-damage'), m.healElection('heal-damage')]);
    const later = await m.healElection('heal-damage');

    // Assess
    const corrections = runs.flatMap((r) => r.repaired);
    expect(corrections).toEqual([
      expect.objectContaining({
        sectionId: null,
        item: 'totals',
        kind: 'repaired',
        delta: { voters: -500, validVotes: -500 },
      }),
    ]);
    expect(later.repaired).toEqual([]);
    expect((await m.readTotal('heal-damage')).tally).toEqual(expected);
  });

  it('given a change still in the stream, when the reconciliation looks once and the stream then applies it, then nothing is repaired and nothing counted twice', async () => {
    // Prepare
    const expected = await countedNight('heal-inflight');
    await m.submitResults({
      actor: testActor,
      electionId: 'heal-inflight',
      sectionId: '1',
      body: { ...squareResults(1), blankBallots: 4, invalidBallots: 4 },
    });

    // Act
    const first = await m.healElection('heal-inflight');
    await aggregateAndChain(await table.readNewStreamRecords());
    const second = await m.healElection('heal-inflight');

    // Assess
    expect(first.suspects).toBe(1);
    expect(second.repaired).toEqual([]);
    expect((await m.readTotal('heal-inflight')).tally).toEqual({
      ...expected,
      blank: (expected.blank ?? 0) - 1,
      invalid: (expected.invalid ?? 0) + 1,
    });
  });

  it('given a sweep spread over several runs, when a batch is lost and a part damaged, then the lost batch is repaired when the sweep comes round again and the damage once a whole sweep saw nothing move', async () => {
    // Prepare
    const expected = await countedNight('heal-slow');
    await m.submitResults({
      actor: testActor,
      electionId: 'heal-slow',
      sectionId: '3',
      body: { ...squareResults(3), blankBallots: 6, invalidBallots: 2 },
    });
    await table.readNewStreamRecords();
    const slowly = { budgetMs: 0, sectionsPerRound: 1 };

    // Act: one section a run; three runs a sweep
    const runs = [];
    for (let run = 0; run < 9; run++) runs.push(await m.healElection('heal-slow', slowly));
    await damagePart('heal-slow', 70);
    for (let run = 0; run < 6; run++) runs.push(await m.healElection('heal-slow', slowly));

    // Assess
    expect(runs.map((r) => r.swept)).toEqual(Array(15).fill(1));
    expect(runs.slice(0, 3).flatMap((r) => r.repaired)).toEqual([]);
    expect(runs.slice(3, 6).flatMap((r) => r.repaired)).toEqual([
      expect.objectContaining({ sectionId: '3', kind: 'repaired' }),
    ]);
    const corrections = runs.slice(9).flatMap((r) => r.repaired);
    expect(corrections).toEqual([
      expect.objectContaining({ sectionId: null, delta: { voters: -70, validVotes: -70 } }),
    ]);
    expect((await m.readTotal('heal-slow')).tally).toEqual({
      ...expected,
      blank: (expected.blank ?? 0) + 1,
      invalid: (expected.invalid ?? 0) - 1,
    });
  });
});
