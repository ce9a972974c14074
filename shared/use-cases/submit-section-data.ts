import { listCurrentSubmissions, type Submission, storeSubmissionVersion } from '../db/submissions.js';
import { hashOf } from '../domain/canonical.js';
import { checkResults, checkTurnout, type FailedCheck, isFlagging } from '../domain/checks.js';
import type { ElectionHead, Section } from '../domain/election.js';
import { resultsSchemaFor, type TurnoutReading, TurnoutReadingSchema } from '../domain/submission.js';
import { ConcurrentWriteError, ValidationError, VersionMismatchError } from '../errors.js';
import { assertOpen, loadElection, loadSection } from './election-context.js';
import { parseOrThrow } from './validation.js';

export interface SubmissionOutcome {
  version: number;
  status: Submission['status'];
  checks: FailedCheck[];
}

export interface SubmitRequest {
  electionId: string;
  sectionId: string;
  body: unknown;
  /** The version the officer last saw (If-Match): a newer stored version refuses the write. */
  ifMatch?: number;
}

const MAX_ATTEMPTS = 5;

const outcomeOf = (s: Submission): SubmissionOutcome => ({
  version: s.version,
  status: s.status,
  checks: s.checks,
});

type Validate = (
  head: ElectionHead,
  section: Section,
  current: Submission[],
) => { body: unknown; checks: FailedCheck[] };

/**
 * Stores a submission as a new version, or recognises it as a re-send of the current one.
 * A structurally valid body is always stored; failed checks only flag it (DOMAIN.md).
 */
async function submit(
  request: SubmitRequest,
  target: { kind: 'results' } | { kind: 'turnout'; slotId: string },
  validate: Validate,
): Promise<SubmissionOutcome> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const election = await loadElection(request.electionId);
    const section = await loadSection(election, request.sectionId);
    const stored = await listCurrentSubmissions(request.electionId, request.sectionId);
    const current = stored.find(
      (s) => s.kind === target.kind && s.slotId === (target.kind === 'turnout' ? target.slotId : undefined),
    );
    assertOpen(election);
    const { body, checks } = validate(election.head, section, stored);
    const bodyHash = hashOf(body);
    // A re-send of what is stored (a retry on a weak signal) changes nothing.
    if (current && current.bodyHash === bodyHash) return outcomeOf(current);
    const currentVersion = current?.version ?? 0;
    if (request.ifMatch !== undefined && request.ifMatch !== currentVersion) {
      throw new VersionMismatchError(
        `the stored version is ${currentVersion}, not ${request.ifMatch}: reload the section before correcting it`,
        [{ message: `current version: ${currentVersion}` }],
      );
    }
    const next: Submission = {
      electionId: request.electionId,
      sectionId: request.sectionId,
      kind: target.kind,
      ...(target.kind === 'turnout' ? { slotId: target.slotId } : {}),
      ...(section.district !== undefined ? { district: section.district } : {}),
      registeredVoters: section.registeredVoters,
      version: currentVersion + 1,
      rev: (current?.rev ?? 0) + 1,
      status: isFlagging(checks) ? 'flagged' : 'accepted',
      checks,
      body,
      bodyHash,
      submittedAt: new Date().toISOString(),
    };
    const conflict = await storeSubmissionVersion(next, currentVersion, election.state);
    if (!conflict) return outcomeOf(next);
    // Another device, or the first writes of a busy election, got there first: re-read after a pause.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** attempt));
  }
  throw new ConcurrentWriteError('the section is being written by another device right now: try again');
}

const readingsBySlot = (stored: Submission[]) =>
  Object.fromEntries(
    stored
      .filter((s) => s.kind === 'turnout' && s.slotId)
      .map((s) => [s.slotId as string, s.body as TurnoutReading]),
  );

export function submitResults(request: SubmitRequest): Promise<SubmissionOutcome> {
  return submit(request, { kind: 'results' }, (head, section, stored) => {
    const body = parseOrThrow(resultsSchemaFor(head), request.body, 'results body');
    const finalSlot = head.turnoutSlots.find((s) => s.final);
    const finalReading = finalSlot ? readingsBySlot(stored)[finalSlot.id] : undefined;
    return { body, checks: checkResults(head, section, body, finalReading) };
  });
}

export function submitTurnout(request: SubmitRequest & { slotId: string }): Promise<SubmissionOutcome> {
  return submit(request, { kind: 'turnout', slotId: request.slotId }, (head, section, stored) => {
    if (!head.turnoutSlots.some((s) => s.id === request.slotId)) {
      throw new ValidationError(`election "${head.id}" has no turnout slot "${request.slotId}"`, [
        {
          path: ['slotId'],
          message: `unknown slot; known: ${head.turnoutSlots.map((s) => s.id).join(', ')}`,
        },
      ]);
    }
    const body = parseOrThrow(TurnoutReadingSchema, request.body, 'turnout reading');
    const results = stored.find((s) => s.kind === 'results');
    const countVoters = (results?.body as { voters?: number } | undefined)?.voters;
    const checks = checkTurnout(
      head.turnoutSlots,
      request.slotId,
      body,
      readingsBySlot(stored),
      section,
      countVoters,
    );
    return { body, checks };
  });
}
