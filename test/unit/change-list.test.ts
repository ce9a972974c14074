import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planAggregation, type SourceChange } from '../../shared/domain/aggregation.js';
import { figuresOf, kindOfChange } from '../../shared/domain/change-list.js';
import { sumTallies, type Tally } from '../../shared/domain/tally.js';

const counted = (voters: number): Tally => ({ sections: 1, voters, 'candidate.C1': voters });
const label = { sectionId: '7', item: 'results', version: 2, reason: null };

describe('kindOfChange: how a section item moved the totals', () => {
  it('given the four ways into and out of the totals, when named, then each has its kind', () => {
    // Act and assess
    expect(kindOfChange({}, counted(10), false)).toBe('added');
    expect(kindOfChange(counted(10), counted(12), true)).toBe('corrected');
    expect(kindOfChange(counted(10), {}, true)).toBe('withdrawn');
    expect(kindOfChange({}, counted(10), true)).toBe('restored');
  });

  it('given a change that leaves the totals as they were, when named, then it has no entry', () => {
    // Act and assess
    expect(kindOfChange(counted(10), counted(10), true)).toBeUndefined();
    expect(kindOfChange({}, {}, true)).toBeUndefined();
  });
});

describe('figuresOf: a tally delta in the published figures’ names', () => {
  it('given a correction moving ballots between blank and invalid and votes between candidates, when named, then valid votes stay and each figure is signed', () => {
    // Act
    const figures = figuresOf({ blank: 1, invalid: -1, 'candidate.C1': -3, 'candidate.C2': 3, 'list.L3': 2 });

    // Assess
    expect(figures).toEqual({ blankBallots: 1, invalidBallots: -1, C1: -3, C2: 3, L3: 2 });
  });

  it('given any delta of ballots, when named, then valid votes are voters less blank, invalid and contested', () => {
    fc.assert(
      fc.property(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -9, max: 9 }), (voters, blank) => {
        const figures = figuresOf({ voters, blank });
        expect(figures.validVotes ?? 0).toBe(voters - blank);
      }),
    );
  });
});

describe('planAggregation: the change entries', () => {
  it('given an item counted, withdrawn and counted again, when planned in turn, then its entries say added, withdrawn, restored and their deltas sum to what it counts in the end', () => {
    // Prepare
    const change = (rev: number, tally: Tally): SourceChange => ({
      sourceId: 'S7',
      electionId: 'e',
      rev,
      tally,
      label: { ...label, reason: rev === 2 ? 'recount asked' : null },
    });
    let applied = new Map();
    const kinds: string[] = [];
    const deltas: Tally[] = [];

    // Act
    for (const next of [change(1, counted(10)), change(2, {}), change(3, counted(10))]) {
      const plan = planAggregation([next], applied);
      for (const entry of plan.entries) {
        kinds.push(entry.kind);
        deltas.push(entry.delta);
      }
      applied = new Map(
        plan.applied.map((a) => [
          a.change.sourceId,
          { rev: a.change.rev, tally: a.change.tally, everCounted: a.everCounted },
        ]),
      );
    }

    // Assess
    expect(kinds).toEqual(['added', 'withdrawn', 'restored']);
    expect(sumTallies(deltas)).toEqual(figuresOf(counted(10)));
  });
});
