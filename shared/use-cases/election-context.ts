import {
  type ElectionState,
  getElectionHead,
  getElectionState,
  getSection,
  getSections,
} from '../db/elections.js';
import type { ElectionHead, Section } from '../domain/election.js';
import { ElectionCertifiedError, ElectionNotFoundError, SectionNotFoundError } from '../errors.js';

export interface ElectionContext {
  head: ElectionHead;
  state: ElectionState;
}

// A definition never changes once results exist, and every write re-checks the definition
// hash in its transaction, so caching heads and sections by hash is safe.
const heads = new Map<string, { hash: string; head: ElectionHead }>();
const sections = new Map<string, Section>();

/** The election as it stands now: its small state read fresh, its head from cache when unchanged. */
export async function loadElection(electionId: string): Promise<ElectionContext> {
  const state = await getElectionState(electionId);
  if (!state) throw new ElectionNotFoundError(`there is no election "${electionId}"`);
  const cached = heads.get(electionId);
  if (cached && cached.hash === state.definitionHash) return { head: cached.head, state };
  const head = await getElectionHead(electionId);
  if (!head) throw new ElectionNotFoundError(`there is no election "${electionId}"`);
  heads.set(electionId, { hash: state.definitionHash, head });
  return { head, state };
}

export async function loadSection(context: ElectionContext, sectionId: string): Promise<Section> {
  const cacheKey = `${context.head.id}/${sectionId}@${context.state.definitionHash}`;
  const cached = sections.get(cacheKey);
  if (cached) return cached;
  const section = await getSection(context.head.id, sectionId);
  if (!section) throw new SectionNotFoundError(`election "${context.head.id}" has no section "${sectionId}"`);
  sections.set(cacheKey, section);
  return section;
}

/** Many sections at once (the publisher's batch): those not cached are read in batches. */
export async function loadSections(
  context: ElectionContext,
  sectionIds: readonly string[],
): Promise<Map<string, Section>> {
  const keyOf = (sectionId: string) => `${context.head.id}/${sectionId}@${context.state.definitionHash}`;
  const missing = sectionIds.filter((id) => !sections.has(keyOf(id)));
  for (const section of await getSections(context.head.id, missing)) sections.set(keyOf(section.id), section);
  const found = new Map<string, Section>();
  for (const sectionId of sectionIds) {
    const section = sections.get(keyOf(sectionId));
    if (!section)
      throw new SectionNotFoundError(`election "${context.head.id}" has no section "${sectionId}"`);
    found.set(sectionId, section);
  }
  return found;
}

export function assertOpen(context: ElectionContext): void {
  if (context.state.state === 'certified') {
    throw new ElectionCertifiedError(
      `election "${context.head.id}" is certified: its results can no longer change`,
    );
  }
}
