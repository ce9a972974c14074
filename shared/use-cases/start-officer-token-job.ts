/**
 * Starts a job that issues or revokes the codes of more sections than one request takes: the
 * job's record first (once per Idempotency-Key), then its worker, asynchronously. Sending the
 * same request again with the same key answers the same job, and sends its worker again if
 * nothing is moving it on (never picked up, or its worker gone): the worker's lease makes a
 * second worker harmless.
 */

import { startWorker } from '../aws/start-worker.js';
import { config } from '../config.js';
import { createOfficerTokenJob, getOfficerTokenJob } from '../db/officer-token-jobs.js';
import type { Actor } from '../domain/actor.js';
import {
  isStalled,
  jobIdOf,
  jobView,
  type OfficerTokenJob,
  OfficerTokenJobRequestSchema,
  requestHashOf,
} from '../domain/officer-token-job.js';
import { IdempotencyKeyReusedError, ValidationError } from '../errors.js';
import { assertOpen, loadElection } from './election-context.js';
import { sectionsOf } from './issue-officer-tokens.js';
import { parseOrThrow } from './validation.js';

/** What the worker is invoked with: the job's key, nothing secret. */
export interface OfficerTokenJobEvent {
  electionId: string;
  jobId: string;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._~:+/=-]{8,128}$/;

export async function startOfficerTokenJob(
  electionId: string,
  body: unknown,
  by: Actor,
  idempotencyKey: string | undefined,
) {
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey))
    throw new ValidationError('Idempotency-Key must be 8 to 128 characters of A-Z, a-z, 0-9 and ._~:+/=-', [
      { path: ['Idempotency-Key'], message: idempotencyKey.slice(0, 128) },
    ]);
  const request = parseOrThrow(OfficerTokenJobRequestSchema, body, 'job');
  const election = await loadElection(electionId);
  if (request.operation === 'issue') assertOpen(election);
  // A list is checked now, so that a typo is refused at once, not found by the worker.
  if (request.sections !== 'all') await sectionsOf(electionId, request.sections);
  const now = Date.now();
  const at = new Date(now).toISOString();
  const job: OfficerTokenJob = {
    electionId,
    jobId: jobIdOf(by.credential, idempotencyKey),
    operation: request.operation,
    sections: request.sections,
    requestHash: requestHashOf(request),
    createdBy: by,
    createdAt: at,
    updatedAt: at,
    status: 'queued',
    processed: 0,
    changed: 0,
    failed: 0,
    failures: [],
    parts: [],
  };
  const workerName = config().OFFICER_TOKEN_JOB_FUNCTION;
  if (!workerName) throw new Error('OFFICER_TOKEN_JOB_FUNCTION is not set for this function');
  const event: OfficerTokenJobEvent = { electionId, jobId: job.jobId };
  if (await createOfficerTokenJob(job)) {
    await startWorker(workerName, event);
    return jobView(job, now);
  }
  const existing = await getOfficerTokenJob(electionId, job.jobId);
  if (!existing) throw new Error(`job ${job.jobId} was there and then was not`);
  if (existing.requestHash !== job.requestHash)
    throw new IdempotencyKeyReusedError(
      'this Idempotency-Key started a job with another request: use a new key for a new job',
    );
  if (isStalled(existing, now)) await startWorker(workerName, event);
  return jobView(existing, now);
}
