/**
 * A job that issues or revokes officer codes for more sections than one request can (Italy's
 * 61,550): what it was asked, how far it got, and the rules of its life. Pure: no I/O.
 *
 * The codes themselves are never here: an issuing job writes each part's codes to the private
 * code-sheet bucket, and only the part's key is recorded.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as z from 'zod';
import type { Actor } from './actor.js';
import { canonicalJson } from './canonical.js';
import { IdSchema } from './ids.js';

export const OfficerTokenJobRequestSchema = z
  .object({
    operation: z.enum(['issue', 'revoke']),
    sections: z.union([z.literal('all'), z.array(IdSchema).min(1).max(100_000)]),
  })
  .strict();

export type OfficerTokenJobRequest = z.infer<typeof OfficerTokenJobRequestSchema>;

/** Sections per part: one transaction round and one object of codes (about 150 KB) each. */
export const PART_SECTIONS = 2_500;
/** A worker holds the job this long without news before another may take it over (Lambda's retry). */
export const LEASE_MS = 60_000;
/** How long an issuing job's sheet can be downloaded once done; the bucket forgets it within a day. */
export const SHEET_LIFE_MS = 60 * 60 * 1000;
/** How long the job's record stays (DynamoDB's TTL), for its progress and its trail. */
export const JOB_RECORD_LIFE_MS = 2 * 24 * 60 * 60 * 1000;
/** A job still queued after this long was never picked up: starting it again sends it again. */
export const QUEUED_STALL_MS = 30_000;
/** How many failed sections a job names (the rest are counted). */
export const FAILURES_KEPT = 100;

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface OfficerTokenJob {
  electionId: string;
  jobId: string;
  operation: OfficerTokenJobRequest['operation'];
  sections: OfficerTokenJobRequest['sections'];
  /** Of the request, to tell a retry (same body) from a reuse of its key (another body). */
  requestHash: string;
  createdBy: Actor;
  createdAt: string;
  updatedAt: string;
  status: JobStatus;
  /** Sections in all, once the worker has read them. */
  total?: number;
  /** Sections gone through, codes issued or revoked (a section without a code needs no revocation). */
  processed: number;
  changed: number;
  failed: number;
  failures: { sectionId: string; code: string; message: string }[];
  /** The private bucket's key of each part done, in order (issuing jobs). */
  parts: string[];
  /** How many parts are done (of either operation): where a worker taking over resumes. */
  partsDone?: number;
  /** The worker holding the job, and until when. */
  owner?: string;
  leaseUntil?: number;
  finishedAt?: string;
  sheetExpiresAt?: string;
  error?: string;
}

export const requestHashOf = (request: OfficerTokenJobRequest) =>
  createHash('sha256').update(canonicalJson(request)).digest('hex');

/**
 * The job's id: from the caller's Idempotency-Key when given, so that sending the same request
 * again (a timeout, a double click) finds the same job; otherwise new. Derived with the caller's
 * credential, so that two people's keys never meet.
 */
export function jobIdOf(credential: string, idempotencyKey: string | undefined): string {
  if (idempotencyKey === undefined) return randomBytes(16).toString('hex');
  return createHash('sha256').update(`${credential}\n${idempotencyKey}`).digest('hex').slice(0, 32);
}

/** Section numbers in their natural order (2 before 10), so that the parts of the sheet follow it. */
export const inSectionOrder = (ids: readonly string[]) =>
  [...ids].sort((a, b) => a.localeCompare(b, 'it', { numeric: true }));

/** The sections of each part, in order. */
export function partsOf(sectionIds: readonly string[], size = PART_SECTIONS): string[][] {
  const parts: string[][] = [];
  for (let start = 0; start < sectionIds.length; start += size)
    parts.push(sectionIds.slice(start, start + size));
  return parts;
}

/** Whether nothing is moving the job on: never picked up, or its worker's lease ran out. */
export function isStalled(job: OfficerTokenJob, now: number): boolean {
  if (job.status === 'queued') return now - Date.parse(job.createdAt) > QUEUED_STALL_MS;
  if (job.status === 'running') return (job.leaseUntil ?? 0) < now;
  return false;
}

/** The job as staff see it: progress, failures, where the sheet is; never a code. */
export function jobView(job: OfficerTokenJob, now: number) {
  const base = `/v1/admin/elections/${job.electionId}/officer-token-jobs/${job.jobId}`;
  const sheetReady =
    job.operation === 'issue' &&
    job.status === 'done' &&
    job.sheetExpiresAt !== undefined &&
    Date.parse(job.sheetExpiresAt) > now;
  return {
    jobId: job.jobId,
    electionId: job.electionId,
    operation: job.operation,
    status: job.status,
    stalled: isStalled(job, now),
    total: job.total ?? null,
    processed: job.processed,
    changed: job.changed,
    failed: job.failed,
    failures: job.failures,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    finishedAt: job.finishedAt ?? null,
    ...(job.error ? { error: job.error } : {}),
    location: base,
    sheet:
      job.operation === 'issue'
        ? {
            parts: job.parts.length,
            ready: sheetReady,
            expiresAt: job.sheetExpiresAt ?? null,
            path: `${base}/sheet`,
          }
        : null,
  };
}
