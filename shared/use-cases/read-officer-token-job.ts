/** A bulk code job's progress, and (an issuing job's, once done) its codes, part by part. */
import { getOfficerTokenJob } from '../db/officer-token-jobs.js';
import { jobView, type OfficerTokenJob } from '../domain/officer-token-job.js';
import { JobNotFoundError, SheetExpiredError, SheetNotReadyError, ValidationError } from '../errors.js';
import { getSheetPart } from '../storage/code-sheets.js';

async function jobOf(electionId: string, jobId: string): Promise<OfficerTokenJob> {
  const job = await getOfficerTokenJob(electionId, jobId);
  if (!job) throw new JobNotFoundError(`election "${electionId}" has no job "${jobId}"`);
  return job;
}

export async function readOfficerTokenJob(electionId: string, jobId: string) {
  return jobView(await jobOf(electionId, jobId), Date.now());
}

/** One part of the sheet: `{ jobId, part, parts, tokens }`, the codes of up to 2,500 sections. */
export async function readOfficerTokenSheet(
  electionId: string,
  jobId: string,
  partParameter: string | undefined,
) {
  const job = await jobOf(electionId, jobId);
  if (job.operation !== 'issue' || job.status !== 'done')
    throw new SheetNotReadyError(
      job.operation === 'issue'
        ? `job "${jobId}" is ${job.status}: its sheet is ready once it is done`
        : `job "${jobId}" revokes codes: it has no sheet`,
    );
  if (job.sheetExpiresAt === undefined || Date.parse(job.sheetExpiresAt) <= Date.now())
    throw new SheetExpiredError(`the sheet of job "${jobId}" has expired: issue the codes again`);
  const part = Number(partParameter ?? '0');
  const key = Number.isInteger(part) && part >= 0 ? job.parts[part] : undefined;
  if (key === undefined)
    throw new ValidationError(`"part" must be a whole number from 0 to ${job.parts.length - 1}`, [
      { path: ['part'], message: String(partParameter) },
    ]);
  const stored = JSON.parse(await getSheetPart(key)) as { tokens: Record<string, string> };
  return { jobId, part, parts: job.parts.length, tokens: stored.tokens };
}
