import { listSections } from '../db/elections.js';
import { keys } from '../db/keys.js';
import { batchGet } from '../db/queries.js';
import { type Submission, submissionFromItem } from '../db/submissions.js';
import type { Section } from '../domain/election.js';

/** Batches of 100 keys read at once: Rome's 2,600 sections with four slots are 130 batches. */
const BATCHES_IN_FLIGHT = 8;

/** The results first, then the turnout readings by slot: the order a section's own query reads them in. */
const bySortKey = (a: Submission, b: Submission) =>
  a.kind !== b.kind ? (a.kind === 'results' ? -1 : 1) : (a.slotId ?? '').localeCompare(b.slotId ?? '');

/**
 * Every section of an election with its current items, by section number (2 before 10). The
 * items are read by their keys (the results and one reading per slot of each section), 100 to a
 * BatchGetItem, not by a query per section: a city's 2,600 sections take 130 calls, not 2,600.
 * `itemsStored: false` (the election has no submission yet) reads the sections alone.
 */
export async function currentSections(
  electionId: string,
  slotIds: readonly string[],
  options: { itemsStored?: boolean } = {},
): Promise<{ section: Section; stored: Submission[] }[]> {
  const sections = await listSections(electionId);
  const itemKeys =
    options.itemsStored === false
      ? []
      : sections.flatMap((section) => [
          keys.results(electionId, section.id),
          ...slotIds.map((slotId) => keys.turnout(electionId, section.id, slotId)),
        ]);
  const stored = new Map<string, Submission[]>();
  for (const item of await batchGet(itemKeys, BATCHES_IN_FLIGHT)) {
    const submission = submissionFromItem(item);
    stored.set(submission.sectionId, [...(stored.get(submission.sectionId) ?? []), submission]);
  }
  return sections
    .sort((a, b) => a.id.localeCompare(b.id, 'it', { numeric: true }))
    .map((section) => ({ section, stored: (stored.get(section.id) ?? []).sort(bySortKey) }));
}
