import { listSections } from '../db/elections.js';
import { readCurrentSubmissions, type Submission } from '../db/submissions.js';
import type { Section } from '../domain/election.js';

/** Batches of 100 keys read at once: Rome's 2,600 sections with four slots are 130 batches. */
const BATCHES_IN_FLIGHT = 8;

/** The results first, then the turnout readings by slot: the order a section's own query reads them in. */
const bySortKey = (a: Submission, b: Submission) =>
  a.kind !== b.kind ? (a.kind === 'results' ? -1 : 1) : (a.slotId ?? '').localeCompare(b.slotId ?? '');

/**
 * Every section of an election with its current items, by section number (2 before 10), the
 * items read by key (db/submissions.ts): a city's 2,600 sections take 130 calls, not 2,600.
 * `itemsStored: false` (the election has no submission yet) reads the sections alone.
 */
export async function currentSections(
  electionId: string,
  slotIds: readonly string[],
  options: { itemsStored?: boolean } = {},
): Promise<{ section: Section; stored: Submission[] }[]> {
  const sections = await listSections(electionId);
  const stored =
    options.itemsStored === false
      ? new Map<string, Submission[]>()
      : await readCurrentSubmissions(
          electionId,
          sections.map((section) => section.id),
          slotIds,
          BATCHES_IN_FLIGHT,
        );
  return sections
    .sort((a, b) => a.id.localeCompare(b.id, 'it', { numeric: true }))
    .map((section) => ({ section, stored: (stored.get(section.id) ?? []).sort(bySortKey) }));
}
