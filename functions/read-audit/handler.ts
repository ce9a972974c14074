import { api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { readAudit } from '../../shared/use-cases/read-audit.js';

export const handler = api({ access: { staff: 'viewer' } }, async (event) =>
  jsonResponse(200, await readAudit(event.ids.electionId ?? '', event.queryStringParameters)),
);
