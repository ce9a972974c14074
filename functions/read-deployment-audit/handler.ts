import { api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { readDeploymentAudit } from '../../shared/use-cases/read-audit.js';

export const handler = api({ access: { staff: 'admin' } }, async (event) =>
  jsonResponse(200, await readDeploymentAudit(event.queryStringParameters)),
);
