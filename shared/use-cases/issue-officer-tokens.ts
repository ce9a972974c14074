import * as z from 'zod';
import { listSections } from '../db/elections.js';
import { replaceOfficerTokenHash } from '../db/tokens.js';
import type { Actor } from '../domain/actor.js';
import { IdSchema } from '../domain/ids.js';
import { generateToken, hashToken } from '../domain/tokens.js';
import { ValidationError } from '../errors.js';
import { assertOpen, loadElection } from './election-context.js';
import { inPool } from './in-pool.js';

/** Sections whose codes are issued or revoked at once: "all" of a town's within the API's time. */
export const SECTIONS_AT_ONCE = 16;

import { parseOrThrow } from './validation.js';

export const IssueTokensRequestSchema = z
  .object({ sections: z.union([z.literal('all'), z.array(IdSchema).min(1).max(100_000)]) })
  .strict();

/**
 * Issues one token per section. A token is answered once and only its hash is kept; issuing
 * again revokes the section's earlier token.
 */
/** The sections a request names, all of them known to the election. */
export async function sectionsOf(electionId: string, body: unknown): Promise<string[]> {
  const request = parseOrThrow(IssueTokensRequestSchema, body, 'request');
  const known = (await listSections(electionId)).map((s) => s.id);
  const wanted = request.sections === 'all' ? known : [...new Set(request.sections)];
  const knownSet = new Set(known);
  const unknown = wanted.filter((id) => !knownSet.has(id));
  if (unknown.length > 0) {
    throw new ValidationError(
      'unknown sections',
      unknown.map((id) => ({
        path: ['sections'],
        message: `election "${electionId}" has no section "${id}"`,
      })),
    );
  }
  return wanted;
}

/**
 * `onIssued` hears each code as soon as it is stored (the terminal tool writes it to its file
 * at once), so a failure part-way loses no code that already replaced an earlier one.
 */
export async function issueOfficerTokens(
  electionId: string,
  body: unknown,
  by: Actor,
  onIssued: (sectionId: string, token: string) => void = () => {},
) {
  const election = await loadElection(electionId);
  assertOpen(election);
  const wanted = await sectionsOf(electionId, body);
  const issued = new Map<string, string>();
  await inPool(wanted, SECTIONS_AT_ONCE, async (sectionId) => {
    const token = generateToken();
    await replaceOfficerTokenHash(electionId, sectionId, hashToken(token), by);
    issued.set(sectionId, token);
    onIssued(sectionId, token);
  });
  // In the order asked for, whatever order they finished in.
  return { tokens: Object.fromEntries(wanted.map((id) => [id, issued.get(id) ?? ''])) };
}
