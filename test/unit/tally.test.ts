import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MunicipalResults, ReferendumResults } from '../../shared/domain/submission-bodies.js';
import {
  addTallies,
  counter,
  isEmptyTally,
  subtractTallies,
  sumTallies,
  type Tally,
  tallyOfResults,
  tallyOfTurnout,
} from '../../shared/domain/tally.js';

const KEYS = [
  'sections',
  'voters',
  'candidate.C1',
  'candidate.C2',
  'list.L1',
  'preference.L1-1',
  'turnout.T1.voters',
];

/** A tally as the domain keeps it: any integers, never a zero counter. */
const tallyArb: fc.Arbitrary<Tally> = fc.dictionary(
  fc.constantFrom(...KEYS),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).filter((v) => v !== 0),
  { maxKeys: KEYS.length },
);

/** Drops zero counters, as the domain does. */
const withoutZeros = (tally: Tally): Tally =>
  Object.fromEntries(Object.entries(tally).filter(([, v]) => v !== 0));

const countArb = fc.nat(5_000);
const idCounts = (ids: readonly string[]) => fc.record(Object.fromEntries(ids.map((id) => [id, countArb])));

const municipalArb: fc.Arbitrary<MunicipalResults> = fc.record({
  voters: countArb,
  blankBallots: countArb,
  invalidBallots: countArb,
  contestedBallots: countArb,
  candidateVotes: idCounts(['C1', 'C2', 'C3']),
  candidateOnlyVotes: idCounts(['C1', 'C2']),
  listVotes: idCounts(['L1', 'L2', 'L3']),
  preferenceVotes: idCounts(['L1-1', 'L1-2', 'L3-1']),
});

const referendumArb: fc.Arbitrary<ReferendumResults> = fc.record({
  voters: countArb,
  blankBallots: countArb,
  invalidBallots: countArb,
  contestedBallots: countArb,
  answers: fc.record({
    Q1: fc.record({ yes: countArb, no: countArb }),
    Q2: fc.record({ yes: countArb, no: countArb }),
  }),
});

describe('addTallies, subtractTallies and sumTallies', () => {
  it('given any two tallies, when added either way round, then the sums are equal (commutative)', () => {
    fc.assert(
      fc.property(tallyArb, tallyArb, (a, b) => {
        // Act
        const ab = addTallies(a, b);
        const ba = addTallies(b, a);

        // Assess
        expect(ab).toEqual(ba);
      }),
    );
  });

  it('given any three tallies, when grouped either way, then the sums are equal (associative)', () => {
    fc.assert(
      fc.property(tallyArb, tallyArb, tallyArb, (a, b, c) => {
        // Act
        const left = addTallies(addTallies(a, b), c);
        const right = addTallies(a, addTallies(b, c));

        // Assess
        expect(left).toEqual(right);
      }),
    );
  });

  it('given any two tallies, when b is added to a and then subtracted, then a is back with no zero counters', () => {
    fc.assert(
      fc.property(tallyArb, tallyArb, (a, b) => {
        // Act
        const back = subtractTallies(addTallies(a, b), b);

        // Assess
        expect(back).toEqual(a);
        expect(Object.values(back)).not.toContain(0);
      }),
    );
  });

  it('given any tally, when the empty tally is added or it is subtracted from itself, then it is unchanged or empty', () => {
    fc.assert(
      fc.property(tallyArb, (a) => {
        // Act
        const plusEmpty = addTallies(a, {});
        const minusItself = subtractTallies(a, a);

        // Assess
        expect(plusEmpty).toEqual(a);
        expect(isEmptyTally(minusItself)).toBe(true);
      }),
    );
  });

  it('given counters that cancel out, when added, then those counters disappear', () => {
    // Act
    const sum = addTallies({ voters: 5, blank: 1 }, { voters: -5 });

    // Assess
    expect(sum).toEqual({ blank: 1 });
  });

  it('given any list of tallies, when summed, then it equals the left fold of addTallies', () => {
    fc.assert(
      fc.property(fc.array(tallyArb, { maxLength: 8 }), (tallies) => {
        // Act
        const total = sumTallies(tallies);

        // Assess
        expect(total).toEqual(tallies.reduce(addTallies, {}));
      }),
    );
  });
});

describe('tallyOfResults and tallyOfTurnout', () => {
  it('given any municipal counts, when their tallies are summed, then each counter is the field-wise sum', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(municipalArb, fc.nat(2_000)), { maxLength: 10 }), (sections) => {
        // Prepare
        const expected: Tally = {};
        const add = (key: string, value: number) => {
          expected[key] = (expected[key] ?? 0) + value;
        };
        for (const [results, registered] of sections) {
          add(counter.sections, 1);
          add(counter.registered, registered);
          add(counter.voters, results.voters);
          add(counter.blank, results.blankBallots);
          add(counter.invalid, results.invalidBallots);
          add(counter.contested, results.contestedBallots);
          for (const [id, v] of Object.entries(results.candidateVotes)) add(counter.candidate(id), v);
          for (const [id, v] of Object.entries(results.candidateOnlyVotes)) add(counter.candidateOnly(id), v);
          for (const [id, v] of Object.entries(results.listVotes)) add(counter.list(id), v);
          for (const [id, v] of Object.entries(results.preferenceVotes)) add(counter.preference(id), v);
        }

        // Act
        const total = sumTallies(
          sections.map(([results, registered]) => tallyOfResults(results, registered)),
        );

        // Assess
        expect(total).toEqual(withoutZeros(expected));
      }),
    );
  });

  it('given any referendum counts, when their tallies are summed, then yes and no are the sums per question', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(referendumArb, fc.nat(2_000)), { maxLength: 10 }), (sections) => {
        // Prepare
        const sumOf = (pick: (r: ReferendumResults) => number) => sections.reduce((s, [r]) => s + pick(r), 0);
        const expected = withoutZeros({
          sections: sections.length,
          registered: sections.reduce((s, [, registered]) => s + registered, 0),
          voters: sumOf((r) => r.voters),
          blank: sumOf((r) => r.blankBallots),
          invalid: sumOf((r) => r.invalidBallots),
          contested: sumOf((r) => r.contestedBallots),
          'yes.Q1': sumOf((r) => r.answers.Q1?.yes ?? 0),
          'no.Q1': sumOf((r) => r.answers.Q1?.no ?? 0),
          'yes.Q2': sumOf((r) => r.answers.Q2?.yes ?? 0),
          'no.Q2': sumOf((r) => r.answers.Q2?.no ?? 0),
        });

        // Act
        const total = sumTallies(
          sections.map(([results, registered]) => tallyOfResults(results, registered)),
        );

        // Assess
        expect(total).toEqual(expected);
      }),
    );
  });

  it('given a count with zero votes for a candidate, when tallied, then no zero counter is kept', () => {
    // Prepare
    const results: MunicipalResults = {
      voters: 10,
      blankBallots: 0,
      invalidBallots: 0,
      contestedBallots: 0,
      candidateVotes: { C1: 10, C2: 0 },
      candidateOnlyVotes: {},
      listVotes: {},
      preferenceVotes: {},
    };

    // Act
    const tally = tallyOfResults(results, 1000);

    // Assess
    expect(tally).toEqual({ sections: 1, registered: 1000, voters: 10, 'candidate.C1': 10 });
  });

  it('given a turnout reading, when tallied, then it counts one section, its voters and its electors under the slot', () => {
    // Act
    const tally = tallyOfTurnout('T1', { voters: 189, votersMale: 90, votersFemale: 99 }, 1133);

    // Assess
    expect(tally).toEqual({
      'turnout.T1.sections': 1,
      'turnout.T1.voters': 189,
      'turnout.T1.registered': 1133,
    });
  });
});
