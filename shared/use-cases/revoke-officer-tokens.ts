import type { Actor } from '../domain/actor.js';
import { type BulkOptions, revokeCodes } from './bulk-credentials.js';
import { loadElection } from './election-context.js';
import { requestedSections, throwIfNothingDone } from './issue-officer-tokens.js';

/** Revokes the officer tokens of the sections named (`{ "sections": [...] | "all" }`), at once. */
export async function revokeOfficerTokens(
  electionId: string,
  body: unknown,
  by: Actor,
  options: BulkOptions & { maxSections?: number } = {},
) {
  await loadElection(electionId);
  const wanted = await requestedSections(electionId, body, options.maxSections);
  const revoked = new Set<string>();
  const failed = await revokeCodes(electionId, wanted, by, (sectionId) => revoked.add(sectionId), options);
  throwIfNothingDone(revoked.size, failed);
  // In the order asked for, whatever order they finished in.
  return { revoked: wanted.filter((id) => revoked.has(id)), ...(failed.length > 0 ? { failed } : {}) };
}
