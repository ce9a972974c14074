import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outlookTallyOf } from '../../shared/domain/outlook-tally.js';
import { percent } from '../../shared/domain/percent.js';
import { buildSummary } from '../../shared/domain/summary.js';
import { sumTallies, type Tally, tallyOfResults, tallyOfTurnout } from '../../shared/domain/tally.js';
import {
  municipalHead,
  referendumHead,
  squareMunicipalResults,
  squareReferendumResults,
  summaryContext,
} from './fixtures.js';

const context = summaryContext();

/** True when a number has at most two decimals, as published. */
const hasTwoDecimals = (value: number) => /^-?\d+(\.\d{1,2})?$/.test(String(value));

/** The total of section 1 counted, with its T1 and final readings. */
const oneSectionTotal = (): Tally =>
  sumTallies([
    tallyOfResults(squareMunicipalResults(), 1000),
    tallyOfTurnout('T1', { voters: 189 }, 1000),
    tallyOfTurnout('T3', { voters: 560 }, 1000),
  ]);

describe('percent', () => {
  it('given a share of nothing, when computed, then it is 0 rather than NaN or Infinity', () => {
    // Act
    const shares = [percent(0, 0), percent(5, 0)];

    // Assess
    expect(shares).toEqual([0, 0]);
  });

  it('given thirds and a whole, when computed, then they are rounded to two decimals', () => {
    // Act
    const shares = [percent(1, 3), percent(2, 3), percent(3, 3), percent(1, 8)];

    // Assess
    expect(shares).toEqual([33.33, 66.67, 100, 12.5]);
  });

  it('given any part of any whole, when computed, then it has at most two decimals and lies within half a hundredth', () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.integer({ min: 1, max: 10_000_000 }), (a, b) => {
        // Prepare
        const [part, whole] = a <= b ? [a, b] : [b, a];

        // Act
        const share = percent(part, whole);

        // Assess
        expect(hasTwoDecimals(share)).toBe(true);
        expect(Math.abs(share - (part * 100) / whole)).toBeLessThanOrEqual(0.005 + 1e-9);
      }),
    );
  });
});

describe('buildSummary', () => {
  it('given one of two sections counted, when summarised, then it is provisional with the totals of that section', () => {
    // Prepare
    const head = municipalHead();

    // Act
    const summary = buildSummary(head, oneSectionTotal(), context);

    // Assess
    expect(summary).toMatchObject({
      electionId: 'test-2026',
      seq: 7,
      generatedAt: '2026-05-25T16:02:11Z',
      status: 'provisional',
      rehearsal: true,
      sections: { total: 2, reported: 1 },
      totals: {
        registeredVoters: 1900,
        voters: 560,
        blankBallots: 3,
        invalidBallots: 7,
        contestedBallots: 0,
        validVotes: 550,
      },
      links: context.paths,
    });
    // By hand (TUEL art. 72-73): C1 has 300/550 = 54.55% of mayoral votes, elected at the first
    // round; its coalition's 288 list votes would take 13 of 24 seats by D'Hondt, so the bonus
    // gives 60% of 24 = 14.4, rounded up to 15; C2's coalition takes 9, one of them for C2 itself.
    expect(summary.seats).toMatchObject({
      outcome: 'allocated',
      projection: true,
      mayor: { candidateId: 'C1', votes: 300 },
      coalitions: [
        { candidateId: 'C1', seats: 15, majorityBonus: true },
        { candidateId: 'C2', seats: 9, majorityBonus: false },
      ],
      councillorsFromCandidates: ['C2'],
    });
    expect(
      summary.seats?.outcome === 'allocated' && summary.seats.lists.map((l) => [l.listId, l.seats]),
    ).toEqual([
      ['L1', 8],
      ['L2', 7],
      ['L3', 8],
    ]);
    expect(summary.runoff).toBeNull();
    expect(summary.candidates).toEqual([
      { id: 'C1', name: 'Giorgio Fede', votes: 300, percent: 54.55 },
      { id: 'C2', name: 'Carla Onesti', votes: 250, percent: 45.45 },
    ]);
    expect(summary.lists.map((l) => [l.id, l.candidateId, l.votes, l.percent])).toEqual([
      ['L1', 'C1', 150, 28.36],
      ['L2', 'C1', 138, 26.09],
      ['L3', 'C2', 241, 45.56],
    ]);
  });

  it('given turnout readings, when summarised, then each slot shows its sections, voters, electors and percent', () => {
    // Act
    const summary = buildSummary(municipalHead(), oneSectionTotal(), context);

    // Assess
    expect(summary.turnout).toEqual([
      {
        slotId: 'T1',
        label: 'Domenica ore 12:00',
        at: '2026-05-24T12:00:00+02:00',
        final: false,
        previousPercent: null,
        sectionsReported: 1,
        voters: 189,
        registeredVoters: 1000,
        percent: 18.9,
      },
      {
        slotId: 'T2',
        label: 'Domenica ore 23:00',
        at: '2026-05-24T23:00:00+02:00',
        final: false,
        previousPercent: null,
        sectionsReported: 0,
        voters: 0,
        registeredVoters: 0,
        percent: 0,
      },
      {
        slotId: 'T3',
        label: 'Lunedi ore 15:00',
        at: '2026-05-25T15:00:00+02:00',
        final: true,
        previousPercent: null,
        sectionsReported: 1,
        voters: 560,
        registeredVoters: 1000,
        percent: 56,
      },
    ]);
  });

  it('given the turnout of a previous election, when summarised, then each slot carries it for comparison', () => {
    // Prepare
    const head = municipalHead();
    head.previousElection = 'Comunali 2021';
    head.turnoutSlots = head.turnoutSlots.map((slot, i) =>
      i === 1 ? slot : { ...slot, previousPercent: 20 + i },
    );

    // Act
    const summary = buildSummary(head, oneSectionTotal(), context);

    // Assess
    expect(summary.previousElection).toBe('Comunali 2021');
    expect(summary.turnout.map((t) => t.previousPercent)).toEqual([20, null, 22]);
  });

  it('given every section counted, when summarised, then the status is final', () => {
    // Prepare
    const total = sumTallies([
      tallyOfResults(squareMunicipalResults(), 1000),
      tallyOfResults(squareMunicipalResults(), 900),
    ]);

    // Act
    const summary = buildSummary(municipalHead(), total, context);

    // Assess
    expect(summary.status).toBe('final');
    expect(summary.sections).toEqual({ total: 2, reported: 2 });
  });

  it('given a certified election, when summarised, then the status is certified whatever was counted', () => {
    // Act
    const summary = buildSummary(municipalHead(), oneSectionTotal(), { ...context, certified: true });

    // Assess
    expect(summary.status).toBe('certified');
  });

  it('given nothing counted yet, when summarised, then every figure is zero and no percentage is NaN', () => {
    // Act
    const summary = buildSummary(municipalHead(), {}, context);

    // Assess
    expect(summary.status).toBe('provisional');
    expect(summary.sections).toEqual({ total: 2, reported: 0 });
    expect(summary.totals).toMatchObject({ voters: 0, validVotes: 0, registeredVoters: 1900 });
    expect([...summary.candidates, ...summary.lists].map((c) => [c.votes, c.percent])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(summary.turnout.map((t) => t.percent)).toEqual([0, 0, 0]);
  });

  it('given any counted ballots, when summarised, then validVotes = voters - blank - invalid - contested', () => {
    fc.assert(
      fc.property(
        fc.nat(5_000),
        fc.nat(100),
        fc.nat(100),
        fc.nat(100),
        (valid, blank, invalid, contested) => {
          // Prepare
          const total: Tally = {
            sections: 1,
            voters: valid + blank + invalid + contested,
            blank,
            invalid,
            contested,
          };

          // Act
          const summary = buildSummary(municipalHead(), total, context);

          // Assess
          expect(summary.totals.validVotes).toBe(valid);
        },
      ),
    );
  });

  it('given any candidate and list votes, when summarised, then percentages have two decimals and those of candidates sum to 100', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(100_000), { minLength: 5, maxLength: 5 }), ([c1, c2, l1, l2, l3]) => {
        // Prepare
        const total: Tally = {
          'candidate.C1': c1 ?? 0,
          'candidate.C2': c2 ?? 0,
          'list.L1': l1 ?? 0,
          'list.L2': l2 ?? 0,
          'list.L3': l3 ?? 0,
        };

        // Act
        const summary = buildSummary(municipalHead(), total, context);

        // Assess
        const shares = [...summary.candidates, ...summary.lists].map((c) => c.percent);
        for (const share of shares) expect(hasTwoDecimals(share)).toBe(true);
        const candidateSum = summary.candidates.reduce((s, c) => s + c.percent, 0);
        if ((c1 ?? 0) + (c2 ?? 0) > 0) expect(Math.abs(candidateSum - 100)).toBeLessThanOrEqual(0.01 + 1e-9);
        else expect(candidateSum).toBe(0);
        const listSum = summary.lists.reduce((s, l) => s + l.percent, 0);
        if ((l1 ?? 0) + (l2 ?? 0) + (l3 ?? 0) > 0)
          expect(Math.abs(listSum - 100)).toBeLessThanOrEqual(0.015 + 1e-9);
      }),
    );
  });

  it('given a referendum count, when summarised, then each question shows yes and no with their shares', () => {
    // Prepare
    const total = tallyOfResults(squareReferendumResults(), 1000);

    // Act
    const summary = buildSummary(referendumHead(), total, context);

    // Assess
    expect(summary.status).toBe('final');
    expect(summary.candidates).toEqual([]);
    expect(summary.answers).toEqual([
      {
        questionId: 'Q1',
        text: 'Volete il nuovo parco?',
        yes: 300,
        no: 250,
        percentYes: 54.55,
        percentNo: 45.45,
        outcome: 'yes',
      },
      {
        questionId: 'Q2',
        text: 'Volete la nuova biblioteca?',
        yes: 280,
        no: 270,
        percentYes: 50.91,
        percentNo: 49.09,
        outcome: 'yes',
      },
    ]);
  });
});

describe('buildSummary: the outlook', () => {
  /** Section 1 (1,000 electors) counted with its final reading of 560; section 2 (900) with only its final reading of 500. */
  const countedAndFinal = (): Tally => {
    const results = tallyOfResults(squareMunicipalResults(), 1000);
    const final1 = tallyOfTurnout('T3', { voters: 560 }, 1000);
    return sumTallies([
      results,
      final1,
      outlookTallyOf(results, final1, 'T3'),
      tallyOfTurnout('T3', { voters: 500 }, 900),
      tallyOfTurnout('T1', { voters: 189 }, 900),
    ]);
  };

  it('given one section counted and the other with its final reading, when summarised, then at most that reading is left, exactly, and the mayor is still open', () => {
    // Act
    const summary = buildSummary(municipalHead(), countedAndFinal(), context);

    // Assess: C1 300, C2 250, 500 left: over 15,000 nobody can be sure of half.
    expect(summary.outlook).toEqual({
      uncountedAtMost: 500,
      exact: true,
      mayor: { status: 'open', candidateId: null, runoffCandidates: null },
      answers: [],
    });
  });

  it('given the same counts in a town of 15,000, when summarised, then plurality decides: a lead of 50 with 500 left is still open', () => {
    // Act
    const summary = buildSummary(municipalHead({ population: 15_000 }), countedAndFinal(), context);

    // Assess
    expect(summary.outlook.mayor?.status).toBe('open');
  });

  it('given every section counted, when summarised under plurality, then the leader is elected', () => {
    // Prepare
    const counts = [
      tallyOfResults(squareMunicipalResults(), 1000),
      tallyOfResults(squareMunicipalResults(), 900),
    ];
    const total = sumTallies([...counts, ...counts.map((r) => outlookTallyOf(r, {}, 'T3'))]);

    // Act
    const summary = buildSummary(municipalHead({ population: 15_000 }), total, context);

    // Assess
    expect(summary.outlook).toEqual({
      uncountedAtMost: 0,
      exact: true,
      mayor: { status: 'elected', candidateId: 'C1', runoffCandidates: null },
      answers: [],
    });
  });

  it('given no final reading anywhere, when summarised, then the bound is the registered electors and not exact', () => {
    // Act
    const summary = buildSummary(municipalHead(), {}, context);

    // Assess
    expect(summary.outlook).toMatchObject({ uncountedAtMost: 1900, exact: false, mayor: { status: 'open' } });
  });

  it('given a total cut to its turnout counters, when summarised, then the outlook is open and its bound comes from the turnout alone', () => {
    // Prepare
    const turnoutOnly = Object.fromEntries(
      Object.entries(countedAndFinal()).filter(([key]) => key.startsWith('turnout.')),
    );

    // Act
    const summary = buildSummary(municipalHead(), turnoutOnly, context);

    // Assess: both sections' final readings, 560 + 500, as if neither were counted.
    expect(summary.outlook).toEqual({
      uncountedAtMost: 1060,
      exact: true,
      mayor: { status: 'open', candidateId: null, runoffCandidates: null },
      answers: [],
    });
  });

  it('given a referendum fully counted past its quorum, when summarised, then each question says yes and there is no mayor', () => {
    // Prepare
    const results = tallyOfResults(squareReferendumResults(), 1000);
    const total = sumTallies([results, outlookTallyOf(results, {}, 'T1')]);

    // Act
    const summary = buildSummary(referendumHead(), total, context);

    // Assess
    expect(summary.outlook).toEqual({
      uncountedAtMost: 0,
      exact: true,
      mayor: null,
      answers: [
        { questionId: 'Q1', status: 'yes' },
        { questionId: 'Q2', status: 'yes' },
      ],
    });
  });
});
