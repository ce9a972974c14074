import * as z from 'zod';
import { storeReview } from '../db/submission-writes.js';
import { listCurrentSubmissions, type Review, type Submission } from '../db/submissions.js';
import type { Actor } from '../domain/actor.js';
import { IdSchema } from '../domain/ids.js';
import { REVIEW_RULES, recheckSection } from '../domain/lifecycle.js';
import type { WriteLimit } from '../domain/write-limit.js';
import { ConcurrentWriteError, NotFlaggedError, NotReportedError } from '../errors.js';
import { AGAIN, retrying } from '../retry.js';
import { readWindowIfLimited, takePlaceInWindow } from './credential-write-limit.js';
import { assertOpen, loadElection, loadSection } from './election-context.js';
import { parseOrThrow } from './validation.js';

/** A staff decision needs a reason a reader of the audit trail can understand. */
export const ReviewRequestSchema = z
  .object({
    reason: z.string().trim().min(3, 'give the reason for the decision').max(1000),
    /** Review a turnout reading instead of the count. */
    slotId: IdSchema.optional(),
  })
  .strict();

/** The section changed between the read and the write: re-read after a pause. */
const REVIEW_RACES = {
  attempts: 5,
  baseMs: 25,
  maxMs: 1_000,
  exhausted: () =>
    new ConcurrentWriteError('the section changed while it was being reviewed: reload it and try again'),
};

/**
 * Approves a flagged count (or turnout reading), or reopens one, recording the reason. With
 * `writeLimit` (the API's), a review counts against the staff credential's limit as a stored
 * version does: it changes the item and adds a record to the history and the audit trail.
 */
export async function reviewSection(
  action: Review['action'],
  electionId: string,
  sectionId: string,
  body: unknown,
  by: Actor,
  options: { writeLimit?: WriteLimit } = {},
) {
  const request = parseOrThrow(ReviewRequestSchema, body, 'review');
  return retrying(REVIEW_RACES, async () => {
    const election = await loadElection(electionId);
    assertOpen(election);
    const section = await loadSection(election, sectionId);
    const [stored, window] = await Promise.all([
      listCurrentSubmissions(electionId, sectionId),
      readWindowIfLimited(by.credential, options.writeLimit),
    ]);
    const what = request.slotId === undefined ? 'count' : `turnout reading of slot "${request.slotId}"`;
    const current = stored.find((s) =>
      request.slotId === undefined
        ? s.kind === 'results'
        : s.kind === 'turnout' && s.slotId === request.slotId,
    );
    if (!current) throw new NotReportedError(`section "${sectionId}" has no ${what} yet`);
    const rule = REVIEW_RULES[action];
    if (!rule.from.includes(current.status)) {
      const message = `the ${what} of section "${sectionId}" is ${current.status}: only ${rule.from.join(' or ')} can be ${action === 'approve' ? 'approved' : 'reopened'}`;
      throw action === 'approve' ? new NotFlaggedError(message) : new NotReportedError(message);
    }
    // Past the credential's limit nothing is stored (429); the place taken is written with the review.
    const windowWrite = takePlaceInWindow(window, options.writeLimit);
    const reviewed: Submission = {
      ...current,
      status: rule.to,
      rev: current.rev + 1,
      review: { action, reason: request.reason, at: new Date().toISOString(), version: current.version, by },
    };
    // A reopened item leaves its siblings' checks (R5 links them): they are judged again with it.
    const rechecks = recheckSection(election.head, section, reviewed, stored).map(
      ({ item, checks, status }) => ({
        item: { ...item, checks, status, rev: item.rev + 1 },
        expectedRev: item.rev,
      }),
    );
    const conflict = await storeReview(reviewed, current.rev, election.state, rechecks, windowWrite);
    if (!conflict)
      return {
        version: reviewed.version,
        status: reviewed.status,
        checks: reviewed.checks,
        review: reviewed.review,
      };
    return AGAIN;
  });
}
