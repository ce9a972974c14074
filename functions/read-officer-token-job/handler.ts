import { api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { readOfficerTokenJob } from '../../shared/use-cases/read-officer-token-job.js';

export const handler = api({ access: { staff: 'clerk' } }, async (event) =>
  jsonResponse(200, await readOfficerTokenJob(event.ids.electionId ?? '', event.ids.jobId ?? '')),
);
