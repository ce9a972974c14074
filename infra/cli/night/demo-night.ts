import type { ElectionDefinition } from '../../../shared/domain/election.js';

/**
 * A plausible election night for a definition, generated deterministically: for every section,
 * cumulative turnout readings and a count that passes every check. Independent of the system's
 * code on purpose, so tests can compare what was published with what was sent.
 */
export function generateNight(election: ElectionDefinition) {
  return election.sections.map((_, index) => sectionNightOf(election, index));
}

/** One section's night (the section at `index`): for a bench that streams a national night. */
export function sectionNightOf(election: ElectionDefinition, index: number) {
  const section = election.sections[index];
  if (!section) throw new Error(`election "${election.id}" has no section at ${index}`);
  const n = index + 1;
  const registered = section.registeredVoters;
  const voters = Math.floor(registered * 0.58) + (n % 7);
  const shares = [0.55, 0.65, 0.85, 1].map((share) => Math.floor(voters * share));
  const turnout = Object.fromEntries(
    election.turnoutSlots.map((slot, i) => [
      slot.id,
      { voters: slot.final ? voters : (shares[i] ?? voters) },
    ]),
  );
  const blankBallots = 3 + (n % 4);
  const invalidBallots = 5 + (n % 3);
  const contestedBallots = n % 2;
  let remaining = voters - blankBallots - invalidBallots - contestedBallots;
  const weights = election.candidates.map((_, i) => 1 + ((n + i * 3) % 5));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const candidateVotes: Record<string, number> = {};
  election.candidates.forEach((candidate, i) => {
    const last = i === election.candidates.length - 1;
    const votes = last
      ? remaining
      : Math.floor(
          ((voters - blankBallots - invalidBallots - contestedBallots) * (weights[i] ?? 1)) / weightSum,
        );
    candidateVotes[candidate.id] = votes;
    remaining -= votes;
  });
  const candidateOnlyVotes: Record<string, number> = {};
  const listVotes: Record<string, number> = {};
  const preferenceVotes: Record<string, number> = {};
  for (const candidate of election.candidates) {
    const votes = candidateVotes[candidate.id] ?? 0;
    const only = Math.min(votes, 2 + (n % 5));
    candidateOnlyVotes[candidate.id] = only;
    const lists = election.lists.filter((l) => l.candidateId === candidate.id);
    let left = votes - only;
    lists.forEach((list, i) => {
      const listShare = i === lists.length - 1 ? left : Math.floor((votes - only) / lists.length);
      listVotes[list.id] = listShare;
      left -= listShare;
      (list.councilCandidates ?? []).slice(0, 3).forEach((councillor, k) => {
        preferenceVotes[councillor.id] = Math.floor(listShare / (k + 2));
      });
    });
  }
  return {
    sectionId: section.id,
    registered,
    turnout,
    results: {
      voters,
      blankBallots,
      invalidBallots,
      contestedBallots,
      candidateVotes,
      candidateOnlyVotes,
      listVotes,
      preferenceVotes,
    },
  };
}

export type Night = ReturnType<typeof generateNight>;

/** The totals the published summary must show for a night, computed by plain sums. */
export function expectedTotals(election: ElectionDefinition, night: Night) {
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return {
    sections: { total: election.sections.length, reported: night.length },
    totals: {
      registeredVoters: sum(election.sections.map((s) => s.registeredVoters)),
      voters: sum(night.map((s) => s.results.voters)),
      blankBallots: sum(night.map((s) => s.results.blankBallots)),
      invalidBallots: sum(night.map((s) => s.results.invalidBallots)),
      contestedBallots: sum(night.map((s) => s.results.contestedBallots)),
      validVotes: sum(
        night.map(
          (s) =>
            s.results.voters - s.results.blankBallots - s.results.invalidBallots - s.results.contestedBallots,
        ),
      ),
    },
    candidates: election.candidates.map((c) => ({
      id: c.id,
      votes: sum(night.map((s) => s.results.candidateVotes[c.id] ?? 0)),
    })),
    lists: election.lists.map((l) => ({
      id: l.id,
      votes: sum(night.map((s) => s.results.listVotes[l.id] ?? 0)),
    })),
    turnout: election.turnoutSlots.map((slot) => ({
      slotId: slot.id,
      sectionsReported: night.length,
      voters: sum(night.map((s) => s.turnout[slot.id]?.voters ?? 0)),
      registeredVoters: sum(night.map((s) => s.registered)),
    })),
  };
}
