/**
 * The status lifecycle of a section's items (its count and its turnout readings), in one place
 * for every write that moves it: an officer's version, a staff approval or reopening, and the
 * re-judging of the items beside a changed one. Submissions, reviews and the audit replay all
 * apply these same rules, so what the verifier recomputes is exactly what was stored. Pure.
 *
 * - accepted: passes every check; counted.
 * - flagged: fails a check; kept, out of the totals until corrected or approved.
 * - approved: flagged, approved by staff with a reason; counted. Staff decisions stand.
 * - reopened: sent back by staff; out of the totals, and out of its siblings' checks, until the
 *   officer sends it again.
 */
import { type FailedCheck, isFlagging } from './checks.js';
import type { ElectionHead, Section } from './election.js';
import { type CurrentItem, checksFor, sameItem } from './section-checks.js';
import type { SubmissionStatus } from './status.js';

/** The status of a version an officer sends, from its checks. */
export const statusOfNewVersion = (checks: readonly FailedCheck[]): SubmissionStatus =>
  isFlagging(checks) ? 'flagged' : 'accepted';

export type ReviewAction = 'approve' | 'reopen';

/** Which statuses a staff decision applies to, and the status it gives. */
export const REVIEW_RULES: Record<ReviewAction, { from: readonly SubmissionStatus[]; to: SubmissionStatus }> =
  {
    // Approving keeps a flagged count as it is and lets it into the totals, with the reason recorded.
    approve: { from: ['flagged'], to: 'approved' },
    // Reopening takes a count out of the totals until the officer submits it again.
    reopen: { from: ['accepted', 'flagged', 'approved'], to: 'reopened' },
  };

/** The status an item takes when its checks are judged again. Staff decisions stand. */
export function statusAfterRecheck(
  status: SubmissionStatus,
  checks: readonly FailedCheck[],
): SubmissionStatus {
  if (status === 'reopened') return status;
  if (status === 'approved') return isFlagging(checks) ? 'approved' : 'accepted';
  return isFlagging(checks) ? 'flagged' : 'accepted';
}

/**
 * The items beside `changed` whose checks or status differ once `changed` is in place (a new
 * version, or a review: a reopened item leaves its siblings' checks). Every write re-judges
 * through this one function, in the same transaction as the write.
 */
export function recheckSection<T extends CurrentItem>(
  head: ElectionHead,
  section: Pick<Section, 'registeredVoters'>,
  changed: CurrentItem,
  items: readonly T[],
): { item: T; checks: FailedCheck[]; status: SubmissionStatus }[] {
  const after: CurrentItem[] = [...items.filter((i) => !sameItem(i, changed)), changed];
  return items
    .filter((i) => !sameItem(i, changed) && i.status !== 'reopened')
    .map((item) => {
      const checks = checksFor(head, section, item, after);
      return { item, checks, status: statusAfterRecheck(item.status, checks) };
    })
    .filter(
      ({ item, checks, status }) =>
        status !== item.status || JSON.stringify(checks) !== JSON.stringify(item.checks),
    );
}
