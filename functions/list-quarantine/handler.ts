import { listQuarantine } from '../../shared/db/quarantine.js';
import { api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';

export const handler = api({ access: { staff: 'viewer' } }, async () =>
  jsonResponse(200, { records: await listQuarantine() }),
);
