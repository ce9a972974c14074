import { api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { officerMessages } from '../../shared/use-cases/staff-messages.js';

export const handler = api({ access: 'section-officer' }, async (event) =>
  jsonResponse(200, await officerMessages(event.ids.electionId ?? '', event.ids.sectionId ?? '')),
);
