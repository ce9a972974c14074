import { revokeOfficerTokenHash } from '../db/tokens.js';
import type { Actor } from '../domain/actor.js';
import { loadElection } from './election-context.js';
import { inPool } from './in-pool.js';
import { SECTIONS_AT_ONCE, sectionsOf } from './issue-officer-tokens.js';

/** Revokes the officer tokens of the sections named (`{ "sections": [...] | "all" }`), at once. */
export async function revokeOfficerTokens(electionId: string, body: unknown, by: Actor) {
  await loadElection(electionId);
  const wanted = await sectionsOf(electionId, body);
  const revoked = new Set<string>();
  await inPool(wanted, SECTIONS_AT_ONCE, async (sectionId) => {
    if (await revokeOfficerTokenHash(electionId, sectionId, by)) revoked.add(sectionId);
  });
  // In the order asked for, whatever order they finished in.
  return { revoked: wanted.filter((id) => revoked.has(id)) };
}
