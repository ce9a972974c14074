import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerOutlook, type MayorRule, mayorOutlook } from '../../shared/domain/outlook.js';
import { quorumOf } from '../../shared/domain/referendum.js';

/**
 * Every completion of the uncounted sections: at most `uncounted` further ballots, each for one of
 * `options` choices or for none (blank, null, contested). Yields the ballots added per choice.
 */
function* completions(options: number, uncounted: number): Generator<number[]> {
  function* share(left: number, slots: number): Generator<number[]> {
    if (slots === 0) {
      yield [];
      return;
    }
    for (let here = 0; here <= left; here++)
      for (const rest of share(left - here, slots - 1)) yield [here, ...rest];
  }
  // The last slot takes what goes to no choice, so the sum of the others is at most `uncounted`.
  for (const added of share(uncounted, options + 1)) yield added.slice(0, options);
}

interface Round {
  winner: string | null;
  /** The two candidates of the run-off when the votes alone name them, else null. */
  pair: string[] | null;
}

/** Who wins a finished first round under the rule, by the votes alone (ties stay ties). */
function roundOf(rule: MayorRule, votes: { id: string; votes: number }[]): Round {
  const order = [...votes].sort((a, b) => b.votes - a.votes);
  const [first, second, third] = order;
  const valid = votes.reduce((sum, c) => sum + c.votes, 0);
  if (!first || !second) return { winner: null, pair: null };
  if (rule === 'plurality') {
    if (first.votes > second.votes) return { winner: first.id, pair: null };
    const clearPair = third === undefined || third.votes < second.votes;
    return { winner: null, pair: clearPair ? [first.id, second.id].sort() : null };
  }
  if (2 * first.votes > valid) return { winner: first.id, pair: null };
  const clearPair = third === undefined || third.votes < second.votes;
  return { winner: null, pair: clearPair ? [first.id, second.id].sort() : null };
}

function roundsOf(rule: MayorRule, votes: number[], uncounted: number): Round[] {
  const rounds: Round[] = [];
  for (const added of completions(votes.length, uncounted)) {
    rounds.push(
      roundOf(
        rule,
        votes.map((v, i) => ({ id: `C${i + 1}`, votes: v + (added[i] ?? 0) })),
      ),
    );
  }
  return rounds;
}

const candidatesOf = (votes: number[]) => votes.map((v, i) => ({ id: `C${i + 1}`, votes: v }));
const rules = fc.constantFrom<MayorRule>('plurality', 'absolute-majority');
const smallVotes = fc.array(fc.nat(7), { minLength: 2, maxLength: 4 });
const smallUncounted = fc.nat(4);

describe('mayorOutlook: examples', () => {
  it('given a plurality lead larger than what is left, when judged, then the leader is elected', () => {
    // Act
    const outlook = mayorOutlook('plurality', candidatesOf([500, 300, 100]), 199);

    // Assess
    expect(outlook).toEqual({ status: 'elected', candidateId: 'C1', runoffCandidates: null });
  });

  it('given a plurality lead equal to what is left, when judged, then it stays open (a tie is possible)', () => {
    // Act
    const outlook = mayorOutlook('plurality', candidatesOf([500, 300]), 200);

    // Assess
    expect(outlook.status).toBe('open');
  });

  it('given a tie for first place and nothing left, when judged under plurality, then the run-off of the tied two is certain', () => {
    // Act
    const outlook = mayorOutlook('plurality', candidatesOf([100, 400, 400]), 0);

    // Assess
    expect(outlook).toEqual({ status: 'runoff', candidateId: null, runoffCandidates: ['C2', 'C3'] });
  });

  it('given a three-way tie for first place and nothing left, when judged under plurality, then the run-off is certain but not its pair', () => {
    // Act
    const outlook = mayorOutlook('plurality', candidatesOf([400, 400, 400]), 0);

    // Assess
    expect(outlook).toEqual({ status: 'runoff', candidateId: null, runoffCandidates: null });
  });

  it('given a candidate over half even if every uncounted ballot went to others, when judged under absolute majority, then that candidate is elected', () => {
    // Act: 2 x 600 > 1000 + 150
    const outlook = mayorOutlook('absolute-majority', candidatesOf([600, 300, 100]), 150);

    // Assess
    expect(outlook).toEqual({ status: 'elected', candidateId: 'C1', runoffCandidates: null });
  });

  it('given nobody who can pass half and a third far behind, when judged under absolute majority, then the run-off and its pair are certain', () => {
    // Act: 2 x (450 + 50) <= 1000 + 50, and 150 + 50 < 400
    const outlook = mayorOutlook('absolute-majority', candidatesOf([400, 450, 150]), 50);

    // Assess
    expect(outlook).toEqual({ status: 'runoff', candidateId: null, runoffCandidates: ['C2', 'C1'] });
  });

  it('given a certain run-off but a third that can still reach the second, when judged, then the pair is not named', () => {
    // Act: 2 x (450 + 50) <= 1050, but 350 + 50 >= 400
    const outlook = mayorOutlook('absolute-majority', candidatesOf([400, 450, 350]), 50);

    // Assess
    expect(outlook).toEqual({ status: 'runoff', candidateId: null, runoffCandidates: null });
  });

  it('given exactly half and nothing left, when judged under absolute majority, then it is a run-off: half is not a majority', () => {
    // Act
    const outlook = mayorOutlook('absolute-majority', candidatesOf([500, 500]), 0);

    // Assess
    expect(outlook).toEqual({ status: 'runoff', candidateId: null, runoffCandidates: ['C1', 'C2'] });
  });
});

describe('mayorOutlook: against every completion of the uncounted sections', () => {
  it('given small counts, when judged, then an elected candidate wins in every completion, and every completion electing one candidate makes it elected', () => {
    fc.assert(
      fc.property(rules, smallVotes, smallUncounted, (rule, votes, uncounted) => {
        // Act
        const outlook = mayorOutlook(rule, candidatesOf(votes), uncounted);
        const rounds = roundsOf(rule, votes, uncounted);

        // Assess
        const winners = new Set(rounds.map((r) => r.winner));
        const sureWinner = winners.size === 1 ? [...winners][0] : null;
        expect(outlook.status === 'elected' ? outlook.candidateId : null).toBe(sureWinner ?? null);
      }),
      { numRuns: 2_000 },
    );
  });

  it('given small counts, when judged, then a run-off is claimed exactly when no completion elects anyone, and its pair exactly when every completion names the same two', () => {
    fc.assert(
      fc.property(rules, smallVotes, smallUncounted, (rule, votes, uncounted) => {
        // Act
        const outlook = mayorOutlook(rule, candidatesOf(votes), uncounted);
        const rounds = roundsOf(rule, votes, uncounted);

        // Assess
        const alwaysRunoff = rounds.every((r) => r.winner === null);
        expect(outlook.status === 'runoff').toBe(alwaysRunoff);
        const pairs = new Set(rounds.map((r) => (r.pair ? r.pair.join('+') : 'none')));
        const surePair = alwaysRunoff && pairs.size === 1 && !pairs.has('none') ? [...pairs][0] : null;
        expect(outlook.runoffCandidates ? [...outlook.runoffCandidates].sort().join('+') : null).toBe(
          surePair,
        );
      }),
      { numRuns: 2_000 },
    );
  });

  it('given counts of any size, when judged, then the status agrees with the worst cases the rules name', () => {
    fc.assert(
      fc.property(
        rules,
        fc.array(fc.nat(100_000), { minLength: 2, maxLength: 8 }),
        fc.nat(100_000),
        (rule, votes, uncounted) => {
          // Act
          const outlook = mayorOutlook(rule, candidatesOf(votes), uncounted);

          // Assess: an elected candidate still wins with every uncounted ballot for its best rival;
          // under a certain run-off nobody wins even with every uncounted ballot.
          const withAll = (to: number) => candidatesOf(votes.map((v, i) => (i === to ? v + uncounted : v)));
          if (outlook.status === 'elected') {
            const index = votes.findIndex((_, i) => `C${i + 1}` === outlook.candidateId);
            const rivals = votes.map((v, i) => (i === index ? -1 : v));
            const rival = rivals.indexOf(Math.max(...rivals));
            expect(roundOf(rule, withAll(rival)).winner).toBe(outlook.candidateId);
          }
          if (outlook.status === 'runoff') {
            for (let to = 0; to < votes.length; to++) expect(roundOf(rule, withAll(to)).winner).toBeNull();
          }
        },
      ),
    );
  });
});

describe('answerOutlook: a referendum question against every completion', () => {
  const REQUIRED = [0, 50];

  it('given small counts, when judged, then yes or no is claimed exactly when every completion, quorum included, agrees', () => {
    fc.assert(
      fc.property(
        fc.nat(6),
        fc.nat(6),
        fc.nat(4),
        fc.nat(4),
        fc.nat(30),
        fc.constantFrom(...REQUIRED),
        (yes, no, others, uncounted, extraRegistered, required) => {
          // Prepare
          const voters = yes + no + others;
          const registered = voters + uncounted + extraRegistered;
          const reached = (v: number) => quorumOf(v, registered, required, 0).reached;

          // Act
          const outlook = answerOutlook('Q1', { yes, no }, uncounted, reached(voters));

          // Assess
          const outcomes = new Set<string>();
          for (const [addYes = 0, addNo = 0] of completions(2, uncounted)) {
            for (let blank = 0; addYes + addNo + blank <= uncounted; blank++) {
              const ballots = voters + addYes + addNo + blank;
              const y = yes + addYes;
              const n = no + addNo;
              outcomes.add(!reached(ballots) ? 'quorum-not-reached' : y > n ? 'yes' : n > y ? 'no' : 'tie');
            }
          }
          const sure = outcomes.size === 1 ? [...outcomes][0] : undefined;
          expect(outlook.status).toBe(sure === 'yes' || sure === 'no' ? sure : 'open');
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('given a yes majority beyond what is left but the quorum not yet passed by the counted voters, when judged, then it stays open', () => {
    // Act
    const outlook = answerOutlook('Q1', { yes: 400, no: 100 }, 100, false);

    // Assess
    expect(outlook).toEqual({ questionId: 'Q1', status: 'open' });
  });

  it('given a no majority beyond what is left and the quorum passed, when judged, then the answer is no', () => {
    // Act
    const outlook = answerOutlook('Q1', { yes: 100, no: 400 }, 299, true);

    // Assess
    expect(outlook).toEqual({ questionId: 'Q1', status: 'no' });
  });
});
