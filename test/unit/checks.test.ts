import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkBallotsSquare,
  checkCandidateOnlyVotes,
  checkListVotes,
  checkPreferences,
  checkReferendumBallots,
  checkRegisteredVoters,
  checkResults,
  checkTurnout,
  type FailedCheck,
  isFlagging,
  SMALL_MUNICIPALITY_MAX_POPULATION,
} from '../../shared/domain/checks.js';
import type { MunicipalResults } from '../../shared/domain/submission-bodies.js';
import {
  municipalHead,
  referendumHead,
  squareMunicipalResults,
  squareReferendumResults,
} from './fixtures.js';

const section = { registeredVoters: 1000 };
const codesOf = (checks: readonly FailedCheck[]) => checks.map((c) => [c.code, c.severity, c.subject]);

describe('R1: voters = candidate votes + blank + invalid + contested', () => {
  it('given a count that squares, when checked, then R1 passes', () => {
    // Prepare
    const results = squareMunicipalResults();

    // Act
    const checks = checkBallotsSquare(results);

    // Assess
    expect(checks).toEqual([]);
  });

  it('given one voter too many, when checked, then R1 fails as an error', () => {
    // Prepare
    const results = { ...squareMunicipalResults(), voters: 561 };

    // Act
    const checks = checkBallotsSquare(results);

    // Assess
    expect(codesOf(checks)).toEqual([['R1', 'error', undefined]]);
    expect(checks[0]?.message.it).toContain('561');
    expect(checks[0]?.message.en).toContain('561');
  });

  it('given contested ballots that are not accounted for, when checked, then R1 fails', () => {
    // Prepare
    const results = { ...squareMunicipalResults(), contestedBallots: 2 };

    // Act
    const checks = checkBallotsSquare(results);

    // Assess
    expect(codesOf(checks)).toEqual([['R1', 'error', undefined]]);
  });
});

describe('R2: mayor-only votes never exceed the candidate votes', () => {
  it('given mayor-only votes equal to the candidate votes, when checked, then R2 passes', () => {
    // Prepare
    const results = { ...squareMunicipalResults(), candidateOnlyVotes: { C1: 300, C2: 0 } };

    // Act
    const checks = checkCandidateOnlyVotes(results);

    // Assess
    expect(checks).toEqual([]);
  });

  it('given mayor-only votes above the candidate votes, when checked, then R2 fails for that candidate', () => {
    // Prepare
    const results = { ...squareMunicipalResults(), candidateOnlyVotes: { C1: 12, C2: 251 } };

    // Act
    const checks = checkCandidateOnlyVotes(results);

    // Assess
    expect(codesOf(checks)).toEqual([['R2', 'error', 'C2']]);
  });

  it('given mayor-only votes for a candidate with no votes at all, when checked, then R2 fails', () => {
    // Prepare
    const results = {
      ...squareMunicipalResults(),
      candidateVotes: { C1: 300 },
      candidateOnlyVotes: { C2: 1 },
    };

    // Act
    const checks = checkCandidateOnlyVotes(results);

    // Assess
    expect(codesOf(checks)).toEqual([['R2', 'error', 'C2']]);
  });
});

describe('R3 over 15,000 inhabitants: list votes + mayor-only votes = candidate votes, in total', () => {
  const head = municipalHead({ population: SMALL_MUNICIPALITY_MAX_POPULATION + 1 });

  it('given split voting whose totals agree, when checked, then R3 passes', () => {
    // Prepare: C1 gets 300 but its lists only 280 + 12; C2 gets 250 from 249 + 9 (split votes).
    const results = { ...squareMunicipalResults(), listVotes: { L1: 150, L2: 130, L3: 249 } };

    // Act
    const checks = checkListVotes(head, results);

    // Assess
    expect(checks).toEqual([]);
  });

  it('given list votes whose total is one short, when checked, then R3 fails once, for the totals', () => {
    // Prepare
    const results = { ...squareMunicipalResults(), listVotes: { L1: 150, L2: 138, L3: 240 } };

    // Act
    const checks = checkListVotes(head, results);

    // Assess
    expect(codesOf(checks)).toEqual([['R3', 'error', undefined]]);
  });
});

describe('R3 up to 15,000 inhabitants: per candidate, its list votes + mayor-only votes = its votes', () => {
  const head = municipalHead({ population: SMALL_MUNICIPALITY_MAX_POPULATION });

  it('given a count that squares per candidate, when checked, then R3 passes', () => {
    // Prepare
    const results = squareMunicipalResults();

    // Act
    const checks = checkListVotes(head, results);

    // Assess
    expect(checks).toEqual([]);
  });

  it('given split voting whose totals agree, when checked, then R3 fails for each candidate that does not square', () => {
    // Prepare: allowed over 15,000, not here.
    const results = { ...squareMunicipalResults(), listVotes: { L1: 150, L2: 130, L3: 249 } };

    // Act
    const checks = checkListVotes(head, results);

    // Assess
    expect(codesOf(checks)).toEqual([
      ['R3', 'error', 'C1'],
      ['R3', 'error', 'C2'],
    ]);
  });

  it('given a candidate with votes and no list votes at all, when checked, then R3 fails for that candidate', () => {
    // Prepare
    const results = { ...squareMunicipalResults(), listVotes: { L1: 150, L2: 138 } };

    // Act
    const checks = checkListVotes(head, results);

    // Assess
    expect(codesOf(checks)).toEqual([['R3', 'error', 'C2']]);
  });
});

describe('R4: preferences never exceed what the ballots allow', () => {
  it('given preferences within each list votes and within maxPreferences x list votes, when checked, then R4 passes', () => {
    // Prepare: L1 has 150 votes; 150 + 150 = 300 = 2 x 150.
    const head = municipalHead({ maxPreferences: 2 });
    const results = { ...squareMunicipalResults(), preferenceVotes: { 'L1-1': 150, 'L1-2': 150 } };

    // Act
    const checks = checkPreferences(head, results);

    // Assess
    expect(checks).toEqual([]);
  });

  it('given one council candidate with more preferences than the list has votes, when checked, then R4 fails for that council candidate', () => {
    // Prepare
    const head = municipalHead({ maxPreferences: 2 });
    const results = { ...squareMunicipalResults(), preferenceVotes: { 'L1-1': 151 } };

    // Act
    const checks = checkPreferences(head, results);

    // Assess
    expect(codesOf(checks)).toEqual([['R4', 'error', 'L1-1']]);
  });

  it('given a list whose preferences exceed maxPreferences x list votes, when checked, then R4 fails for that list', () => {
    // Prepare: 150 + 150 + 1 = 301 > 2 x 150, though each is within 150.
    const head = municipalHead({ maxPreferences: 2 });
    const results = { ...squareMunicipalResults(), preferenceVotes: { 'L1-1': 150, 'L1-2': 150, 'L1-3': 1 } };

    // Act
    const checks = checkPreferences(head, results);

    // Assess
    expect(codesOf(checks)).toEqual([['R4', 'error', 'L1']]);
  });

  it('given the same preferences, when maxPreferences is 1 instead of 2, then R4 fails for the list only with 1', () => {
    // Prepare: 100 + 60 = 160, within 2 x 150 but above 1 x 150.
    const results = { ...squareMunicipalResults(), preferenceVotes: { 'L1-1': 100, 'L1-2': 60 } };

    // Act
    const withTwo = checkPreferences(municipalHead({ maxPreferences: 2 }), results);
    const withOne = checkPreferences(municipalHead({ maxPreferences: 1 }), results);

    // Assess
    expect(withTwo).toEqual([]);
    expect(codesOf(withOne)).toEqual([['R4', 'error', 'L1']]);
  });

  it('given preferences for a list with no votes, when checked, then R4 fails for the council candidate and for the list', () => {
    // Prepare
    const head = municipalHead({ maxPreferences: 2 });
    const results = {
      ...squareMunicipalResults(),
      listVotes: { L1: 150, L3: 241 },
      preferenceVotes: { 'L2-1': 1 },
    };

    // Act
    const checks = checkPreferences(head, results);

    // Assess
    expect(codesOf(checks)).toEqual([
      ['R4', 'error', 'L2-1'],
      ['R4', 'error', 'L2'],
    ]);
  });
});

describe('R5 via checkTurnout: readings are cumulative, split by sex and equal to the count at the close', () => {
  const { turnoutSlots: slots } = municipalHead();

  it('given a reading between the earlier and the later one with a consistent split, when checked, then R5 passes', () => {
    // Prepare
    const reading = { voters: 500, votersMale: 240, votersFemale: 260 };
    const others = { T1: { voters: 300 }, T3: { voters: 560 } };

    // Act
    const checks = checkTurnout(slots, 'T2', reading, others, section);

    // Assess
    expect(checks).toEqual([]);
  });

  it('given male + female different from the total, when checked, then R5 fails for that slot', () => {
    // Prepare
    const reading = { voters: 500, votersMale: 240, votersFemale: 259 };

    // Act
    const checks = checkTurnout(slots, 'T2', reading, {}, section);

    // Assess
    expect(codesOf(checks)).toEqual([['R5', 'error', 'T2']]);
  });

  it('given only the male count, when checked, then the split is not checked and R5 passes', () => {
    // Prepare
    const reading = { voters: 500, votersMale: 999 };

    // Act
    const checks = checkTurnout(slots, 'T2', reading, {}, section);

    // Assess
    expect(checks).toEqual([]);
  });

  it('given a reading lower than an earlier slot, when checked, then R5 fails for the new reading', () => {
    // Prepare
    const others = { T1: { voters: 300 } };

    // Act
    const checks = checkTurnout(slots, 'T2', { voters: 299 }, others, section);

    // Assess
    expect(codesOf(checks)).toEqual([['R5', 'error', 'T2']]);
  });

  it('given a reading higher than a later slot, when checked, then R5 fails for the new reading', () => {
    // Prepare
    const others = { T3: { voters: 560 } };

    // Act
    const checks = checkTurnout(slots, 'T2', { voters: 561 }, others, section);

    // Assess
    expect(codesOf(checks)).toEqual([['R5', 'error', 'T2']]);
  });

  it('given a reading equal to the earlier one, when checked, then R5 passes (no one else voted)', () => {
    // Prepare
    const others = { T1: { voters: 300 } };

    // Act
    const checks = checkTurnout(slots, 'T2', { voters: 300 }, others, section);

    // Assess
    expect(checks).toEqual([]);
  });

  it('given the final slot equal to the count voters, when checked, then R5 passes', () => {
    // Act
    const checks = checkTurnout(slots, 'T3', { voters: 560 }, {}, section, 560);

    // Assess
    expect(checks).toEqual([]);
  });

  it('given the final slot different from the count voters, when checked, then R5 fails for the final slot', () => {
    // Act
    const checks = checkTurnout(slots, 'T3', { voters: 559 }, {}, section, 560);

    // Assess
    expect(codesOf(checks)).toEqual([['R5', 'error', 'T3']]);
  });

  it('given a slot that is not final, when its reading differs from the count voters, then R5 does not compare them', () => {
    // Act
    const checks = checkTurnout(slots, 'T2', { voters: 400 }, {}, section, 560);

    // Assess
    expect(checks).toEqual([]);
  });

  it('given an unknown slot, when checked, then nothing is reported', () => {
    // Act
    const checks = checkTurnout(slots, 'T9', { voters: 5000 }, {}, section);

    // Assess
    expect(checks).toEqual([]);
  });

  it('given any non-decreasing readings, when each is checked against the others, then R5 never fails', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 3, maxLength: 3 }), (values) => {
        // Prepare
        const [t1, t2, t3] = [...values].sort((a, b) => a - b) as [number, number, number];
        const readings = { T1: { voters: t1 }, T2: { voters: t2 }, T3: { voters: t3 } };

        for (const slotId of ['T1', 'T2', 'T3'] as const) {
          // Act
          const checks = checkTurnout(slots, slotId, readings[slotId], readings, section, t3);

          // Assess
          expect(checks).toEqual([]);
        }
      }),
    );
  });
});

describe('R5 via checkResults: the final turnout equals the voters of the count', () => {
  const head = municipalHead();

  it('given a final turnout equal to the count voters, when the count is checked, then no check fails', () => {
    // Act
    const checks = checkResults(head, section, squareMunicipalResults(), { voters: 560 });

    // Assess
    expect(checks).toEqual([]);
  });

  it('given a final turnout different from the count voters, when the count is checked, then R5 fails for the final slot', () => {
    // Act
    const checks = checkResults(head, section, squareMunicipalResults(), { voters: 559 });

    // Assess
    expect(codesOf(checks)).toEqual([['R5', 'error', 'T3']]);
    expect(isFlagging(checks)).toBe(true);
  });

  it('given no final turnout yet, when the count is checked, then R5 is not reported', () => {
    // Act
    const checks = checkResults(head, section, squareMunicipalResults());

    // Assess
    expect(checks).toEqual([]);
  });
});

describe('R6: per question, yes + no + blank + invalid + contested = voters', () => {
  it('given a referendum count that squares, when checked, then R6 passes', () => {
    // Act
    const checks = checkReferendumBallots(squareReferendumResults());

    // Assess
    expect(checks).toEqual([]);
  });

  it('given one question that does not square, when checked, then R6 fails for that question only', () => {
    // Prepare
    const results = squareReferendumResults();
    results.answers.Q2 = { yes: 280, no: 271 };

    // Act
    const checks = checkReferendumBallots(results);

    // Assess
    expect(codesOf(checks)).toEqual([['R6', 'error', 'Q2']]);
  });

  it('given a referendum count, when checked through checkResults, then only the referendum rules apply', () => {
    // Prepare
    const results = { ...squareReferendumResults(), voters: 561 };

    // Act
    const checks = checkResults(referendumHead(), section, results, { voters: 561 });

    // Assess
    expect(codesOf(checks)).toEqual([
      ['R6', 'error', 'Q1'],
      ['R6', 'error', 'Q2'],
    ]);
  });
});

describe('W1: voters above the registered electors is a warning only', () => {
  it('given voters equal to the registered electors, when checked, then W1 passes', () => {
    // Act
    const checks = checkRegisteredVoters(section, 1000);

    // Assess
    expect(checks).toEqual([]);
  });

  it('given one voter more than the registered electors, when checked, then W1 is a warning that does not flag', () => {
    // Act
    const checks = checkRegisteredVoters(section, 1001);

    // Assess
    expect(codesOf(checks)).toEqual([['W1', 'warning', undefined]]);
    expect(isFlagging(checks)).toBe(false);
  });

  it('given a count with more voters than electors that otherwise squares, when checked, then only W1 is reported', () => {
    // Prepare
    const results: MunicipalResults = squareMunicipalResults();

    // Act
    const checks = checkResults(municipalHead(), { registeredVoters: 559 }, results, { voters: 560 });

    // Assess
    expect(codesOf(checks)).toEqual([['W1', 'warning', undefined]]);
    expect(isFlagging(checks)).toBe(false);
  });

  it('given a turnout reading above the registered electors, when checked, then W1 names the slot', () => {
    // Act
    const checks = checkTurnout(municipalHead().turnoutSlots, 'T1', { voters: 1001 }, {}, section);

    // Assess
    expect(codesOf(checks)).toEqual([['W1', 'warning', 'T1']]);
  });
});

describe('checkResults on a municipal count', () => {
  it('given a count that breaks R1, R2, R3 and R4 at once, when checked, then every failure is reported and it flags', () => {
    // Prepare
    const results: MunicipalResults = {
      ...squareMunicipalResults(),
      voters: 600,
      candidateOnlyVotes: { C1: 301, C2: 9 },
      preferenceVotes: { 'L3-1': 242 },
    };

    // Act
    const checks = checkResults(municipalHead(), section, results);

    // Assess
    expect(checks.map((c) => c.code)).toEqual(['R1', 'R2', 'R3', 'R4']);
    expect(isFlagging(checks)).toBe(true);
  });
});
