import { listSections } from '../db/elections.js';
import { listCurrentSubmissions, type Submission } from '../db/submissions.js';
import type { Section } from '../domain/election.js';
import { inPool } from './in-pool.js';

/** Every section of an election with its current items, by section number (2 before 10). */
export async function currentSections(
  electionId: string,
): Promise<{ section: Section; stored: Submission[] }[]> {
  const sections = await listSections(electionId);
  const stored = new Map<string, Submission[]>();
  await inPool(sections, 16, async (section) => {
    stored.set(section.id, await listCurrentSubmissions(electionId, section.id));
  });
  return sections
    .sort((a, b) => a.id.localeCompare(b.id, 'it', { numeric: true }))
    .map((section) => ({ section, stored: stored.get(section.id) ?? [] }));
}
