import { listHistoryRecords } from '../db/audit.js';
import { keys } from '../db/keys.js';
import { loadElection, loadSection } from './election-context.js';

const SHOWN = new Set(['SubmissionVersion', 'Review']);

/** Every version a section's officers stored and every staff review, oldest first. */
export async function readSectionHistory(electionId: string, sectionId: string) {
  const election = await loadElection(electionId);
  await loadSection(election, sectionId);
  const items = await listHistoryRecords(keys.sectionPartition(electionId, sectionId));
  const entries: Record<string, unknown>[] = items
    .filter((item) => SHOWN.has(String(item.type)))
    .map(({ PK: _pk, SK: _sk, type, bodyHash: _hash, rev: _rev, ...rest }) =>
      type === 'Review' ? { entry: 'review', ...rest } : { entry: 'version', ...rest },
    );
  const at = (e: Record<string, unknown>) => String(e.entry === 'review' ? e.at : e.submittedAt);
  entries.sort((a, b) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : 0));
  return { electionId, sectionId, entries };
}
