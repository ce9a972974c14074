import { api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/error-response.js';
import { sectionHistory } from '../../shared/use-cases/section-history.js';

export const handler = api({ access: 'section-reader' }, async (event) =>
  jsonResponse(200, await sectionHistory(event.ids.electionId ?? '', event.ids.sectionId ?? '')),
);
