/**
 * The worker of a bulk code job, invoked asynchronously: it takes the job (a lease, so that a
 * duplicate or retried invocation waits its turn), then issues or revokes the codes part by
 * part, 2,500 sections at a time, writing each issuing part's codes to the private bucket before
 * recording the part as done. A worker that took over from one that died resumes at the first
 * part not recorded, under its own keys: a part is recorded by its holder only, so the sheet
 * names only codes that were issued last and stand.
 *
 * It never throws: a failure ends the job as failed, with what it says (Lambda would retry a
 * thrown error, which a failed job's staff do better by starting it again).
 */
import { randomUUID } from 'node:crypto';
import {
  claimOfficerTokenJob,
  finishOfficerTokenJob,
  getOfficerTokenJob,
  recordOfficerTokenJobPart,
} from '../db/officer-token-jobs.js';
import { inSectionOrder, type OfficerTokenJob, partsOf } from '../domain/officer-token-job.js';
import { AppError } from '../errors.js';
import { logger } from '../logger.js';
import { putSheetPart, sheetPartKey } from '../storage/code-sheets.js';
import { issueCodes, revokeCodes } from './bulk-credentials.js';
import { assertOpen, loadElection } from './election-context.js';
import { sectionsOf } from './issue-officer-tokens.js';
import type { OfficerTokenJobEvent } from './start-officer-token-job.js';

/** One part: its codes issued (and kept) or revoked; answers what the job records of it. */
async function runPart(job: OfficerTokenJob, owner: string, part: number, sectionIds: string[]) {
  const { electionId, jobId, createdBy } = job;
  if (job.operation === 'revoke') {
    let changed = 0;
    const failures = await revokeCodes(electionId, sectionIds, createdBy, () => void changed++);
    return { changed, failures };
  }
  const tokens: Record<string, string> = {};
  const failures = await issueCodes(electionId, sectionIds, createdBy, (sectionId, token) => {
    tokens[sectionId] = token;
  });
  const key = sheetPartKey(electionId, jobId, part, owner);
  await putSheetPart(key, JSON.stringify({ part, tokens }));
  return { changed: Object.keys(tokens).length, failures, key };
}

async function run(job: OfficerTokenJob, owner: string): Promise<void> {
  const election = await loadElection(job.electionId);
  if (job.operation === 'issue') assertOpen(election);
  const parts = partsOf(inSectionOrder(await sectionsOf(job.electionId, job.sections)));
  const total = parts.reduce((sum, p) => sum + p.length, 0);
  for (let part = job.partsDone ?? 0; part < parts.length; part++) {
    const sectionIds = parts[part] ?? [];
    const outcome = await runPart(job, owner, part, sectionIds);
    const recorded = await recordOfficerTokenJobPart(
      job,
      owner,
      { part, total, processed: sectionIds.length, ...outcome },
      Date.now(),
    );
    // Another worker holds the job now (this one was too slow): it carries on, this one stops.
    if (!recorded) return logger.warn('lost the job to another worker', { jobId: job.jobId, part });
    job.failures = [...job.failures, ...outcome.failures];
  }
  await finishOfficerTokenJob(job, owner, { status: 'done' }, Date.now());
}

export async function runOfficerTokenJob({ electionId, jobId }: OfficerTokenJobEvent): Promise<void> {
  const owner = randomUUID();
  const job = await getOfficerTokenJob(electionId, jobId);
  if (!job || !(await claimOfficerTokenJob(job, owner, Date.now()))) return;
  try {
    await run(job, owner);
  } catch (error) {
    logger.error('the job failed', { jobId, error: error as Error });
    // What went wrong, for staff and the operator (a code is never in an error).
    const { name, message } = error as Error;
    const said = error instanceof AppError ? `${error.code}: ${error.message}` : `${name}: ${message}`;
    await finishOfficerTokenJob(
      job,
      owner,
      { status: 'failed', error: said.slice(0, 500) },
      Date.now(),
    ).catch(() => false);
  }
}
