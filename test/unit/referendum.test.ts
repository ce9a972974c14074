import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quorumOf, referendumOutcome } from '../../shared/domain/referendum.js';

describe('a referendum question', () => {
  it('given exactly half the electors voted, when the quorum is 50%, then it is not reached (a majority must vote)', () => {
    expect(quorumOf(500, 1000, 50, 50).reached).toBe(false);
    expect(quorumOf(501, 1000, 50, 50.1).reached).toBe(true);
  });

  it('given no quorum, when 10% voted, then the question is valid', () => {
    expect(quorumOf(100, 1000, 0, 10).reached).toBe(true);
  });

  it.each([
    [300, 200, true, 'yes'],
    [200, 300, true, 'no'],
    [250, 250, true, 'tie'],
    [0, 0, true, 'no-votes'],
    [300, 200, false, 'quorum-not-reached'],
  ] as const)(
    'given yes %i and no %i with quorum reached=%s, then the outcome is %s',
    (yes, no, reached, outcome) => {
      expect(referendumOutcome(yes, no, { requiredPercent: 50, turnoutPercent: 0, reached })).toBe(outcome);
    },
  );

  it('given any counts, when the quorum is reached, then the outcome follows the majority', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(100_000), (yes, no) => {
        const outcome = referendumOutcome(yes, no, {
          requiredPercent: 50,
          turnoutPercent: 60,
          reached: true,
        });
        if (yes + no === 0) return outcome === 'no-votes';
        return outcome === (yes > no ? 'yes' : no > yes ? 'no' : 'tie');
      }),
    );
  });
});
