import { api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { listSectionStates } from '../../shared/use-cases/list-section-states.js';

export const handler = api({ access: { staff: 'viewer' } }, async (event) =>
  jsonResponse(200, await listSectionStates(event.ids.electionId ?? '')),
);
