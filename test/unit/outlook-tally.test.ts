import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outlookTallyOf, uncountedOf } from '../../shared/domain/outlook-tally.js';
import { sumTallies, type Tally, tallyOfResults, tallyOfTurnout } from '../../shared/domain/tally.js';
import { squareMunicipalResults } from './fixtures.js';

/** One section as the totals see it: whether its count and its final reading are counted. */
const sectionState = fc.record({
  registered: fc.nat(1_500),
  resultsCounted: fc.boolean(),
  finalCounted: fc.boolean(),
  finalVoters: fc.nat(1_600),
  earlierVoters: fc.nat(800),
});
type SectionState = typeof sectionState extends fc.Arbitrary<infer T> ? T : never;

/** What the section's three sources add: the count, the readings of T1 and the final T2, and the outlook source. */
function tallyOf(section: SectionState, finalSlotId: string | undefined): Tally {
  const results = section.resultsCounted ? tallyOfResults(squareMunicipalResults(), section.registered) : {};
  const final =
    section.finalCounted && finalSlotId
      ? tallyOfTurnout(finalSlotId, { voters: section.finalVoters }, section.registered)
      : {};
  const earlier = tallyOfTurnout('T1', { voters: section.earlierVoters }, section.registered);
  return sumTallies([results, final, earlier, outlookTallyOf(results, final, finalSlotId)]);
}

/** The rule of docs/domain.md, section by section. */
function directly(sections: SectionState[], finalSlotId: string | undefined, countsVisible: boolean) {
  const uncounted = sections.filter((s) => !(countsVisible && s.resultsCounted));
  const hasFinal = (s: SectionState) => finalSlotId !== undefined && s.finalCounted;
  return {
    uncountedAtMost: uncounted.reduce((sum, s) => sum + (hasFinal(s) ? s.finalVoters : s.registered), 0),
    exact: uncounted.every(hasFinal),
  };
}

const electionOf = (sections: SectionState[], finalSlotId: string | undefined) => ({
  registeredVoters: sections.reduce((sum, s) => sum + s.registered, 0),
  sectionCount: sections.length,
  finalSlotId,
});

describe('the outlook counters: the bound U from the totals', () => {
  it('given any sections, counted or not, with or without a counted final reading, when U is read from the total, then it equals the rule applied section by section', () => {
    fc.assert(
      fc.property(
        fc.array(sectionState, { maxLength: 12 }),
        fc.constantFrom('T2', undefined),
        (sections, finalSlotId) => {
          // Prepare
          const total = sumTallies(sections.map((s) => tallyOf(s, finalSlotId)));

          // Act
          const read = uncountedOf(total, electionOf(sections, finalSlotId));

          // Assess
          expect(read).toEqual(directly(sections, finalSlotId, true));
        },
      ),
    );
  });

  it('given a total cut to its turnout counters (counts not yet published), when U is read, then it is the bound with nothing counted', () => {
    fc.assert(
      fc.property(fc.array(sectionState, { maxLength: 12 }), (sections) => {
        // Prepare
        const total = sumTallies(sections.map((s) => tallyOf(s, 'T2')));
        const turnoutOnly = Object.fromEntries(
          Object.entries(total).filter(([key]) => key.startsWith('turnout.')),
        );

        // Act
        const read = uncountedOf(turnoutOnly, electionOf(sections, 'T2'));

        // Assess
        expect(read).toEqual(directly(sections, 'T2', false));
      }),
    );
  });

  it('given a count not counted, when its outlook tally is made, then it is empty whatever the final reading', () => {
    // Act
    const tally = outlookTallyOf({}, tallyOfTurnout('T2', { voters: 500 }, 1000), 'T2');

    // Assess
    expect(tally).toEqual({});
  });

  it('given a counted count and its counted final reading, when its outlook tally is made, then it holds the reading as the bound', () => {
    // Act
    const tally = outlookTallyOf(
      tallyOfResults(squareMunicipalResults(), 1000),
      tallyOfTurnout('T2', { voters: 560 }, 1000),
      'T2',
    );

    // Assess
    expect(tally).toEqual({ 'outlook.countedBound': 560 });
  });
});
