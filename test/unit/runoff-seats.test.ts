import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dhondt } from '../../shared/domain/dhondt.js';
import {
  allocateRunoffSeats,
  type RunoffRound,
  type RunoffSeatAllocation,
} from '../../shared/domain/runoff-seats.js';
import {
  allocateSeats,
  ITALIAN_MUNICIPAL_RULES,
  type SeatInput,
  type SeatRules,
} from '../../shared/domain/seats.js';
import {
  allocatedAfterRunoff,
  expectDefeatedCandidatesSeated,
  expectWholeCouncil,
  type Side,
  seatInputOf,
  sum,
} from './fixtures.js';

const [TUEL_71, TUEL_73] = ITALIAN_MUNICIPAL_RULES as [SeatRules, SeatRules];

/** The first round from its sides (60,000 inhabitants); list ids are `<candidate>-<n>`. */
const firstRound = (councilSeats: number, sides: readonly Side[]): SeatInput =>
  seatInputOf(60_000, councilSeats, sides);

/**
 * The run-off between `pair`: each admitted candidate keeps his first-round lists (TUEL art. 72
 * c. 7) and gains the lists of `apparentamento` (list id -> the admitted candidate it joins).
 */
function runoffOf(
  first: SeatInput,
  pair: [string, string],
  votes: [number, number],
  apparentamento: Record<string, string> = {},
  elderCandidateId?: string,
): RunoffRound {
  return {
    candidateIds: pair,
    lists: first.lists.flatMap((l) => {
      const joins = pair.includes(l.candidateId) ? l.candidateId : apparentamento[l.id];
      return joins === undefined ? [] : [{ id: l.id, candidateId: joins }];
    }),
    candidateVotes: { [pair[0]]: votes[0], [pair[1]]: votes[1] },
    ...(elderCandidateId === undefined ? {} : { elderCandidateId }),
  };
}

const coalitionSeats = (r: RunoffSeatAllocation) =>
  Object.fromEntries(r.coalitions.map((c) => [c.candidateId, c.seats]));
const listSeats = (r: RunoffSeatAllocation) => Object.fromEntries(r.lists.map((l) => [l.listId, l.seats]));
const groupSeats = (r: RunoffSeatAllocation) =>
  Object.fromEntries(r.groups.map((g) => [g.candidateId, g.seats]));
const sixtyPercent = (seats: number) => Math.ceil((3 * seats) / 5);

/**
 * A three-way first round with no majority (10,000 valid mayoral votes): a 40%, b 35%, c 25%.
 * b's lists have MORE votes than a's.
 */
const threeWay = firstRound(24, [
  { id: 'a', votes: 4_000, lists: [2_000, 1_400] },
  { id: 'b', votes: 3_500, lists: [3_000, 600] },
  { id: 'c', votes: 2_500, lists: [1_500, 500] },
]);

describe('allocateRunoffSeats: refused input and nothing yet', () => {
  it('given input that contradicts the first round or the law, when allocated, then it is refused', () => {
    // Prepare
    const electedAtFirst = firstRound(24, [
      { id: 'a', votes: 6_000, lists: [6_000] },
      { id: 'b', votes: 4_000, lists: [4_000] },
    ]);
    const good = runoffOf(threeWay, ['a', 'b'], [6_000, 5_000]);
    const attempts = [
      () => allocateRunoffSeats(electedAtFirst, runoffOf(electedAtFirst, ['a', 'b'], [1, 0])),
      () => allocateRunoffSeats(threeWay, { ...good, candidateIds: ['a', 'a'] }),
      () => allocateRunoffSeats(threeWay, { ...good, candidateIds: ['a', 'z'] }),
      () =>
        allocateRunoffSeats(threeWay, { ...good, lists: [...good.lists, { id: 'z-1', candidateId: 'a' }] }),
      () =>
        allocateRunoffSeats(threeWay, { ...good, lists: [...good.lists, { id: 'c-1', candidateId: 'c' }] }),
      () =>
        allocateRunoffSeats(threeWay, { ...good, lists: [...good.lists, { id: 'a-1', candidateId: 'a' }] }),
      // An admitted candidate's first-round list left out, or moved to the other side.
      () => allocateRunoffSeats(threeWay, { ...good, lists: good.lists.filter((l) => l.id !== 'b-2') }),
      () =>
        allocateRunoffSeats(threeWay, {
          ...good,
          lists: good.lists.map((l) => (l.id === 'b-2' ? { ...l, candidateId: 'a' } : l)),
        }),
      () => allocateRunoffSeats(threeWay, { ...good, candidateVotes: { a: -1, b: 5 } }),
      () => allocateRunoffSeats(threeWay, { ...good, candidateVotes: { a: 1.5, b: 5 } }),
    ];

    // Act + Assess
    for (const attempt of attempts) expect(attempt).toThrow(RangeError);
  });

  it('given a run-off with no votes counted yet, when allocated, then there is nothing to show', () => {
    // Act
    const result = allocateRunoffSeats(threeWay, runoffOf(threeWay, ['a', 'b'], [0, 0]));

    // Assess
    expect(result).toBeNull();
  });
});

describe('allocateRunoffSeats: the majority bonus after a run-off (TUEL art. 73 c. 10, second sentence)', () => {
  it("given the winner whose lists had FEWER first-round votes than the loser, when allocated, then the winner gets 60% of the seats and the rest go by D'Hondt", () => {
    // Prepare: b's lists 3,600, a's 3,400; b wins the run-off.
    const round = runoffOf(threeWay, ['a', 'b'], [5_000, 5_200]);

    // Act
    const result = allocatedAfterRunoff(allocateRunoffSeats(threeWay, round));

    // Assess: 60% of 24 is 14.4, rounded up to 15; 9 by D'Hondt among 3,400 and 2,000: 6 and 3.
    expect(result.round).toBe('runoff');
    expect(result.mayor).toEqual({ candidateId: 'b', votes: 5_200, percent: 50.98 });
    expect(result.runoff).toBeNull();
    expect(result.bonusWithheldBy).toBeNull();
    expect(result.groups).toEqual([
      { candidateId: 'b', listIds: ['b-1', 'b-2'], votes: 3_600, seats: 15, majorityBonus: true },
      { candidateId: 'a', listIds: ['a-1', 'a-2'], votes: 3_400, seats: 6, majorityBonus: false },
      { candidateId: 'c', listIds: ['c-1', 'c-2'], votes: 2_000, seats: 3, majorityBonus: false },
    ]);
    expect(coalitionSeats(result)).toEqual({ a: 6, b: 15, c: 3 });
    expect(result.coalitions.map((c) => c.majorityBonus)).toEqual([false, true, false]);
    // Both defeated candidates sit: a, the run-off's loser, and c, who was not admitted.
    expect(result.councillorsFromCandidates).toEqual(['a', 'c']);
    expect(listSeats(result)).toEqual({ 'a-1': 3, 'a-2': 2, 'b-1': 13, 'b-2': 2, 'c-1': 2, 'c-2': 0 });
  });

  it('given a winner whose lists had under 40% of the valid votes, when allocated, then the bonus is given all the same (the second sentence asks no 40%)', () => {
    // Prepare: a's lists have 3,400 of 10,000 valid votes (34%); at the first round that would
    // deny the bonus.
    const round = runoffOf(threeWay, ['a', 'b'], [6_000, 5_000]);

    // Act
    const result = allocatedAfterRunoff(allocateRunoffSeats(threeWay, round));

    // Assess
    expect(groupSeats(result)).toEqual({ a: 15, b: 6, c: 3 });
    expect(result.groups[0]).toMatchObject({ candidateId: 'a', majorityBonus: true });
  });

  it("given a winner whose group already has 60% of the seats by D'Hondt, when allocated, then it keeps its D'Hondt seats and is not flagged as bonus", () => {
    // Prepare: split voting: a's lists 6,500 of 10,000 but a only 45% at the first round.
    const first = firstRound(20, [
      { id: 'a', votes: 4_500, lists: [6_500] },
      { id: 'b', votes: 4_000, lists: [2_500] },
      { id: 'c', votes: 1_500, lists: [1_000] },
    ]);

    // Act
    const result = allocatedAfterRunoff(
      allocateRunoffSeats(first, runoffOf(first, ['a', 'b'], [7_000, 3_000])),
    );

    // Assess: D'Hondt on 6,500 / 2,500 / 1,000 for 20 seats: 13 / 5 / 2.
    expect(groupSeats(result)).toEqual({ a: 13, b: 5, c: 2 });
    expect(result.groups.every((g) => !g.majorityBonus)).toBe(true);
    expect(result.bonusWithheldBy).toBeNull();
  });

  it('given the loser\'s first-round group over 50% of the valid votes ("anatra zoppa"), when allocated, then the bonus is withheld and D\'Hondt stands', () => {
    // Prepare: b's lists 5,200 of 10,000 valid votes, but a wins the run-off.
    const first = firstRound(24, [
      { id: 'a', votes: 3_300, lists: [2_000] },
      { id: 'b', votes: 4_700, lists: [3_000, 2_200] },
      { id: 'c', votes: 2_000, lists: [1_800] },
    ]);

    // Act
    const result = allocatedAfterRunoff(
      allocateRunoffSeats(first, runoffOf(first, ['b', 'a'], [4_000, 6_000])),
    );

    // Assess
    expect(result.mayor.candidateId).toBe('a');
    expect(result.bonusWithheldBy).toBe('b');
    expect(groupSeats(result)).toEqual(
      dhondt(
        [
          { id: 'a', votes: 2_000 },
          { id: 'b', votes: 5_200 },
          { id: 'c', votes: 1_800 },
        ],
        24,
      ).seats,
    );
    expect(result.coalitions.every((c) => !c.majorityBonus)).toBe(true);
    expect(coalitionSeats(result).b).toBeGreaterThan(12);
  });

  it('given a candidate not admitted whose lists passed 50% (split voting), when allocated, then the bonus is withheld too', () => {
    // Prepare: c had only 20% as a candidate, but his list 51% of the valid votes.
    const first = firstRound(24, [
      { id: 'a', votes: 4_200, lists: [2_000] },
      { id: 'b', votes: 3_800, lists: [1_500] },
      { id: 'c', votes: 2_000, lists: [5_100] },
    ]);

    // Act
    const result = allocatedAfterRunoff(
      allocateRunoffSeats(first, runoffOf(first, ['a', 'b'], [6_000, 4_000])),
    );

    // Assess
    expect(result.bonusWithheldBy).toBe('c');
    expect(result.groups.every((g) => !g.majorityBonus)).toBe(true);
  });

  it('given the loser\'s group at exactly 50% of the valid votes, when allocated, then it has not "passed" 50% and the bonus is given', () => {
    // Prepare
    const first = firstRound(24, [
      { id: 'a', votes: 3_300, lists: [2_000] },
      { id: 'b', votes: 4_700, lists: [5_000] },
      { id: 'c', votes: 2_000, lists: [1_800] },
    ]);

    // Act
    const result = allocatedAfterRunoff(
      allocateRunoffSeats(first, runoffOf(first, ['b', 'a'], [4_000, 6_000])),
    );

    // Assess
    expect(result.bonusWithheldBy).toBeNull();
    expect(groupSeats(result).a).toBe(15);
  });

  it('given 32 seats, when the bonus applies, then 60% (19.2) is rounded up to 20', () => {
    // Prepare
    const first = { ...threeWay, councilSeats: 32 };

    // Act
    const result = allocatedAfterRunoff(
      allocateRunoffSeats(first, runoffOf(first, ['a', 'b'], [6_000, 5_000])),
    );

    // Assess
    expect(groupSeats(result).a).toBe(20);
    expect(sum(result.groups.map((g) => g.seats))).toBe(32);
  });
});

describe('allocateRunoffSeats: apparentamento (TUEL art. 72 c. 7)', () => {
  it("given a third candidate's list linked to the winner for the run-off, when allocated, then it shares the winner's 60% and its candidate still takes his seat from it", () => {
    // Prepare: c-1 (1,500) joins a; c-2 (500) joins nobody.
    const round = runoffOf(threeWay, ['a', 'b'], [6_000, 5_000], { 'c-1': 'a' });
    const without = allocatedAfterRunoff(
      allocateRunoffSeats(threeWay, runoffOf(threeWay, ['a', 'b'], [6_000, 5_000])),
    );

    // Act
    const result = allocatedAfterRunoff(allocateRunoffSeats(threeWay, round));

    // Assess: the group of a is 2,000 + 1,400 + 1,500 = 4,900 -> 15 seats, shared 6 / 4 / 5 by
    // D'Hondt; b's group and c-2 alone (500) share the 9 others, 8 and 1.
    expect(result.groups).toEqual([
      { candidateId: 'a', listIds: ['a-1', 'a-2', 'c-1'], votes: 4_900, seats: 15, majorityBonus: true },
      { candidateId: 'b', listIds: ['b-1', 'b-2'], votes: 3_600, seats: 8, majorityBonus: false },
      { candidateId: 'c', listIds: ['c-2'], votes: 500, seats: 1, majorityBonus: false },
    ]);
    // c sits, his seat taken from his own first-round lists (Cons. Stato V n. 5065/2011), here
    // from c-1 inside the majority: its last seat (1,500 / 5 = 300) is the smallest quotient of
    // his lists' seats (c-2: 500 / 1).
    expect(result.councillorsFromCandidates).toEqual(['b', 'c']);
    expect(listSeats(result)).toMatchObject({ 'a-1': 6, 'a-2': 4, 'c-1': 4, 'c-2': 1 });
    expect(coalitionSeats(result)).toEqual({ a: 10, b: 8, c: 6 });
    expect(result.coalitions.map((c) => c.majorityBonus)).toEqual([true, false, true]);
    // Without the apparentamento c's lists had 3 seats; inside the majority they have more.
    expect(coalitionSeats(without).c).toBe(3);
  });

  it("given a third candidate's list linked to the loser, when allocated, then the loser's seat comes from his own first-round lists only (TAR Marche II n. 794/2024)", () => {
    // Prepare: b's own list is tiny; c's list joins b and carries the group.
    const first = firstRound(24, [
      { id: 'a', votes: 4_000, lists: [3_500] },
      { id: 'b', votes: 3_100, lists: [200] },
      { id: 'c', votes: 2_900, lists: [3_000] },
    ]);

    // Act
    const result = allocatedAfterRunoff(
      allocateRunoffSeats(first, runoffOf(first, ['a', 'b'], [6_000, 5_000], { 'c-1': 'b' })),
    );

    // Assess: b's group (3,200) has the 9 seats left: 200 / 1 < 3,000 / 9, so b-1 wins none and
    // b does not sit; c does, from c-1.
    // c's only list joined b, so c has no group left.
    expect(groupSeats(result)).toEqual({ a: 15, b: 9 });
    expect(listSeats(result)).toEqual({ 'a-1': 15, 'b-1': 0, 'c-1': 8 });
    expect(result.councillorsFromCandidates).toEqual(['c']);
    expect(coalitionSeats(result)).toEqual({ a: 15, b: 0, c: 9 });
  });

  it("given a third coalition split between the two sides, when allocated, then its candidate's seat comes from the list whose last seat had the smallest quotient", () => {
    // Prepare: c-1 joins a, c-2 joins b.
    const first = firstRound(24, [
      { id: 'a', votes: 4_000, lists: [3_000] },
      { id: 'b', votes: 3_500, lists: [3_000] },
      { id: 'c', votes: 2_500, lists: [1_200, 1_100] },
    ]);

    // Act
    const result = allocatedAfterRunoff(
      allocateRunoffSeats(first, runoffOf(first, ['a', 'b'], [6_000, 5_000], { 'c-1': 'a', 'c-2': 'b' })),
    );

    // Assess: a's group 4,200 -> 15: a-1 11, c-1 4 (last quotient 300); b's group 4,100 -> 9:
    // b-1 7, c-2 2 (last quotient 550). c's seat comes from c-1.
    expect(listSeats(result)).toEqual({ 'a-1': 11, 'b-1': 6, 'c-1': 3, 'c-2': 2 });
    expect(result.councillorsFromCandidates).toEqual(['b', 'c']);
    expect(coalitionSeats(result)).toEqual({ a: 11, b: 7, c: 6 });
  });
});

describe('allocateRunoffSeats up to 15,000 inhabitants (TUEL art. 71 c. 6): a run-off after a tie', () => {
  // A tie at the top of a town of 8,000 (12 councillors): a and b 1,000 each, c 500.
  const tie = {
    ...firstRound(12, [
      { id: 'a', votes: 1_000, lists: [1_000] },
      { id: 'b', votes: 1_000, lists: [1_000] },
      { id: 'c', votes: 500, lists: [500] },
    ]),
    population: 8_000,
  };

  it("given b elected at the run-off, when allocated, then b's list takes two thirds (8) and the others share 4 by D'Hondt, each defeated candidate whose list won a seat first (art. 71 cc. 8-9)", () => {
    // Act
    const result = allocatedAfterRunoff(
      allocateRunoffSeats(tie, runoffOf(tie, ['a', 'b'], [800, 900]), TUEL_71),
    );

    // Assess: 4 seats among 1,000 and 500: 1,000, then 500 and 500 tied in quotient, a first
    // with more votes, then c's 500: a 3, c 1.
    expect(allocateSeats(tie, TUEL_71)?.outcome).toBe('runoff');
    expect(result.rules).toBe('tuel-71');
    expect(result.mayor).toEqual({ candidateId: 'b', votes: 900, percent: 52.94 });
    expect(coalitionSeats(result)).toEqual({ a: 3, b: 8, c: 1 });
    expect(listSeats(result)).toEqual({ 'a-1': 2, 'b-1': 8, 'c-1': 0 });
    expect(result.councillorsFromCandidates).toEqual(['a', 'c']);
    expect(groupSeats(result)).toEqual({ a: 3, b: 8, c: 1 });
    expect(result.bonusWithheldBy).toBeNull();
  });

  it('given a list of a third candidate linked to one of the two, when allocated under art. 71, then it is refused: art. 71 has no apparentamento', () => {
    // Act
    const attempt = () =>
      allocateRunoffSeats(tie, runoffOf(tie, ['a', 'b'], [800, 900], { 'c-1': 'b' }), TUEL_71);

    // Assess
    expect(attempt).toThrow(RangeError);
  });
});

describe('allocateRunoffSeats: threshold (TUEL art. 73 c. 7)', () => {
  it('given lists under 3%, when allocated, then only a list under 3% in no group over 3% is excluded', () => {
    // Prepare (10,000 valid votes): d-1 (2%, alone) joins a, whose group passes 3%; e-1 (2%,
    // alone) joins nobody; c-1 joins b, leaving c-2 (1%) alone, but c's first-round group passed 3%.
    const first = firstRound(24, [
      { id: 'a', votes: 3_000, lists: [2_800] },
      { id: 'b', votes: 2_900, lists: [2_700] },
      { id: 'c', votes: 2_000, lists: [1_900, 100] },
      { id: 'd', votes: 1_100, lists: [200] },
      { id: 'e', votes: 1_000, lists: [200] },
    ]);

    // Act
    const result = allocatedAfterRunoff(
      allocateRunoffSeats(first, runoffOf(first, ['a', 'b'], [6_000, 5_000], { 'd-1': 'a', 'c-1': 'b' })),
    );

    // Assess
    const excluded = result.lists.filter((l) => l.belowThreshold).map((l) => l.listId);
    expect(excluded).toEqual(['e-1']);
    expect(result.groups.find((g) => g.candidateId === 'a')?.votes).toBe(3_000);
    expect(result.groups.find((g) => g.candidateId === 'e')?.votes).toBe(0);
  });
});

describe('allocateRunoffSeats: the mayor elected at the run-off (TUEL art. 72 c. 9)', () => {
  it('given a tie at the run-off, when allocated, then the candidate whose group (apparentamento included) has more first-round list votes is elected', () => {
    // Prepare: a's lists 3,400, b's 3,600; with c-1 (1,500) a's group has 4,900.
    const plain = runoffOf(threeWay, ['a', 'b'], [5_000, 5_000]);
    const joined = runoffOf(threeWay, ['a', 'b'], [5_000, 5_000], { 'c-1': 'a' });

    // Act
    const results = [plain, joined].map((round) =>
      allocatedAfterRunoff(allocateRunoffSeats(threeWay, round)),
    );

    // Assess
    expect(results.map((r) => r.mayor)).toEqual([
      { candidateId: 'b', votes: 5_000, percent: 50 },
      { candidateId: 'a', votes: 5_000, percent: 50 },
    ]);
  });

  it('given a tie of votes and of the groups, when allocated, then the elder is elected, and without ages the first of the pair', () => {
    // Prepare
    const first = firstRound(24, [
      { id: 'a', votes: 4_000, lists: [3_000] },
      { id: 'b', votes: 3_500, lists: [3_000] },
      { id: 'c', votes: 2_500, lists: [2_000] },
    ]);

    // Act
    const withElder = allocatedAfterRunoff(
      allocateRunoffSeats(first, runoffOf(first, ['a', 'b'], [10, 10], {}, 'b')),
    );
    const withoutAges = allocatedAfterRunoff(
      allocateRunoffSeats(first, runoffOf(first, ['a', 'b'], [10, 10])),
    );

    // Assess
    expect(withElder.mayor.candidateId).toBe('b');
    expect(withoutAges.mayor.candidateId).toBe('a');
  });

  it('given two losing groups tied for the last seat in quotient and votes, when allocated, then the lot is reported', () => {
    // Prepare: 9 seats left for b and c, 2,000 each.
    const first = firstRound(24, [
      { id: 'a', votes: 4_000, lists: [3_000] },
      { id: 'b', votes: 3_000, lists: [2_000] },
      { id: 'c', votes: 3_000, lists: [2_000] },
    ]);

    // Act
    const result = allocatedAfterRunoff(
      allocateRunoffSeats(first, runoffOf(first, ['a', 'b'], [6_000, 5_000])),
    );

    // Assess
    expect(groupSeats(result)).toEqual({ a: 15, b: 5, c: 4 });
    expect(result.tiedByLot).toEqual(['b', 'c']);
  });
});

/**
 * First rounds: 3-5 candidates, 1-3 lists each; a candidate's votes are his lists' plus or minus
 * split votes (a list vote for one, a mayoral vote for another), so a group of lists can pass
 * 50% while its candidate does not (the "anatra zoppa").
 */
const firstRoundArb = fc
  .record({
    seats: fc.constantFrom(16, 24, 32, 40),
    sides: fc.array(
      fc.record({
        lists: fc.array(fc.nat(20_000), { minLength: 1, maxLength: 3 }),
        split: fc.integer({ min: -15_000, max: 15_000 }),
      }),
      { minLength: 3, maxLength: 5 },
    ),
  })
  .map(({ seats, sides }) =>
    firstRound(
      seats,
      sides.map((s, i) => ({ id: `c${i}`, lists: s.lists, votes: Math.max(0, sum(s.lists) + s.split) })),
    ),
  );

/** A first round that went to a run-off, the run-off's apparentamenti and votes. */
const runoffArb = fc
  .record({
    first: firstRoundArb,
    joins: fc.array(fc.constantFrom(0, 1, 2), { minLength: 15, maxLength: 15 }),
    votes: fc.tuple(fc.nat(50_000), fc.nat(50_000)),
  })
  .map(({ first, joins, votes }) => {
    const outcome = allocateSeats(first, TUEL_73);
    if (outcome?.outcome !== 'runoff') return null;
    const pair = outcome.runoff.candidateIds;
    const apparentamento = Object.fromEntries(
      first.lists.flatMap((l, i) => {
        const choice = joins[i] ?? 0;
        return pair.includes(l.candidateId) || choice === 0 ? [] : [[l.id, pair[choice - 1] as string]];
      }),
    );
    return { first, round: runoffOf(first, [...pair], votes, apparentamento) };
  });

const runoffs = runoffArb.filter((r): r is NonNullable<typeof r> => r !== null);

describe('allocateRunoffSeats: properties', () => {
  it('given any run-off, when allocated, then group, coalition and list seats (with the defeated candidates) each sum to the council', () => {
    fc.assert(
      fc.property(runoffs, ({ first, round }) => {
        // Act
        const result = allocateRunoffSeats(first, round);

        // Assess
        fc.pre(result !== null);
        expect(sum(result.groups.map((g) => g.seats))).toBe(first.councilSeats);
        expectWholeCouncil(result, first.councilSeats);
        expect(result.lists.every((l) => l.seats >= 0 && (!l.belowThreshold || l.seats === 0))).toBe(true);
      }),
    );
  });

  it("given any run-off, when allocated, then the winner's group has exactly the 60% rounded up with the bonus, at least that unless the bonus is withheld, and D'Hondt's seats when it is", () => {
    fc.assert(
      fc.property(runoffs, ({ first, round }) => {
        // Act
        const result = allocateRunoffSeats(first, round);

        // Assess
        fc.pre(result !== null);
        const [winner, ...others] = result.groups;
        const othersHaveVotes = others.some((g) => g.votes > 0);
        expect(winner?.candidateId).toBe(result.mayor.candidateId);
        // A winner whose group has no list votes has no list to seat: no bonus, D'Hondt's seats (none).
        if ((winner?.votes ?? 0) === 0) {
          expect(winner?.seats).toBe(0);
          expect(result.groups.every((g) => !g.majorityBonus)).toBe(true);
        } else if (result.bonusWithheldBy === null) {
          expect(winner?.seats).toBeGreaterThanOrEqual(
            othersHaveVotes ? sixtyPercent(first.councilSeats) : first.councilSeats,
          );
          if (winner?.majorityBonus && othersHaveVotes)
            expect(winner.seats).toBe(sixtyPercent(first.councilSeats));
        } else {
          expect(result.groups.every((g) => !g.majorityBonus)).toBe(true);
          const natural = dhondt(
            result.groups.map((g) => ({ id: g.candidateId, votes: g.votes })),
            first.councilSeats,
          ).seats;
          expect(groupSeats(result)).toEqual(natural);
        }
      }),
    );
  });

  it('given any run-off, when allocated, then the bonus is withheld exactly when a first-round group of another candidate passed 50% of the valid votes', () => {
    fc.assert(
      fc.property(runoffs, ({ first, round }) => {
        // Act
        const result = allocateRunoffSeats(first, round);

        // Assess: an oracle in plain integers, on the first round's valid mayoral votes.
        fc.pre(result !== null);
        const valid = sum(Object.values(first.candidateVotes));
        const holders = first.candidates
          .filter((c) => c.id !== result.mayor.candidateId)
          .filter((c) => {
            const votes = sum(
              first.lists.filter((l) => l.candidateId === c.id).map((l) => first.listVotes[l.id] ?? 0),
            );
            return 2 * votes > valid;
          })
          .map((c) => c.id);
        expect(result.bonusWithheldBy).toBe(holders[0] ?? null);
      }),
    );
  });

  it('given any run-off, when allocated, then exactly the defeated candidates whose own first-round lists won a seat sit, each seat taken from those lists', () => {
    fc.assert(
      fc.property(runoffs, ({ first, round }) => {
        // Act
        const result = allocateRunoffSeats(first, round);

        // Assess
        fc.pre(result !== null);
        expectDefeatedCandidatesSeated(result);
      }),
    );
  });

  it("given any run-off, when one more list joins the winner, then the winner's group never loses seats", () => {
    fc.assert(
      fc.property(runoffs, fc.nat(), ({ first, round }, pick) => {
        // Prepare: a list of a candidate not admitted that is not yet with the winner.
        const before = allocateRunoffSeats(first, round);
        fc.pre(before !== null);
        const mayor = before.mayor.candidateId;
        const free = first.lists.filter(
          (l) => !round.candidateIds.includes(l.candidateId) && !round.lists.some((r) => r.id === l.id),
        );
        fc.pre(free.length > 0);
        const joining = free[pick % free.length] as (typeof free)[number];
        const joined: RunoffRound = {
          ...round,
          lists: [...round.lists, { id: joining.id, candidateId: mayor }],
        };

        // Act
        const after = allocateRunoffSeats(first, joined);

        // Assess
        expect(after?.mayor.candidateId).toBe(mayor);
        expect(after?.groups[0]?.seats).toBeGreaterThanOrEqual(before.groups[0]?.seats ?? 0);
      }),
    );
  });

  it('given any run-off, when the run-off votes change but not who wins, then the council does not change', () => {
    fc.assert(
      fc.property(runoffs, fc.nat(10_000), ({ first, round }, extra) => {
        // Prepare: more votes for the winner only.
        const before = allocateRunoffSeats(first, round);
        fc.pre(before !== null);
        const mayor = before.mayor.candidateId;
        const more: RunoffRound = {
          ...round,
          candidateVotes: { ...round.candidateVotes, [mayor]: (round.candidateVotes[mayor] ?? 0) + extra },
        };

        // Act
        const after = allocateRunoffSeats(first, more);

        // Assess
        expect(after?.mayor.candidateId).toBe(mayor);
        expect(after?.groups).toEqual(before.groups);
        expect(after?.lists).toEqual(before.lists);
        expect(after?.councillorsFromCandidates).toEqual(before.councillorsFromCandidates);
      }),
    );
  });
});
