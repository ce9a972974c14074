import { describe, expect, it } from 'vitest';
import {
  comparableName,
  compareSection,
  compareSummary,
  matchPrevious,
  type PreviousSummary,
} from '../../shared/domain/comparison.js';
import { buildSummary, type Summary } from '../../shared/domain/summary.js';
import { previousElectionId, withComparison } from '../../shared/domain/summary-comparison.js';
import { sumTallies, tallyOfResults, tallyOfTurnout } from '../../shared/domain/tally.js';
import { renderComparison, renderSectionComparison } from '../../shared/pages/results/comparison.js';
import { renderSectionDetail } from '../../site/results-page/section-view.js';
import {
  headOf,
  municipalDefinition,
  parseDefinition,
  squareMunicipalResults,
  summaryContext,
} from './fixtures.js';

/** The previous election as its summary says: other ids, names spelt a little differently. */
const previous: PreviousSummary = {
  electionId: 'test-2021',
  seq: 31,
  name: 'Comunali 2021',
  turnout: [
    { slotId: 'A', label: 'domenica ore 12:00', percent: 15.5 },
    { slotId: 'B', label: 'Domenica ore 22:00', percent: 40 },
    { slotId: 'C', label: 'Lunedì ore 15:00', percent: 60.25 },
  ],
  candidates: [
    { id: 'P1', name: 'Carla  Onesti', percent: 48 },
    { id: 'P2', name: 'Giorgio Féde', percent: 52 },
  ],
  lists: [
    { id: 'Q1', name: 'Lista Uno', percent: 30 },
    { id: 'Q2', name: 'Lista Civica', percent: 20 },
    { id: 'Q3', name: 'Lista Tre', percent: 50 },
  ],
};

function current(compareLists?: Record<string, string>) {
  const definition = municipalDefinition();
  definition.previousElection = 'test-2021';
  if (compareLists) definition.compareLists = compareLists;
  return headOf(definition);
}

function summaryOf(head = current()): Summary {
  const total = sumTallies([
    tallyOfResults(squareMunicipalResults(), 1000),
    tallyOfTurnout('T1', { voters: 189 }, 1000),
  ]);
  return buildSummary(head, total, summaryContext());
}

describe('matching an election with the previous one', () => {
  it('given names that differ in case, accents and spaces, when matched, then candidates and lists match by name', () => {
    // Act
    const match = matchPrevious(current(), previous);

    // Assess
    expect(comparableName(' Giorgio  Féde ')).toBe('giorgio fede');
    expect(match.candidates).toEqual({ C1: 'P2', C2: 'P1' });
    expect(match.lists).toEqual({ L1: 'Q1', L3: 'Q3' });
    expect(match).toMatchObject({ electionId: 'test-2021', name: 'Comunali 2021', seq: 31 });
  });

  it('given compareLists, when matched, then the map wins over names, and a list it takes is not matched again by name', () => {
    // Act: Lista Due is the old Lista Civica; Lista Tre is compared with the old Lista Uno.
    const match = matchPrevious(current({ L2: 'Q2', L3: 'Q1' }), previous);

    // Assess: L1 ("Lista Uno") finds its namesake taken by the map, so it has no match.
    expect(match.lists).toEqual({ L2: 'Q2', L3: 'Q1' });
  });

  it('given a map naming a list the previous election lacks, when matched, then that list falls back to its name', () => {
    const match = matchPrevious(current({ L3: 'Q9' }), previous);
    expect(match.lists).toEqual({ L1: 'Q1', L3: 'Q3' });
  });

  it('given slots, when matched, then by label first, else by position', () => {
    // Act: T1 "Domenica ore 12:00" is A by label; T2 "Domenica ore 23:00" has no namesake, so B by
    // position; T3 "Lunedi" is not "Lunedì" (accents do not count), so C by label.
    const match = matchPrevious(current(), previous);

    // Assess
    expect(match.slots).toEqual({ T1: 'A', T2: 'B', T3: 'C' });
  });

  it('given a previous election with fewer slots, when matched, then the extra slot has no match', () => {
    const fewer = { ...previous, turnout: [{ slotId: 'Z', label: 'Lunedi ore 15:00', percent: 61 }] };
    expect(matchPrevious(current(), fewer).slots).toEqual({ T3: 'Z' });
  });
});

describe('the comparison in the summary', () => {
  it('given a summary and the previous one, when compared, then every share has its signed difference in points', () => {
    // Prepare
    const summary = summaryOf();

    // Act
    const comparison = compareSummary(summary, previous, matchPrevious(current(), previous));

    // Assess: T1 is 189 of 1000 voters, 18.9% against 15.5%; C1 has 54.55% against 52%.
    expect(comparison.turnout[0]).toEqual({
      slotId: 'T1',
      percent: 18.9,
      previousId: 'A',
      previousPercent: 15.5,
      difference: 3.4,
    });
    expect(comparison.candidates).toEqual([
      { id: 'C1', percent: 54.55, previousId: 'P2', previousPercent: 52, difference: 2.55 },
      { id: 'C2', percent: 45.45, previousId: 'P1', previousPercent: 48, difference: -2.55 },
    ]);
    expect(comparison.lists.find((l) => l.id === 'L2')).toEqual({
      id: 'L2',
      percent: summary.lists[1]?.percent,
      previousId: null,
      previousPercent: null,
      difference: null,
    });
  });

  it('given a definition without previousPercent, when the summary gets its comparison, then the turnout table reads it from there', () => {
    // Act
    const summary = withComparison(summaryOf(), current(), { ...summaryOf(), ...previous } as Summary);

    // Assess
    expect(summary.turnout.map((slot) => slot.previousPercent)).toEqual([15.5, 40, 60.25]);
    expect(summary.comparison?.name).toBe('Comunali 2021');
  });

  it('given no previous summary, when the summary gets its comparison, then it is null', () => {
    expect(withComparison(summaryOf(), current(), undefined).comparison).toBeNull();
  });

  it('given a live election naming a rehearsal, when the summary gets its comparison, then test data is never compared with', () => {
    // Prepare
    const live = { ...summaryOf(), rehearsal: false };
    const rehearsal = { ...summaryOf(), ...previous, rehearsal: true } as Summary;

    // Act and assess
    expect(withComparison(live, current(), rehearsal).comparison).toBeNull();
    expect(withComparison({ ...live, rehearsal: true }, current(), rehearsal).comparison?.seq).toBe(31);
  });

  it('given previousElection, when it can be an id other than its own, then it names the election to compare with', () => {
    expect(previousElectionId({ id: 'x', previousElection: 'test-2021' })).toBe('test-2021');
    expect(previousElectionId({ id: 'x', previousElection: 'Comunali 2021' })).toBeUndefined();
    expect(previousElectionId({ id: 'x' })).toBeUndefined();
  });
});

describe('the comparison of a section', () => {
  const match = matchPrevious(current(), previous);
  const ids = { candidates: ['C1', 'C2'], lists: ['L1', 'L2', 'L3'] };
  const file = {
    turnout: [{ slotId: 'T1', percent: 20 }],
    results: { candidateVotes: { C1: 300, C2: 100 }, listVotes: { L1: 150, L2: 50, L3: 200 } },
  };
  const before = {
    turnout: [{ slotId: 'A', percent: 22.5 }],
    results: { candidateVotes: { P1: 50, P2: 150 }, listVotes: { Q1: 100, Q2: 0, Q3: 100 } },
  };

  it('given the same section then, when compared, then its shares have their differences', () => {
    // Act
    const compared = compareSection(file, before, match, ids);

    // Assess: C1 (P2) 75% against 75%; C2 (P1) 25% against 25%; L3 (Q3) 50% against 50%; L1 37.5 against 50.
    expect(compared?.turnout).toEqual([
      { slotId: 'T1', percent: 20, previousId: 'A', previousPercent: 22.5, difference: -2.5 },
    ]);
    expect(compared?.candidates.map((c) => c.difference)).toEqual([0, 0]);
    expect(compared?.lists).toEqual([
      { id: 'L1', percent: 37.5, previousId: 'Q1', previousPercent: 50, difference: -12.5 },
      { id: 'L2', percent: 12.5, previousId: null, previousPercent: null, difference: null },
      { id: 'L3', percent: 50, previousId: 'Q3', previousPercent: 50, difference: 0 },
    ]);
  });

  it('given no file of the section then, when compared, then there is no comparison', () => {
    expect(compareSection(file, undefined, match, ids)).toBeNull();
  });

  it('given a section not yet counted, when compared, then only its turnout is', () => {
    const compared = compareSection({ ...file, results: null }, before, match, ids);
    expect(compared?.candidates).toEqual([]);
    expect(compared?.turnout).toHaveLength(1);
  });
});

describe('the comparison on the page', () => {
  const summary = withComparison(summaryOf(), current(), { ...summaryOf(), ...previous } as Summary);

  it('given a comparison, when rendered, then it shows the previous shares and signed differences in points', () => {
    // Act
    const it_ = renderComparison(summary, 'it');
    const en = renderComparison(summary, 'en');

    // Assess
    expect(it_).toContain('<h2 id="h-comparison">Confronto con Comunali 2021</h2>');
    expect(it_).toContain('<caption>Candidati sindaco a confronto — sezioni 1 su 2</caption>');
    expect(it_).toContain(
      '<th scope="row">Giorgio Fede</th><td class="num">54,55%</td><td class="num">52,00%</td>',
    );
    expect(it_).toContain('<span class="up">+2,55\u00a0p.p.</span>');
    expect(it_).toContain('<span class="down">\u22122,55\u00a0p.p.</span>');
    expect(it_).toContain('<th scope="row">Lista Due</th><td class="num">');
    expect(it_).toMatch(
      /Lista Due<\/th><td class="num">[^<]+<\/td><td class="num">—<\/td><td class="num">—<\/td>/,
    );
    expect(en).toContain('Compared with Comunali 2021');
    expect(en).toContain('+3.40\u00a0pp');
  });

  it('given no comparison, when rendered, then nothing', () => {
    expect(renderComparison({ ...summary, comparison: null }, 'it')).toBe('');
    expect(renderSectionComparison(undefined, summary, 'it')).toBe('');
  });

  it('given a section file with a comparison, when the drill-down shows it, then its differences are there', () => {
    // Prepare
    const compared = compareSection(
      { turnout: [{ slotId: 'T1', percent: 20 }], results: { candidateVotes: { C1: 30, C2: 10 } } },
      { turnout: [{ slotId: 'A', percent: 22.5 }], results: { candidateVotes: { P1: 50, P2: 150 } } },
      matchPrevious(current(), previous),
      { candidates: ['C1', 'C2'], lists: [] },
    );
    const file = {
      electionId: 'test-2026',
      rehearsal: false,
      section: { id: '1', name: 'Sezione 1', registeredVoters: 1000 },
      turnout: [{ slotId: 'T1', label: 'Domenica ore 12:00', voters: 200, percent: 20 }],
      status: 'reported' as const,
      results: {
        voters: 40,
        blankBallots: 0,
        invalidBallots: 0,
        contestedBallots: 0,
        candidateVotes: { C1: 30, C2: 10 },
      },
      version: 1,
      updatedAt: null,
      log: [],
      comparison: compared,
    };

    // Act
    const html = renderSectionDetail(file, summary, 'it');

    // Assess
    expect(html).toContain('La sezione a confronto con Comunali 2021');
    expect(html).toContain('<span class="down">\u22122,50\u00a0p.p.</span>');
    expect(html).toContain(
      '<th scope="row">Giorgio Fede</th><td class="num">75,00%</td><td class="num">75,00%</td>',
    );
  });
});

describe('the definition fields of the comparison', () => {
  it('given compareLists naming an unknown list, or without previousElection, when parsed, then refused', () => {
    const unknown = municipalDefinition();
    unknown.previousElection = 'test-2021';
    unknown.compareLists = { L9: 'Q1' };
    expect(() => parseDefinition(unknown)).toThrow(/compareLists names unknown list \\"L9/);
    const alone = municipalDefinition();
    alone.compareLists = { L1: 'Q1' };
    expect(() => parseDefinition(alone)).toThrow(/compareLists needs previousElection/);
    const itself = municipalDefinition();
    itself.previousElection = itself.id;
    expect(() => parseDefinition(itself)).toThrow(/not compared with itself/);
  });
});
