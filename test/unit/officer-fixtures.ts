/** The officer app's section as the API answers it, and its count as a form sends it. */
import type { SectionData } from '../../site/officer-app/officer-api.js';
import { municipalHead, squareMunicipalResults } from './fixtures.js';

/** Section 1 of the test election, with T1 stored at version 2 and the count at version 3. */
export function officerSection(overrides: Partial<SectionData> = {}): SectionData {
  const election = municipalHead();
  return {
    electionId: 'test-2026',
    election,
    section: { id: '1', name: 'Sezione 1', district: 'Centro', registeredVoters: 1000 },
    electionState: 'open',
    version: 3,
    status: 'accepted',
    checks: [],
    submittedAt: '2026-05-25T20:00:00Z',
    turnout: {
      T1: { version: 2, status: 'accepted', checks: [], submittedAt: null, voters: 200 },
    },
    results: squareMunicipalResults(),
    ...overrides,
  };
}

/** The count's fields as a form sends them, dotted names and typed text. */
export function countFields(change: Record<string, string> = {}): [string, string][] {
  const r = squareMunicipalResults();
  const fields: Record<string, string> = {
    voters: String(r.voters),
    blankBallots: String(r.blankBallots),
    invalidBallots: String(r.invalidBallots),
    contestedBallots: String(r.contestedBallots),
  };
  for (const [group, counts] of Object.entries({
    candidateVotes: r.candidateVotes,
    candidateOnlyVotes: r.candidateOnlyVotes,
    listVotes: r.listVotes,
    preferenceVotes: r.preferenceVotes,
  }))
    for (const [id, votes] of Object.entries(counts)) fields[`${group}.${id}`] = String(votes);
  return Object.entries({ ...fields, ...change });
}
