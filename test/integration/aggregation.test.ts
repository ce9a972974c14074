import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateAndChain } from '../helpers/aggregate-and-chain.js';
import { smallElection, squareResults, testActor } from '../helpers/elections.js';
import { startLocalTable } from '../helpers/local-table.js';
import { type NightUseCases, nightUseCases } from '../helpers/night-use-cases.js';

let table: Awaited<ReturnType<typeof startLocalTable>>;
let use: NightUseCases & {
  readTotal: typeof import('../../shared/db/aggregates.js').readTotal;
  readChangeEntries: typeof import('../../shared/db/aggregates.js').readChangeEntries;
  listQuarantine: typeof import('../../shared/db/quarantine.js').listQuarantine;
  redriveAggregation: typeof import('../../shared/use-cases/redrive-aggregation.js').redriveAggregation;
};

beforeAll(async () => {
  table = await startLocalTable();
  use = {
    ...(await nightUseCases()),
    ...(await import('../../shared/db/aggregates.js')),
    ...(await import('../../shared/db/quarantine.js')),
    ...(await import('../../shared/use-cases/redrive-aggregation.js')),
  };
  await use.defineElection('agg', smallElection('agg'), testActor);
  await table.readNewStreamRecords();
});

afterAll(async () => {
  await table?.stop();
});

describe("the aggregation, fed the table's own stream records", () => {
  it('given accepted counts, when their records arrive, then the total (the sum of its parts) is their sum and each entered the change entries as added', async () => {
    // Prepare
    await use.submitResults({ actor: testActor, electionId: 'agg', sectionId: '1', body: squareResults(1) });
    await use.submitResults({ actor: testActor, electionId: 'agg', sectionId: '3', body: squareResults(3) });
    await use.submitTurnout({
      actor: testActor,
      electionId: 'agg',
      sectionId: '1',
      slotId: 'T1',
      body: { voters: 200 },
    });
    // Act
    await aggregateAndChain(await table.readNewStreamRecords());
    // Assess
    const total = await use.readTotal('agg');
    expect(total?.tally).toMatchObject({
      sections: 2,
      voters: squareResults(1).voters + squareResults(3).voters,
      'candidate.C1': 101 + 103,
      'turnout.T1.sections': 1,
      'turnout.T1.voters': 200,
      'turnout.T1.registered': 1000,
    });
    const entries = await use.readChangeEntries('agg', {}, total.revs);
    expect(entries.map((e) => [e.sectionId, e.item, e.kind]).sort()).toEqual([
      ['1', 'results', 'added'],
      ['1', 'turnout/T1', 'added'],
      ['3', 'results', 'added'],
    ]);
    expect(entries.find((e) => e.sectionId === '3')?.delta).toMatchObject({
      voters: squareResults(3).voters,
    });
  });

  it('given a batch already applied, when the stream redelivers it (whole, twice, reversed), then nothing is counted twice', async () => {
    // Prepare
    await use.submitResults({ actor: testActor, electionId: 'agg', sectionId: '2', body: squareResults(2) });
    const records = await table.readNewStreamRecords();
    await aggregateAndChain(records);
    const once = await use.readTotal('agg');
    // Act
    await aggregateAndChain(records);
    await aggregateAndChain([...records, ...records]);
    await aggregateAndChain([...records].reverse());
    // Assess
    expect((await use.readTotal('agg'))?.tally).toEqual(once?.tally);
    expect(once?.tally.sections).toBe(3);
  });

  it("given a correction, when both versions' records arrive, then only the latest counts", async () => {
    // Prepare
    const before = (await use.readTotal('agg'))?.tally ?? {};
    await use.submitResults({ actor: testActor, electionId: 'agg', sectionId: '2', body: squareResults(20) });
    // Act
    await aggregateAndChain(await table.readNewStreamRecords());
    // Assess
    const after = (await use.readTotal('agg'))?.tally ?? {};
    expect(after.voters).toBe((before.voters ?? 0) - squareResults(2).voters + squareResults(20).voters);
    expect(after.sections).toBe(3);
  });

  it('given a correction that does not square, when its record arrives, then the section leaves the totals', async () => {
    // Prepare
    const before = (await use.readTotal('agg'))?.tally ?? {};
    const flagged = { ...squareResults(20), voters: squareResults(20).voters + 1 };
    // Act
    const outcome = await use.submitResults({
      actor: testActor,
      electionId: 'agg',
      sectionId: '2',
      body: flagged,
    });
    await aggregateAndChain(await table.readNewStreamRecords());
    // Assess
    expect(outcome.status).toBe('flagged');
    const after = (await use.readTotal('agg'))?.tally ?? {};
    expect(after.sections).toBe(2);
    expect(after.voters).toBe((before.voters ?? 0) - squareResults(20).voters);
  });

  it('given a malformed source image, when it arrives (twice), then it is quarantined once for staff, the shard moves on and the rest is applied', async () => {
    // Prepare
    await use.submitResults({ actor: testActor, electionId: 'agg', sectionId: '2', body: squareResults(5) });
    const records = await table.readNewStreamRecords();
    const good = records.find((r) => r.dynamodb?.Keys?.SK?.S === 'RESULT');
    if (!good) throw new Error('the submission left no RESULT record on the stream');
    const poison = structuredClone(good);
    if (poison.dynamodb?.NewImage) poison.dynamodb.NewImage.rev = { S: 'not a number' };
    if (poison.dynamodb) poison.dynamodb.SequenceNumber = '1';
    const before = (await use.readTotal('agg'))?.tally ?? {};
    // Act
    const response = (await aggregateAndChain([poison, good])) as {
      batchItemFailures: { itemIdentifier: string }[];
    };
    await aggregateAndChain([poison]);
    // Assess
    expect(response.batchItemFailures).toEqual([]);
    const after = (await use.readTotal('agg'))?.tally ?? {};
    expect(after.sections).toBe((before.sections ?? 0) + 1);
    const quarantined = await use.listQuarantine();
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]).toMatchObject({ consumer: 'aggregator', sequenceNumber: '1' });
    expect(JSON.parse(quarantined[0]?.record ?? '{}').dynamodb.NewImage.rev).toEqual({ S: 'not a number' });
  });

  it('given stream batches lost for good, when the aggregation is redriven (twice, beside a live batch), then the totals are whole and nothing counts twice', async () => {
    // Prepare: an election whose first batch is applied and whose second is lost.
    await use.defineElection('redrive', smallElection('redrive'), testActor);
    await table.readNewStreamRecords();
    await use.submitResults({
      actor: testActor,
      electionId: 'redrive',
      sectionId: '1',
      body: squareResults(1),
    });
    await aggregateAndChain(await table.readNewStreamRecords());
    await use.submitResults({
      actor: testActor,
      electionId: 'redrive',
      sectionId: '2',
      body: squareResults(2),
    });
    await use.submitTurnout({
      actor: testActor,
      electionId: 'redrive',
      sectionId: '3',
      slotId: 'T1',
      body: { voters: 300 },
    });
    const lost = await table.readNewStreamRecords();
    const before = await use.readTotal('redrive');

    // Act
    const first = await use.redriveAggregation('redrive');
    await use.redriveAggregation('redrive');
    await aggregateAndChain(lost);

    // Assess
    expect(before?.tally.sections).toBe(1);
    expect(first.sources).toBe(3);
    const total = await use.readTotal('redrive');
    expect(total?.tally).toMatchObject({
      sections: 2,
      voters: squareResults(1).voters + squareResults(2).voters,
      'turnout.T1.sections': 1,
      'turnout.T1.voters': 300,
    });
  });
});
