import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dhondt } from '../../shared/domain/dhondt.js';
import {
  allocateSeats,
  ITALIAN_MUNICIPAL_RULES,
  rulesFor,
  type SeatAllocation,
  type SeatInput,
  type SeatOutcome,
  type SeatRules,
} from '../../shared/domain/seats.js';
import {
  allocated,
  expectDefeatedCandidatesSeated,
  expectWholeCouncil,
  seatInputOf,
  sum,
} from './fixtures.js';

const [TUEL_71, TUEL_73] = ITALIAN_MUNICIPAL_RULES as [SeatRules, SeatRules];

const seatsOf = (a: SeatAllocation, candidateId: string) =>
  a.coalitions.find((c) => c.candidateId === candidateId)?.seats;
const listSeats = (a: SeatAllocation) => Object.fromEntries(a.lists.map((l) => [l.listId, l.seats]));

/** Art. 71 elections: one list per candidate, whose votes are the candidate's (TUEL art. 71 c. 5). */
const smallElectionArb = fc
  .record({
    seats: fc.constantFrom(10, 12, 16),
    votes: fc.array(fc.nat(5_000), { minLength: 1, maxLength: 5 }),
  })
  .map(({ seats, votes }) =>
    seatInputOf(
      5_000,
      seats,
      votes.map((v, i) => ({ id: `c${i}`, votes: v, lists: [v] })),
    ),
  );

/** Art. 73 elections: 1-4 lists per candidate; mayor-only votes on top of the lists' votes. */
const largeElectionArb = fc
  .record({
    seats: fc.constantFrom(16, 24, 32, 36, 40, 48),
    sides: fc.array(
      fc.record({
        lists: fc.array(fc.nat(40_000), { minLength: 1, maxLength: 4 }),
        mayorOnly: fc.nat(3_000),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map(({ seats, sides }) =>
    seatInputOf(
      100_000,
      seats,
      sides.map((s, i) => ({
        id: `c${i}`,
        lists: s.lists,
        votes: s.lists.reduce((a, b) => a + b, 0) + s.mayorOnly,
      })),
    ),
  );

/** Allocates under `rules`; a generated election that gets no seats (no votes, a run-off) is discarded. */
function allocatedOrDiscarded(input: SeatInput, rules: SeatRules): SeatAllocation {
  const outcome = allocateSeats(input, rules);
  fc.pre(outcome?.outcome === 'allocated');
  return outcome as SeatAllocation;
}

/** The outcome of a first round with no mayor: a run-off between `candidateIds`, and no seats. */
const runoffBetween = (rules: SeatOutcome['rules'], candidateIds: [string, string]): SeatOutcome => ({
  outcome: 'runoff',
  rules,
  mayor: null,
  runoff: { candidateIds },
});

/** 2/3 of the seats rounded up only above .50 (TUEL art. 71 c. 8), in integers. */
const twoThirds = (seats: number) => {
  const remainder = (2 * seats) % 3;
  const floor = (2 * seats - remainder) / 3;
  return 2 * remainder > 3 ? floor + 1 : floor;
};

describe('rulesFor', () => {
  it('given 15,000 inhabitants, when the rules are chosen, then art. 71 applies; given 15,001, art. 73', () => {
    // Act
    const ids = [1, 3_000, 15_000, 15_001, 2_800_000].map((p) => rulesFor(p).id);

    // Assess
    expect(ids).toEqual(['tuel-71', 'tuel-71', 'tuel-71', 'tuel-73', 'tuel-73']);
  });

  it('given a population that is not a positive integer, when the rules are chosen, then it is refused', () => {
    // Act
    const attempts = [0, -5, 1.5, Number.NaN].map((p) => () => rulesFor(p));

    // Assess
    for (const attempt of attempts) expect(attempt).toThrow(RangeError);
  });

  it('given an extra rule set as data (a hypothetical region with a 10,000 band), when the rules are chosen, then the narrowest applicable band wins without new code', () => {
    // Prepare: an illustrative rule set, not a real region's law.
    const regional: SeatRules = {
      ...TUEL_71,
      id: 'example-10k',
      source: 'illustrative',
      appliesUpToPopulation: 10_000,
    };
    const rules = [TUEL_73, TUEL_71, regional];

    // Act
    const ids = [9_999, 10_000, 10_001, 15_001].map((p) => rulesFor(p, rules).id);

    // Assess
    expect(ids).toEqual(['example-10k', 'example-10k', 'tuel-71', 'tuel-73']);
  });

  it('given rule sets that leave a population uncovered, when the rules are chosen, then it is refused', () => {
    // Act
    const attempt = () => rulesFor(20_000, [TUEL_71]);

    // Assess
    expect(attempt).toThrow(RangeError);
  });
});

describe('allocateSeats: no result yet', () => {
  it('given no votes at all, when seats are allocated, then there is nothing to show', () => {
    // Prepare
    const input = seatInputOf(20_000, 24, [
      { id: 'a', votes: 0, lists: [0, 0] },
      { id: 'b', votes: 0, lists: [0] },
    ]);

    // Act
    const outcome = allocateSeats(input);

    // Assess
    expect(outcome).toBeNull();
  });

  it('given mayoral votes but no list votes, when seats are allocated, then there is nothing to show', () => {
    // Prepare
    const input = seatInputOf(20_000, 24, [
      { id: 'a', votes: 10, lists: [0] },
      { id: 'b', votes: 3, lists: [0] },
    ]);

    // Act
    const outcome = allocateSeats(input);

    // Assess
    expect(outcome).toBeNull();
  });

  it('given inconsistent input, when seats are allocated, then it is refused', () => {
    // Prepare
    const base = seatInputOf(5_000, 10, [{ id: 'a', votes: 10, lists: [10] }]);

    // Act
    const attempts = [
      () => allocateSeats({ ...base, lists: [...base.lists, { id: 'x', name: 'x', candidateId: 'ghost' }] }),
      () => allocateSeats({ ...base, candidates: [...base.candidates, { id: 'a', name: 'again' }] }),
      () => allocateSeats({ ...base, listVotes: { 'a-1': -1 } }),
      () => allocateSeats({ ...base, candidateVotes: { a: 2.5 } }),
      () => allocateSeats({ ...base, councilSeats: -1 }),
      () => allocateSeats({ ...base, candidates: [...base.candidates, { id: 'listless', name: 'no list' }] }),
    ];

    // Assess
    for (const attempt of attempts) expect(attempt).toThrow(RangeError);
  });
});

describe('allocateSeats up to 15,000 inhabitants (TUEL art. 71)', () => {
  it("given three lists and 10 seats, when allocated, then the winner's list takes 7 (6.67 rounds up) and the others share 3 by D'Hondt, each defeated candidate first", () => {
    // Prepare
    const input = seatInputOf(2_500, 10, [
      { id: 'a', votes: 600, lists: [600] },
      { id: 'b', votes: 300, lists: [300] },
      { id: 'c', votes: 140, lists: [140] },
    ]);

    // Act
    const result = allocated(allocateSeats(input));

    // Assess: 300, 150 (b) and 140 (c).
    expect(result.rules).toBe('tuel-71');
    expect(result.mayor).toEqual({ candidateId: 'a', votes: 600, percent: 57.69 });
    expect(result.coalitions.map((c) => c.seats)).toEqual([7, 2, 1]);
    expect(listSeats(result)).toEqual({ 'a-1': 7, 'b-1': 1, 'c-1': 0 });
    expect(result.councillorsFromCandidates).toEqual(['b', 'c']);
  });

  it("given 16 seats, when allocated, then the winner's list takes 11 (10.67 rounds up); given 12, exactly 8", () => {
    // Prepare
    const sides = [
      { id: 'a', votes: 1_000, lists: [1_000] },
      { id: 'b', votes: 900, lists: [900] },
    ];

    // Act
    const sixteen = allocated(allocateSeats(seatInputOf(12_000, 16, sides)));
    const twelve = allocated(allocateSeats(seatInputOf(6_000, 12, sides)));

    // Assess
    expect(sixteen.coalitions.map((c) => c.seats)).toEqual([11, 5]);
    expect(twelve.coalitions.map((c) => c.seats)).toEqual([8, 4]);
  });

  it('given a defeated candidate whose list won no seat, when allocated, then the candidate does not sit', () => {
    // Prepare: 10 seats, 3 to share: b takes 100, 50, 33.3 before c's 30.
    const input = seatInputOf(2_000, 10, [
      { id: 'a', votes: 500, lists: [500] },
      { id: 'b', votes: 100, lists: [100] },
      { id: 'c', votes: 30, lists: [30] },
    ]);

    // Act
    const result = allocated(allocateSeats(input));

    // Assess
    expect(result.coalitions.map((c) => c.seats)).toEqual([7, 3, 0]);
    expect(result.councillorsFromCandidates).toEqual(['b']);
    expect(listSeats(result)).toEqual({ 'a-1': 7, 'b-1': 2, 'c-1': 0 });
  });

  it("given a count that contradicts itself (the winner's mayoral votes without list votes), when allocated, then the winner's list still holds its 2/3", () => {
    // Prepare
    const input = seatInputOf(3_000, 12, [
      { id: 'a', votes: 300, lists: [0] },
      { id: 'b', votes: 200, lists: [200] },
    ]);

    // Act
    const result = allocated(allocateSeats(input));

    // Assess
    expect(listSeats(result)).toEqual({ 'a-1': 8, 'b-1': 3 });
    expect(result.councillorsFromCandidates).toEqual(['b']);
  });

  it('given a single list, when allocated, then it takes every seat', () => {
    // Prepare
    const input = seatInputOf(800, 10, [{ id: 'a', votes: 250, lists: [250] }]);

    // Act
    const result = allocated(allocateSeats(input));

    // Assess
    expect(result.coalitions).toEqual([
      { candidateId: 'a', votes: 250, percent: 100, seats: 10, majorityBonus: false },
    ]);
  });

  it('given a tie at the top, when allocated, then a run-off between the tied candidates is required and no seats are given', () => {
    // Prepare
    const input = seatInputOf(1_000, 10, [
      { id: 'c', votes: 200, lists: [200] },
      { id: 'a', votes: 500, lists: [500] },
      { id: 'b', votes: 500, lists: [500] },
    ]);

    // Act
    const outcome = allocateSeats(input);

    // Assess
    expect(outcome).toEqual(runoffBetween('tuel-71', ['a', 'b']));
  });

  it('given two losing lists tied for the last seat in quotient and votes, when allocated, then the lot is reported', () => {
    // Prepare: 3 seats to share: 100 (x), 100 (y), then 50 vs 50.
    const input = seatInputOf(1_000, 10, [
      { id: 'w', votes: 400, lists: [400] },
      { id: 'y', votes: 100, lists: [100] },
      { id: 'x', votes: 100, lists: [100] },
    ]);

    // Act
    const result = allocated(allocateSeats(input));

    // Assess
    expect(result.coalitions.map((c) => c.seats)).toEqual([7, 1, 2]);
    expect(result.tiedByLot).toEqual(['x', 'y']);
  });

  it("given any election with a winner and some other list with votes, when allocated, then the winner's list has exactly 2/3 of the seats and the seats sum to the council", () => {
    fc.assert(
      fc.property(smallElectionArb, (input) => {
        // Act
        const result = allocatedOrDiscarded(input, TUEL_71);

        // Assess
        const winner = seatsOf(result, result.mayor.candidateId) ?? -1;
        const othersHaveVotes = result.coalitions.some(
          (c) => c.candidateId !== result.mayor.candidateId && c.votes > 0,
        );
        expect(winner).toBe(othersHaveVotes ? twoThirds(input.councilSeats) : input.councilSeats);
        expectWholeCouncil(result, input.councilSeats);
      }),
    );
  });

  it('given any election, when allocated, then it is null without votes, a run-off on a tie at the top, seats otherwise', () => {
    fc.assert(
      fc.property(smallElectionArb, (input) => {
        // Prepare
        const votes = Object.values(input.candidateVotes).sort((a, b) => b - a);
        const [top = 0, next = -1] = votes;

        // Act
        const outcome = allocateSeats(input, TUEL_71);

        // Assess
        const expected = top === 0 ? null : top === next ? 'runoff' : 'allocated';
        expect(outcome?.outcome ?? null).toBe(expected);
      }),
    );
  });
});

describe('allocateSeats over 15,000 inhabitants (TUEL art. 73): threshold', () => {
  // 10,000 valid mayoral votes: 3% is 300.
  const input = seatInputOf(30_000, 20, [
    { id: 'a', votes: 5_290, lists: [5_000, 290] },
    { id: 'b', votes: 290, lists: [290] },
    { id: 'c', votes: 300, lists: [300] },
    { id: 'd', votes: 4_120, lists: [4_120] },
  ]);

  it('given a list under 3% in a coalition over 3%, a lone list under 3% and a lone list at exactly 3%, when allocated, then only the lone list under 3% is excluded', () => {
    // Act
    const result = allocated(allocateSeats(input));

    // Assess
    expect(Object.fromEntries(result.lists.map((l) => [l.listId, l.belowThreshold]))).toEqual({
      'a-1': false,
      'a-2': false,
      'b-1': true,
      'c-1': false,
      'd-1': false,
    });
    expect(seatsOf(result, 'b')).toBe(0);
    expect(result.councillorsFromCandidates).not.toContain('b');
  });

  it('given the percentages computed on list votes instead of mayoral votes, when allocated, then the same list can pass the threshold (the base is data)', () => {
    // Prepare: 300 list votes are 2.73% of 11,000 mayoral votes but 3.33% of 9,000 list votes.
    const sides = [
      { id: 'a', votes: 6_500, lists: [5_000] },
      { id: 'b', votes: 4_200, lists: [3_700] },
      { id: 'c', votes: 300, lists: [300] },
    ];
    const onLists: SeatRules = {
      ...TUEL_73,
      council: {
        ...(TUEL_73.council as Extract<SeatRules['council'], { method: 'coalition-dhondt' }>),
        percentBase: 'list-votes',
      },
    };

    // Act
    const onCandidates = allocated(allocateSeats(seatInputOf(30_000, 20, sides)));
    const onListVotes = allocated(allocateSeats(seatInputOf(30_000, 20, sides), onLists));

    // Assess
    expect(onCandidates.lists.find((l) => l.listId === 'c-1')?.belowThreshold).toBe(true);
    expect(onListVotes.lists.find((l) => l.listId === 'c-1')?.belowThreshold).toBe(false);
  });

  it('given any election, when allocated, then excluded lists win no seat and are exactly those under 3% whose coalition is not over 3%', () => {
    fc.assert(
      fc.property(largeElectionArb, (input) => {
        // Act
        const result = allocatedOrDiscarded(input, TUEL_73);

        // Assess
        const base = sum(Object.values(input.candidateVotes));
        for (const list of result.lists) {
          const coalition = result.coalitions.find((c) => c.candidateId === list.candidateId);
          const excluded = list.votes * 100 < 3 * base && (coalition?.votes ?? 0) * 100 <= 3 * base;
          expect(list.belowThreshold).toBe(excluded);
          if (excluded) expect(list.seats).toBe(0);
        }
      }),
    );
  });
});

describe('allocateSeats over 15,000 inhabitants (TUEL art. 73): majority bonus', () => {
  it("given a mayor elected at the first round whose coalition has 45% and fewer than 60% of the seats, when allocated, then the coalition gets 60% and the rest go by D'Hondt", () => {
    // Prepare: 10,000 mayoral votes.
    const input = seatInputOf(50_000, 20, [
      { id: 'w', votes: 5_200, lists: [4_000, 500] },
      { id: 'x', votes: 3_000, lists: [3_500] },
      { id: 'y', votes: 1_800, lists: [2_000] },
    ]);

    // Act
    const result = allocated(allocateSeats(input));

    // Assess: 8 seats among 3,500 and 2,000: 5 and 3; each loser's candidate sits first.
    expect(result.mayor).toEqual({ candidateId: 'w', votes: 5_200, percent: 52 });
    expect(result.coalitions.map((c) => [c.seats, c.majorityBonus])).toEqual([
      [12, true],
      [5, false],
      [3, false],
    ]);
    expect(listSeats(result)).toEqual({ 'w-1': 11, 'w-2': 1, 'x-1': 4, 'y-1': 2 });
    expect(result.councillorsFromCandidates).toEqual(['x', 'y']);
  });

  it('given 32 seats, when the bonus applies, then 60% (19.2) is rounded up to 20 (Cons. Stato V n. 1197/2012)', () => {
    // Prepare
    const input = seatInputOf(120_000, 32, [
      { id: 'w', votes: 5_500, lists: [4_800] },
      { id: 'x', votes: 4_500, lists: [4_200] },
    ]);

    // Act
    const result = allocated(allocateSeats(input));

    // Assess
    expect(result.coalitions.map((c) => c.seats)).toEqual([20, 12]);
  });

  it("given a mayor elected with split votes whose coalition has under 40% of the valid votes, when allocated, then there is no bonus and the seats are D'Hondt's", () => {
    // Prepare
    const input = seatInputOf(50_000, 20, [
      { id: 'w', votes: 5_100, lists: [3_800] },
      { id: 'x', votes: 2_900, lists: [3_700] },
      { id: 'y', votes: 2_000, lists: [2_500] },
    ]);
    const natural = dhondt(
      [
        { id: 'w', votes: 3_800 },
        { id: 'x', votes: 3_700 },
        { id: 'y', votes: 2_500 },
      ],
      20,
    ).seats;

    // Act
    const result = allocated(allocateSeats(input));

    // Assess
    expect(result.mayor.candidateId).toBe('w');
    expect(Object.fromEntries(result.coalitions.map((c) => [c.candidateId, c.seats]))).toEqual(natural);
    expect(result.coalitions.every((c) => !c.majorityBonus)).toBe(true);
  });

  it('given another coalition over 50% of the valid votes ("anatra zoppa"), when allocated, then the mayor gets no bonus and the council majority goes to the other coalition', () => {
    // Prepare: w wins the mayoralty with 51%, but x's lists have 52% of the mayoral votes.
    const input = seatInputOf(50_000, 20, [
      { id: 'w', votes: 5_100, lists: [3_000] },
      { id: 'x', votes: 4_000, lists: [5_200] },
      { id: 'y', votes: 900, lists: [1_000] },
    ]);

    // Act
    const result = allocated(allocateSeats(input));

    // Assess
    expect(result.mayor.candidateId).toBe('w');
    expect(result.coalitions.every((c) => !c.majorityBonus)).toBe(true);
    expect(seatsOf(result, 'x')).toBeGreaterThan(seatsOf(result, 'w') ?? 0);
  });

  it("given a winner's coalition that already has 60% of the seats, when allocated, then it keeps its D'Hondt seats and is not flagged as bonus", () => {
    // Prepare
    const input = seatInputOf(50_000, 20, [
      { id: 'w', votes: 7_000, lists: [7_000] },
      { id: 'x', votes: 3_000, lists: [3_000] },
    ]);

    // Act
    const result = allocated(allocateSeats(input));

    // Assess
    expect(result.coalitions.map((c) => [c.seats, c.majorityBonus])).toEqual([
      [14, false],
      [6, false],
    ]);
  });

  it('given any election whose mayor is elected, when allocated, then the coalition seats sum to the council and so do list seats plus defeated candidates', () => {
    fc.assert(
      fc.property(largeElectionArb, (input) => {
        // Act
        const result = allocatedOrDiscarded(input, TUEL_73);

        // Assess
        expectWholeCouncil(result, input.councilSeats);
      }),
    );
  });

  it("given any election with the bonus, when allocated, then the winner's coalition has at least round(60%) of the seats, exactly the 60% rounded up", () => {
    fc.assert(
      fc.property(largeElectionArb, (input) => {
        // Act
        const outcome = allocateSeats(input, TUEL_73);

        // Assess
        fc.pre(outcome?.outcome === 'allocated' && outcome.coalitions.some((c) => c.majorityBonus));
        const result = outcome as SeatAllocation;
        const winner = seatsOf(result, result.mayor.candidateId) ?? 0;
        expect(winner).toBeGreaterThanOrEqual(Math.round(0.6 * input.councilSeats));
        expect(winner).toBe(Math.ceil((3 * input.councilSeats) / 5));
      }),
    );
  });

  it("given any election where the winner's coalition has 40% of the valid votes and no other passed 50%, when allocated, then it has at least 60% of the seats", () => {
    fc.assert(
      fc.property(largeElectionArb, (input) => {
        // Act
        const result = allocatedOrDiscarded(input, TUEL_73);

        // Assess
        const base = sum(Object.values(input.candidateVotes));
        const winner = result.coalitions.find((c) => c.candidateId === result.mayor.candidateId);
        const others = result.coalitions.filter((c) => c !== winner);
        fc.pre(
          winner !== undefined &&
            winner.votes * 100 >= 40 * base &&
            others.every((c) => c.votes * 100 <= 50 * base),
        );
        expect(winner?.seats).toBeGreaterThanOrEqual(Math.ceil((3 * input.councilSeats) / 5));
      }),
    );
  });
});

describe('allocateSeats over 15,000 inhabitants (TUEL arts. 72-73): run-off', () => {
  it('given nobody over 50%, when allocated, then a run-off between the top two is required', () => {
    // Prepare
    const input = seatInputOf(40_000, 24, [
      { id: 'c', votes: 2_500, lists: [2_400] },
      { id: 'a', votes: 4_000, lists: [3_900] },
      { id: 'b', votes: 3_500, lists: [3_600] },
    ]);

    // Act
    const outcome = allocateSeats(input);

    // Assess
    expect(outcome).toEqual(runoffBetween('tuel-73', ['a', 'b']));
  });

  it('given a candidate at exactly 50%, when allocated, then it is not an absolute majority and a run-off is required', () => {
    // Prepare
    const input = seatInputOf(40_000, 24, [
      { id: 'a', votes: 5_000, lists: [5_000] },
      { id: 'b', votes: 3_000, lists: [3_000] },
      { id: 'c', votes: 2_000, lists: [2_000] },
    ]);

    // Act
    const outcome = allocateSeats(input);

    // Assess
    expect(outcome?.outcome).toBe('runoff');
  });

  it('given a tie for second place, when allocated, then the candidate whose lists have more votes goes to the run-off (TUEL art. 72 c. 5)', () => {
    // Prepare
    const input = seatInputOf(40_000, 24, [
      { id: 'a', votes: 4_000, lists: [4_000] },
      { id: 'b', votes: 3_000, lists: [1_000, 1_000] },
      { id: 'c', votes: 3_000, lists: [2_800] },
    ]);

    // Act
    const outcome = allocateSeats(input);

    // Assess
    expect(outcome).toMatchObject({ outcome: 'runoff', runoff: { candidateIds: ['a', 'c'] } });
  });

  it('given any election, when allocated, then a mayor is elected exactly when over 50% of the mayoral votes, else the top two go to a run-off', () => {
    fc.assert(
      fc.property(largeElectionArb, (input) => {
        // Prepare
        const votes = Object.values(input.candidateVotes);
        const total = sum(votes);
        const top = Math.max(...votes);

        // Act
        const outcome = allocateSeats(input, TUEL_73);

        // Assess
        fc.pre(outcome !== null);
        if (outcome.outcome === 'allocated') {
          expect(2 * outcome.mayor.votes).toBeGreaterThan(total);
        } else {
          expect(2 * top).toBeLessThanOrEqual(total);
          const [first, second] = outcome.runoff.candidateIds.map((id) => input.candidateVotes[id] ?? 0);
          expect(first).toBe(top);
          expect(votes.filter((v) => v > (second ?? 0)).length).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});

describe('allocateSeats over 15,000 inhabitants (TUEL art. 73 c. 11): defeated candidates', () => {
  it("given a defeated candidate's coalition with 4 seats, when allocated, then the candidate takes one and the list that would win the coalition's last seat gives it up", () => {
    // Prepare: w 60% keeps its 6 D'Hondt seats; x's 4 seats are 3,000 / 1,500 / 1,200 / 1,000.
    const input = seatInputOf(20_000, 10, [
      { id: 'w', votes: 6_000, lists: [6_000] },
      { id: 'x', votes: 4_000, lists: [3_000, 1_200] },
    ]);

    // Act
    const result = allocated(allocateSeats(input));

    // Assess: the smallest quotient (3,000 / 3) is the seat taken away.
    expect(result.coalitions.map((c) => c.seats)).toEqual([6, 4]);
    expect(listSeats(result)).toEqual({ 'w-1': 6, 'x-1': 2, 'x-2': 1 });
    expect(result.councillorsFromCandidates).toEqual(['x']);
  });

  it('given any election, when allocated, then every defeated candidate whose coalition won a seat sits, and only they do', () => {
    fc.assert(
      fc.property(largeElectionArb, (input) => {
        // Act
        const result = allocatedOrDiscarded(input, TUEL_73);

        // Assess
        expectDefeatedCandidatesSeated(result);
      }),
    );
  });
});
