import * as z from 'zod';
import { listAuditEntries, readAuditHead } from '../db/audit.js';
import { DEPLOYMENT_TRAIL } from '../db/keys.js';
import { loadElection } from './election-context.js';
import { parseOrThrow } from './validation.js';

const digits = (max: number) =>
  z
    .string()
    .regex(/^\d{1,10}$/, 'a whole number')
    .transform(Number)
    .pipe(z.number().int().min(0).max(max));

/** `?after=<seq>&limit=<n>`: the page of the chain after entry `after` (0: from the start). */
export const AuditPageQuerySchema = z
  .object({
    after: digits(Number.MAX_SAFE_INTEGER).default(0),
    limit: digits(1000).pipe(z.number().min(1)).default(500),
  })
  .strict();

/** A page of one trail's chain after entry `after`, and its head as it stands. */
async function readTrail(trailId: string, query: unknown) {
  const { after, limit } = parseOrThrow(AuditPageQuerySchema, query ?? {}, 'query');
  const [head, entries] = await Promise.all([
    readAuditHead(trailId),
    listAuditEntries(trailId, after, limit),
  ]);
  const last = entries.at(-1);
  return { head: head ?? null, entries, next: last && head && last.seq < head.seq ? last.seq : null };
}

/**
 * A page of an election's audit trail: every write, oldest first, each with who, when, what and
 * its link in the hash chain, and the head as it stands. `next` is the `after` of the next
 * page, or null at the end.
 */
export async function readAudit(electionId: string, query: unknown) {
  await loadElection(electionId);
  return { electionId, ...(await readTrail(electionId, query)) };
}

/** The deployment's own trail, paged the same way: account changes, sign-ins and sign-outs. */
export async function readDeploymentAudit(query: unknown) {
  return { trail: 'deployment', ...(await readTrail(DEPLOYMENT_TRAIL, query)) };
}
