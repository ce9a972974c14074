import { api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { readOfficerTokenSheet } from '../../shared/use-cases/read-officer-token-job.js';

export const handler = api({ access: { staff: 'clerk' } }, async (event) =>
  jsonResponse(
    200,
    await readOfficerTokenSheet(
      event.ids.electionId ?? '',
      event.ids.jobId ?? '',
      event.queryStringParameters?.part,
    ),
  ),
);
