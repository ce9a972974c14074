import { describe, expect, it } from 'vitest';
import { checkResults } from '../../shared/domain/checks.js';
import { ElectionDefinitionSchema } from '../../shared/domain/election.js';
import { outlookCounter } from '../../shared/domain/outlook-tally.js';
import { elderOf } from '../../shared/domain/runoff-outcome.js';
import { allocateRunoffSeats } from '../../shared/domain/runoff-seats.js';
import { resultsSchemaFor } from '../../shared/domain/submission-bodies.js';
import { buildSummary } from '../../shared/domain/summary.js';
import { counter, sumTallies, type Tally, tallyOfResults } from '../../shared/domain/tally.js';
import { firstRoundCounts, firstRoundDefinition, runoffDefinition } from '../helpers/runoff-elections.js';
import { headOf, summaryContext } from './fixtures.js';

const firstHead = () => headOf(firstRoundDefinition());
const runoffHead = () => headOf(runoffDefinition());
const firstTotal = (): Tally =>
  sumTallies(
    firstRoundCounts.map((count, i) =>
      tallyOfResults(resultsSchemaFor(firstHead()).parse(count), i === 0 ? 7000 : 6000),
    ),
  );

/** A run-off's totals: both sections counted, or section 1 (7,000 electors) alone. */
function runoffTotal(votes: { C1: number; C2: number }, reported: 1 | 2 = 2): Tally {
  return {
    [counter.sections]: reported,
    [counter.registered]: reported === 2 ? 13_000 : 7_000,
    // The outlook's source of the counted sections: their electors bound them (outlook-tally.ts).
    [outlookCounter.countedBound]: reported === 2 ? 13_000 : 7_000,
    [outlookCounter.countedWithoutFinal]: reported,
    [counter.voters]: votes.C1 + votes.C2,
    [counter.candidate('C1')]: votes.C1,
    [counter.candidate('C2')]: votes.C2,
  };
}

const runoffSummary = (total: Tally, head = runoffHead()) =>
  buildSummary(head, total, { ...summaryContext(), firstRound: { head: firstHead(), total: firstTotal() } });

describe('the run-off definition (docs/interface.md, Run-off round)', () => {
  it('given a run-off with its first round, two candidates and their lists, when parsed, then it is valid', () => {
    const parsed = ElectionDefinitionSchema.parse(runoffDefinition());
    expect(parsed.kind).toBe('runoff');
    expect(parsed.firstRound).toBe('first-2026');
    expect(parsed.candidates[1]?.birthDate).toBe('1965-07-12');
  });

  it('given a run-off without its first round, with three candidates, or following itself, when parsed, then each is refused', () => {
    const without = { ...runoffDefinition(), firstRound: undefined };
    const three = { ...runoffDefinition(), candidates: firstRoundDefinition().candidates };
    const itself = { ...runoffDefinition(), firstRound: 'runoff-2026' };
    const messages = (input: unknown) =>
      ElectionDefinitionSchema.safeParse(input).error?.issues.map((i) => i.message) ?? [];
    expect(messages(without)).toContain('a run-off names its first round');
    expect(messages(three)).toContain('a run-off has exactly two candidates');
    expect(messages(itself)).toContain('a run-off cannot follow itself');
  });

  it('given a first round naming a first round, or a birth date that is no date, when parsed, then it is refused', () => {
    expect(ElectionDefinitionSchema.safeParse({ ...firstRoundDefinition(), firstRound: 'x' }).success).toBe(
      false,
    );
    const badDate = runoffDefinition();
    badDate.candidates = [{ id: 'C1', name: 'A', birthDate: '1970-13-01' }, badDate.candidates[1] as never];
    expect(ElectionDefinitionSchema.safeParse(badDate).success).toBe(false);
  });
});

describe("the run-off's count", () => {
  const body = {
    voters: 500,
    blankBallots: 5,
    invalidBallots: 3,
    contestedBallots: 2,
    candidateVotes: { C1: 250, C2: 240 },
  };

  it('given the ballots and the two candidates votes, when parsed, then it is read as a count without lists', () => {
    expect(resultsSchemaFor(runoffHead()).parse(body)).toEqual({
      ...body,
      candidateOnlyVotes: {},
      listVotes: {},
      preferenceVotes: {},
    });
  });

  it('given list votes, mayor-only votes, preferences or a defeated candidate, when parsed, then it is refused', () => {
    const schema = resultsSchemaFor(runoffHead());
    for (const extra of [
      { listVotes: { L1: 1 } },
      { candidateOnlyVotes: { C1: 1 } },
      { preferenceVotes: {} },
      { candidateVotes: { C1: 250, C3: 240 } },
    ]) {
      expect(schema.safeParse({ ...body, ...extra }).success, JSON.stringify(extra)).toBe(false);
    }
  });

  it('given a count that squares, when checked, then nothing fails, R3 included though no list has votes', () => {
    const count = resultsSchemaFor(runoffHead()).parse(body);
    expect(checkResults(runoffHead(), { registeredVoters: 7000 }, count)).toEqual([]);
  });

  it('given a count that does not square, over the electors and off the final reading, when checked, then R1, R5 and W1 fail and nothing else', () => {
    const count = resultsSchemaFor(runoffHead()).parse({ ...body, voters: 600 });
    const codes = checkResults(runoffHead(), { registeredVoters: 550 }, count, { voters: 590 }).map(
      (c) => c.code,
    );
    expect(codes.sort()).toEqual(['R1', 'R5', 'W1']);
  });
});

describe("the run-off's summary (TUEL arts. 72 c. 9, 73 c. 10)", () => {
  it('given every section counted and C2 ahead, when summarised, then C2 is elected and the council is allocateRunoffSeats of the first round', () => {
    const summary = runoffSummary(runoffTotal({ C1: 4_800, C2: 5_200 }));
    expect(summary.outlook.mayor).toEqual({ status: 'elected', candidateId: 'C2', runoffCandidates: null });
    const independent = allocateRunoffSeats(
      {
        population: 48_000,
        councilSeats: 24,
        candidates: firstRoundDefinition().candidates,
        lists: firstRoundDefinition().lists,
        candidateVotes: { C1: 4_000, C2: 3_500, C3: 2_500 },
        listVotes: { L1: 2_500, L2: 1_300, L3: 3_400, L4: 2_400 },
      },
      {
        candidateIds: ['C1', 'C2'],
        lists: runoffDefinition().lists,
        candidateVotes: { C1: 4_800, C2: 5_200 },
      },
    );
    expect(summary.seats).toEqual({ ...independent, projection: false });
    // By hand: C2's group (L3 + L4, 5,800) takes 15 of 24 by D'Hondt, over the 60% (15), so no
    // bonus; L3 9, L4 6; C1's lists 9, one of them his own (art. 73 c. 11); C3 takes one of L4's.
    expect(summary.seats?.outcome === 'allocated' && summary.seats.coalitions).toEqual([
      { candidateId: 'C1', votes: 3_800, percent: 39.58, seats: 9, majorityBonus: false },
      { candidateId: 'C2', votes: 3_400, percent: 35.42, seats: 9, majorityBonus: false },
      { candidateId: 'C3', votes: 2_400, percent: 25, seats: 6, majorityBonus: false },
    ]);
    expect(summary.lists).toEqual([]);
    expect(summary.candidates.map((c) => [c.id, c.votes, c.percent])).toEqual([
      ['C1', 4_800, 48],
      ['C2', 5_200, 52],
    ]);
    expect(summary.firstRound).toMatchObject({
      electionId: 'first-2026',
      latest: '/results/first-2026/latest.json',
      candidates: [{ id: 'C1' }, { id: 'C2' }, { id: 'C3' }],
    });
    expect(summary.runoff).toBeNull();
  });

  it('given C1 elected, when summarised, then his group of lists gets the 60% (art. 73 c. 10, no 40% needed)', () => {
    const summary = runoffSummary(runoffTotal({ C1: 5_100, C2: 4_900 }));
    expect(summary.outlook.mayor?.candidateId).toBe('C1');
    const seats = summary.seats;
    expect(seats?.outcome).toBe('allocated');
    if (seats?.outcome !== 'allocated') return;
    expect(seats.coalitions.find((c) => c.candidateId === 'C1')).toMatchObject({
      seats: 15,
      majorityBonus: true,
    });
    expect(seats.coalitions.reduce((sum, c) => sum + c.seats, 0)).toBe(24);
  });

  it('given half the sections counted and a lead the uncounted ballots cannot overturn, when summarised, then the mayor is elected and the council a projection', () => {
    // Section 2 (6,000 electors) is uncounted: C2 leads by 6,001.
    const summary = runoffSummary(runoffTotal({ C1: 0, C2: 6_001 }, 1));
    expect(summary.outlook.mayor).toEqual({ status: 'elected', candidateId: 'C2', runoffCandidates: null });
    expect(summary.seats?.projection).toBe(true);
    const closer = runoffSummary(runoffTotal({ C1: 0, C2: 6_000 }, 1));
    expect(closer.outlook.mayor?.status).toBe('open');
  });

  it('given a tie in votes, when summarised, then the larger first-round group of lists wins (art. 72 c. 9)', () => {
    // C2 with L3 and L4: 5,800; C1 with L1 and L2: 3,800.
    const summary = runoffSummary(runoffTotal({ C1: 5_000, C2: 5_000 }));
    expect(summary.outlook.mayor?.candidateId).toBe('C2');
  });

  it('given a tie in votes and in the groups, when summarised, then the elder is elected, and without birth dates nobody is', () => {
    // No apparentamento: C1's lists 3,800 against C2's L3 raised to 3,800.
    const head = runoffHead();
    const tied = { ...head, lists: head.lists.filter((l) => l.id !== 'L4') };
    const first = firstTotal();
    first[counter.list('L3')] = 3_800;
    const summarise = (h: typeof head) =>
      buildSummary(h, runoffTotal({ C1: 5_000, C2: 5_000 }), {
        ...summaryContext(),
        firstRound: { head: firstHead(), total: first },
      });
    // C2 was born in 1965, C1 in 1970.
    expect(summarise(tied).outlook.mayor).toEqual({
      status: 'elected',
      candidateId: 'C2',
      runoffCandidates: null,
    });
    const older = {
      ...tied,
      candidates: tied.candidates.map((c) => ({
        ...c,
        birthDate: c.id === 'C1' ? '1950-01-01' : c.birthDate,
      })),
    };
    expect(summarise(older).outlook.mayor?.candidateId).toBe('C1');
    const undated = { ...tied, candidates: tied.candidates.map(({ id, name }) => ({ id, name })) };
    expect(summarise(undated).outlook.mayor).toEqual({
      status: 'open',
      candidateId: null,
      runoffCandidates: null,
    });
    expect(summarise(undated).seats).toBeNull();
  });

  it('given birth dates, when the elder is asked for, then the earlier date wins and equal or missing dates name nobody', () => {
    expect(
      elderOf([
        { id: 'A', name: 'a', birthDate: '1980-01-02' },
        { id: 'B', name: 'b', birthDate: '1980-01-01' },
      ]),
    ).toBe('B');
    expect(
      elderOf([
        { id: 'A', name: 'a', birthDate: '1980-01-01' },
        { id: 'B', name: 'b', birthDate: '1980-01-01' },
      ]),
    ).toBeUndefined();
    expect(
      elderOf([
        { id: 'A', name: 'a' },
        { id: 'B', name: 'b', birthDate: '1980-01-01' },
      ]),
    ).toBeUndefined();
  });

  it('given no run-off votes yet, when summarised, then no council and an open mayor', () => {
    const summary = runoffSummary({});
    expect(summary.seats).toBeNull();
    expect(summary.outlook.mayor?.status).toBe('open');
  });

  it('given a first round whose run-off is defined, when summarised, then it links the run-off', () => {
    const summary = buildSummary(firstHead(), firstTotal(), { ...summaryContext(), runoffId: 'runoff-2026' });
    expect(summary.runoffRound).toBe('/results/runoff-2026/latest.json');
    expect(summary.runoff).toEqual({ candidateIds: ['C1', 'C2'] });
    expect(summary.firstRound).toBeNull();
  });
});
