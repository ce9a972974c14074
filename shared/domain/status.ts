/**
 * The review state of a stored count or turnout reading.
 * - accepted: passed every check; counted.
 * - flagged: failed a check; kept, but not counted until corrected or approved (docs/domain.md).
 * - approved: flagged, then approved by staff with a recorded reason; counted.
 * - reopened: sent back by staff; not counted until the officer submits again.
 */
export type SubmissionStatus = 'accepted' | 'flagged' | 'approved' | 'reopened';

export const SUBMISSION_STATUSES = ['accepted', 'flagged', 'approved', 'reopened'] as const;

/** True when values with this status count in the public totals. */
export const isCounted = (status: SubmissionStatus) => status === 'accepted' || status === 'approved';
