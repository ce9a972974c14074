import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateAndChain } from '../helpers/aggregate-and-chain.js';
import { smallElection, testActor } from '../helpers/elections.js';
import { startLocalTable } from '../helpers/local-table.js';
import { type NightUseCases, nightUseCases } from '../helpers/night-use-cases.js';

/**
 * The outlook through the real aggregation on DynamoDB Local: a town of 5,000 (plurality, TUEL
 * art. 71) with three sections of 1,000, 900 and 1,100 electors, whose final readings and counts
 * arrive, are corrected and withdrawn, delivered by the table's own stream, some batches side by
 * side; after each step the summary's outlook is what the rule says, and the reconciliation finds
 * nothing to repair in the sections' outlook sources.
 */

const ELECTION = 'outlook-night';
let table: Awaited<ReturnType<typeof startLocalTable>>;
let m: NightUseCases &
  typeof import('../../shared/db/aggregates.js') &
  typeof import('../../shared/use-cases/heal-election.js') &
  typeof import('../../shared/use-cases/election-context.js') &
  typeof import('../../shared/domain/summary.js');

beforeAll(async () => {
  table = await startLocalTable();
  m = {
    ...(await import('../../shared/db/aggregates.js')),
    ...(await nightUseCases()),
    ...(await import('../../shared/use-cases/heal-election.js')),
    ...(await import('../../shared/use-cases/election-context.js')),
    ...(await import('../../shared/domain/summary.js')),
  };
  await m.defineElection(
    ELECTION,
    smallElection(ELECTION, { municipality: { name: 'Borgo', istatCode: '099997', population: 5_000 } }),
    testActor,
  );
  await table.readNewStreamRecords();
}, 120_000);

afterAll(async () => {
  await table?.stop();
});

/** A count that squares up to 15,000 inhabitants: each list's votes are its candidate's. */
const count = (c1: number, c2: number) => ({
  voters: c1 + c2 + 9,
  blankBallots: 5,
  invalidBallots: 3,
  contestedBallots: 1,
  candidateVotes: { C1: c1, C2: c2 },
  candidateOnlyVotes: { C1: 0, C2: 0 },
  listVotes: { L1: c1, L2: c2 },
  preferenceVotes: {},
});

const sendCount = (sectionId: string, body: ReturnType<typeof count>) =>
  m.submitResults({ actor: testActor, electionId: ELECTION, sectionId, body });
const sendFinal = (sectionId: string, voters: number) =>
  m.submitTurnout({ actor: testActor, electionId: ELECTION, sectionId, slotId: 'T2', body: { voters } });

/** The stream's new records, in two batches applied side by side (two shards' consumers at once). */
async function deliverSideBySide() {
  const records = await table.readNewStreamRecords();
  const half = Math.ceil(records.length / 2);
  await Promise.all([aggregateAndChain(records.slice(0, half)), aggregateAndChain(records.slice(half))]);
}

async function outlookNow() {
  const { head } = await m.loadElection(ELECTION);
  const total = await m.readTotal(ELECTION);
  const context = {
    seq: 1,
    generatedAt: '',
    certified: false,
    paths: { sections: '', definition: '', csv: '' },
  };
  return m.buildSummary(head, total.tally, context).outlook;
}

const open = { status: 'open', candidateId: null, runoffCandidates: null };
const elected = { status: 'elected', candidateId: 'C1', runoffCandidates: null };

describe('the outlook of a night, through the stream and the table', () => {
  it('given final readings and counts arriving, corrected and withdrawn, when each is aggregated, then the outlook moves from open to elected and back as the rule says', async () => {
    // Act and assess, step by step.
    expect(await outlookNow()).toEqual({ uncountedAtMost: 3000, exact: false, mayor: open, answers: [] });

    // Every section's final reading: 700 + 600 + 800 ballots at most.
    await sendFinal('1', 700);
    await sendFinal('2', 600);
    await sendFinal('3', 800);
    await deliverSideBySide();
    expect(await outlookNow()).toEqual({ uncountedAtMost: 2100, exact: true, mayor: open, answers: [] });

    // Sections 1 and 2 counted: C1 900, C2 382, 800 left: a lead of 518 is not enough.
    await sendCount('1', count(400, 291));
    await sendCount('2', count(500, 91));
    await deliverSideBySide();
    expect(await outlookNow()).toEqual({ uncountedAtMost: 800, exact: true, mayor: open, answers: [] });

    // Section 3 corrects its final reading to 300: 518 > 300, C1 is elected whatever section 3 holds.
    await sendFinal('3', 300);
    await deliverSideBySide();
    expect(await outlookNow()).toEqual({ uncountedAtMost: 300, exact: true, mayor: elected, answers: [] });

    // Staff reopen section 2's count: it leaves the totals, its 600 ballots are uncounted again.
    await m.reviewSection('reopen', ELECTION, '2', { reason: 'recount asked by the president' }, testActor);
    await deliverSideBySide();
    expect(await outlookNow()).toEqual({ uncountedAtMost: 900, exact: true, mayor: open, answers: [] });

    // Section 2 sends its count again and section 3 its count: nothing is left.
    await sendCount('2', count(500, 91));
    await sendCount('3', count(100, 191));
    await deliverSideBySide();
    expect(await outlookNow()).toEqual({ uncountedAtMost: 0, exact: true, mayor: elected, answers: [] });

    // The reconciliation makes the same outlook sources from the stored items: nothing to repair.
    const first = await m.healElection(ELECTION);
    const second = await m.healElection(ELECTION);
    expect([first.suspects, first.repaired, second.suspects, second.repaired]).toEqual([0, [], 0, []]);
    expect(second.totalsChecked).toBe(true);
  });

  it('given the whole night, when its change entries are read, then none is of an outlook source', async () => {
    // Act
    const total = await m.readTotal(ELECTION);
    const entries = await m.readChangeEntries(ELECTION, {}, total.revs);

    // Assess
    expect(entries.length).toBeGreaterThan(0);
    expect(new Set(entries.map((e) => e.item))).toEqual(new Set(['results', 'turnout/T2']));
  });

  it('given a final reading that disagrees with the count (R5), when both are flagged and then approved one by one, then the section is bounded by its electors until its count counts again', async () => {
    // Prepare: section 1 counted with 700 voters, section 2 with its final reading only.
    const id = `${ELECTION}-r5`;
    const town = { municipality: { name: 'Borgo', istatCode: '099997', population: 5_000 } };
    await m.defineElection(id, smallElection(id, town), testActor);
    const outlookOf = async () => {
      const { head } = await m.loadElection(id);
      const context = {
        seq: 1,
        generatedAt: '',
        certified: false,
        paths: { sections: '', definition: '', csv: '' },
      };
      return m.buildSummary(head, (await m.readTotal(id)).tally, context).outlook;
    };
    await m.submitResults({ actor: testActor, electionId: id, sectionId: '1', body: count(400, 291) });
    await m.submitTurnout({
      actor: testActor,
      electionId: id,
      sectionId: '2',
      slotId: 'T2',
      body: { voters: 600 },
    });
    await deliverSideBySide();
    const before = await outlookOf();

    // Act: a final reading of 650 flags itself and the count beside it.
    const reading = await m.submitTurnout({
      actor: testActor,
      electionId: id,
      sectionId: '1',
      slotId: 'T2',
      body: { voters: 650 },
    });
    await deliverSideBySide();
    const flagged = await outlookOf();
    await m.reviewSection('approve', id, '1', { reason: 'count checked against the tally sheet' }, testActor);
    await deliverSideBySide();
    const countApproved = await outlookOf();
    await m.reviewSection(
      'approve',
      id,
      '1',
      { reason: 'reading confirmed by phone', slotId: 'T2' },
      testActor,
    );
    await deliverSideBySide();
    const bothApproved = await outlookOf();

    // Assess: 600 (section 2's reading) + 1,100 (section 3's electors), plus section 1's 1,000 while flagged.
    expect(before).toMatchObject({ uncountedAtMost: 1700, exact: false });
    expect(reading.status).toBe('flagged');
    expect(flagged).toMatchObject({ uncountedAtMost: 2700, exact: false });
    expect(countApproved).toMatchObject({ uncountedAtMost: 1700, exact: false });
    expect(bothApproved).toMatchObject({ uncountedAtMost: 1700, exact: false });
    const healed = await m.healElection(id);
    expect([healed.suspects, healed.repaired]).toEqual([0, []]);
  });
});
