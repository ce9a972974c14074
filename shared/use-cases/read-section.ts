import { listCurrentSubmissions, type Submission } from '../db/submissions.js';
import { loadElection, loadSection } from './election-context.js';

/** What staff and officers see of a stored item besides its body: version, status, checks, time. */
export const submissionView = (s: Submission) => ({
  version: s.version,
  status: s.status,
  checks: s.checks,
  submittedAt: s.submittedAt,
});

/** What is stored for a section: its definition and its election's, turnout per slot, and its current result. */
export async function readSection(electionId: string, sectionId: string) {
  const election = await loadElection(electionId);
  const section = await loadSection(election, sectionId);
  const stored = await listCurrentSubmissions(electionId, sectionId);
  const results = stored.find((s) => s.kind === 'results');
  const turnout = Object.fromEntries(
    stored
      .filter((s) => s.kind === 'turnout')
      .map((s) => [s.slotId, { ...(s.body as object), ...submissionView(s) }]),
  );
  return {
    electionId,
    /** What an officer's app needs to lay out the tally sheet and check it: the election without its sections. */
    election: election.head,
    section,
    electionState: election.state.state,
    turnout,
    results: results ? (results.body as object) : null,
    version: results?.version ?? 0,
    status: results?.status ?? 'not-reported',
    checks: results?.checks ?? [],
    submittedAt: results?.submittedAt ?? null,
  };
}
