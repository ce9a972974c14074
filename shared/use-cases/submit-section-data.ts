import { historyRecordOf, type Recheck, storeSubmissionVersion } from '../db/submission-writes.js';
import { listCurrentSubmissions, type Submission } from '../db/submissions.js';
import type { Actor } from '../domain/actor.js';
import { auditEventOf } from '../domain/audit-events.js';
import { hashOf } from '../domain/canonical.js';
import type { FailedCheck } from '../domain/checks.js';
import { recheckSection, statusOfNewVersion } from '../domain/lifecycle.js';
import { publicLogEntryOf, receiptOf } from '../domain/public-log-entry.js';
import { checksFor } from '../domain/section-checks.js';
import type { SubmissionStatus } from '../domain/status.js';
import { resultsSchemaFor, TurnoutReadingSchema } from '../domain/submission-bodies.js';
import type { WriteLimit } from '../domain/write-limit.js';
import { ConcurrentWriteError, UnauthorizedError, ValidationError, VersionMismatchError } from '../errors.js';
import { recordCountFlagged, recordSubmissionStored } from '../metrics.js';
import { AGAIN, retrying } from '../retry.js';
import { readWindowIfLimited, takePlaceInWindow } from './credential-write-limit.js';
import { assertOpen, loadElection, loadSection } from './election-context.js';
import { parseOrThrow } from './validation.js';

export interface SubmissionOutcome {
  version: number;
  status: Submission['status'];
  checks: FailedCheck[];
  /** The leaf hash of this version's entry in the election's public log. */
  receipt: string;
}

export interface SubmitRequest {
  electionId: string;
  sectionId: string;
  body: unknown;
  /** Who sends it: the officer's credential, recorded in the history and the audit trail. */
  actor: Actor;
  /** The hash of the token the request came with, which must still be valid when the write lands. */
  signedInWith?: string;
  /** The version the officer last saw (If-Match): a newer stored version refuses the write. */
  ifMatch?: number;
  /**
   * The API's limit on the writes of `actor.credential` (domain/write-limit.ts); none for the
   * terminal's own writes. Only a write that stores counts: a re-send of the stored body does not.
   */
  writeLimit?: WriteLimit;
}

type Target = { kind: 'results'; slotId?: undefined } | { kind: 'turnout'; slotId: string };

/** Another device, or the first writes of a busy election, got there first: re-read after a pause. */
const SECTION_RACES = {
  attempts: 5,
  baseMs: 25,
  maxMs: 1_000,
  exhausted: () =>
    new ConcurrentWriteError('the section is being written by another device right now: try again'),
};

const finalSlotOf = (head: { turnoutSlots: { id: string; final?: boolean | undefined }[] }) => {
  const final = head.turnoutSlots.find((slot) => slot.final === true);
  return final ? { finalSlotId: final.id } : {};
};

const outcomeOf = (s: Submission): SubmissionOutcome => ({
  version: s.version,
  status: s.status,
  checks: s.checks,
  receipt: s.receipt ?? receiptOfVersion(s),
});

/** The receipt of a version: its public log entry's leaf hash, from the history record it writes. */
const receiptOfVersion = (s: Submission, rechecks: readonly Recheck[] = []) =>
  receiptOf(publicLogEntryOf(auditEventOf(historyRecordOf(s, rechecks))));

/**
 * The metrics of a stored version: SubmissionsStored, and CountsFlagged for each item the write
 * leaves flagged for review: the version itself, and any item beside it that the re-judging
 * newly flags (a final turnout reading that no longer agrees with the count, R5).
 */
function recordStored(next: Submission, rejudged: { item: Submission; status: SubmissionStatus }[]): void {
  recordSubmissionStored(next.kind);
  if (next.status === 'flagged') recordCountFlagged(next.kind);
  for (const { item, status } of rejudged)
    if (status === 'flagged' && item.status !== 'flagged') recordCountFlagged(item.kind);
}

/**
 * Stores a submission as a new version, or recognises it as a re-send of the current one.
 * A structurally valid body is always stored; failed checks only flag it (docs/domain.md). The
 * items beside it whose checks change with it (R5) are updated in the same transaction.
 */
async function submit(
  request: SubmitRequest,
  target: Target,
  parse: (head: Parameters<typeof resultsSchemaFor>[0]) => unknown,
) {
  return retrying(SECTION_RACES, async () => {
    const election = await loadElection(request.electionId);
    assertOpen(election);
    const section = await loadSection(election, request.sectionId);
    const body = parse(election.head);
    const [stored, window] = await Promise.all([
      listCurrentSubmissions(request.electionId, request.sectionId),
      readWindowIfLimited(request.actor.credential, request.writeLimit),
    ]);
    const current = stored.find((s) => s.kind === target.kind && s.slotId === target.slotId);
    const bodyHash = hashOf(body);
    // A re-send of what is stored (a retry on a weak signal) changes nothing; after a reopen it confirms anew.
    if (current && current.bodyHash === bodyHash && current.status !== 'reopened') return outcomeOf(current);
    const currentVersion = current?.version ?? 0;
    if (request.ifMatch !== undefined && request.ifMatch !== currentVersion) {
      throw new VersionMismatchError(
        `the stored version is ${currentVersion}, not ${request.ifMatch}: reload the section before correcting it`,
        [{ message: `current version: ${currentVersion}` }],
      );
    }
    // Past the credential's limit nothing is stored (429); the place taken is written with the version.
    const windowWrite = takePlaceInWindow(window, request.writeLimit);
    const checks = checksFor(election.head, section, { ...target, body }, stored);
    const next: Submission = {
      electionId: request.electionId,
      sectionId: request.sectionId,
      kind: target.kind,
      ...(target.slotId !== undefined ? { slotId: target.slotId } : {}),
      ...(section.district !== undefined ? { district: section.district } : {}),
      registeredVoters: section.registeredVoters,
      // The aggregation pairs a section's count with its final reading for the outlook (domain/aggregation.ts).
      ...finalSlotOf(election.head),
      version: currentVersion + 1,
      rev: (current?.rev ?? 0) + 1,
      status: statusOfNewVersion(checks),
      checks,
      body,
      bodyHash,
      submittedAt: new Date().toISOString(),
      submittedBy: request.actor,
    };
    const rejudged = recheckSection(election.head, section, next, stored);
    const rechecks = rejudged.map(({ item, checks, status }) => ({
      item: { ...item, checks, status, rev: item.rev + 1 },
      expectedRev: item.rev,
    }));
    const receipted = { ...next, receipt: receiptOfVersion(next, rechecks) };
    const conflict = await storeSubmissionVersion(
      receipted,
      currentVersion,
      election.state,
      rechecks,
      request.signedInWith,
      windowWrite,
    );
    if (!conflict) {
      recordStored(next, rejudged);
      return outcomeOf(receipted);
    }
    if (conflict === 'token-revoked') throw new UnauthorizedError('this token has been revoked');
    return AGAIN;
  });
}

export function submitResults(request: SubmitRequest): Promise<SubmissionOutcome> {
  return submit(request, { kind: 'results' }, (head) =>
    parseOrThrow(resultsSchemaFor(head), request.body, 'results body'),
  );
}

export function submitTurnout(request: SubmitRequest & { slotId: string }): Promise<SubmissionOutcome> {
  return submit(request, { kind: 'turnout', slotId: request.slotId }, (head) => {
    if (!head.turnoutSlots.some((s) => s.id === request.slotId)) {
      throw new ValidationError(`election "${head.id}" has no turnout slot "${request.slotId}"`, [
        {
          path: ['slotId'],
          message: `unknown slot; known: ${head.turnoutSlots.map((s) => s.id).join(', ')}`,
        },
      ]);
    }
    return parseOrThrow(TurnoutReadingSchema, request.body, 'turnout reading');
  });
}
