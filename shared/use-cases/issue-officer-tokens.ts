import * as z from 'zod';
import { listSections } from '../db/elections.js';
import type { Actor } from '../domain/actor.js';
import { IdSchema } from '../domain/ids.js';
import { ConcurrentWriteError, TooManySectionsError, ValidationError } from '../errors.js';
import { type BulkOptions, issueCodes, type SectionFailure } from './bulk-credentials.js';
import { assertOpen, loadElection } from './election-context.js';
import { parseOrThrow } from './validation.js';

/**
 * The most sections one API request issues or revokes: every municipality's (Rome has 2,600)
 * within the API's 30 s and Lambda's 6 MB answer. More (Italy's 61,550) go through a job
 * (officer-token-jobs) or the terminal, which has no such limit.
 */
export const SECTIONS_PER_REQUEST = 5_000;

export const IssueTokensRequestSchema = z
  .object({ sections: z.union([z.literal('all'), z.array(IdSchema).min(1).max(100_000)]) })
  .strict();

export type SectionsRequest = z.infer<typeof IssueTokensRequestSchema>['sections'];

/** The sections a request names, all of them known to the election, in the order asked for ("all": the table's). */
export async function sectionsOf(electionId: string, sections: SectionsRequest): Promise<string[]> {
  const known = (await listSections(electionId)).map((s) => s.id);
  const wanted = sections === 'all' ? known : [...new Set(sections)];
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

/** The sections of a request's body, refused past `maxSections` (an API request's limit). */
export async function requestedSections(electionId: string, body: unknown, maxSections = Infinity) {
  const request = parseOrThrow(IssueTokensRequestSchema, body, 'request');
  const wanted = await sectionsOf(electionId, request.sections);
  if (wanted.length > maxSections)
    throw new TooManySectionsError(
      `${wanted.length} sections are more than one request takes (${maxSections}): start a job with POST /v1/admin/elections/${electionId}/officer-token-jobs`,
    );
  return wanted;
}

/** Nothing was done, and something failed: the request fails as its first failure did. */
export function throwIfNothingDone(done: number, failed: SectionFailure[]): void {
  const [first] = failed;
  if (done === 0 && first) {
    const message = `${failed.length} sections not done: ${first.message}`;
    // A lost race is the caller's to retry (409); anything else is ours (500, logged where it failed).
    throw first.code === 'CONCURRENT_WRITE' ? new ConcurrentWriteError(message) : new Error(message);
  }
}

/**
 * Issues one token per section. A token is answered once and only its hash is kept; issuing
 * again revokes the section's earlier token. `onIssued` hears each code as soon as it is
 * stored (the terminal tool writes it to its file at once), so a failure part-way loses no
 * code that already replaced an earlier one; the answer names the sections not done, if any.
 */
export async function issueOfficerTokens(
  electionId: string,
  body: unknown,
  by: Actor,
  options: BulkOptions & {
    onIssued?: (sectionId: string, token: string) => void;
    maxSections?: number;
  } = {},
) {
  const election = await loadElection(electionId);
  assertOpen(election);
  const wanted = await requestedSections(electionId, body, options.maxSections);
  const issued = new Map<string, string>();
  const failed = await issueCodes(
    electionId,
    wanted,
    by,
    (sectionId, token) => {
      issued.set(sectionId, token);
      options.onIssued?.(sectionId, token);
    },
    options,
  );
  throwIfNothingDone(issued.size, failed);
  // In the order asked for, whatever order they finished in.
  const tokens: Record<string, string> = {};
  for (const id of wanted) {
    const token = issued.get(id);
    if (token !== undefined) tokens[id] = token;
  }
  return { tokens, ...(failed.length > 0 ? { failed } : {}) };
}
