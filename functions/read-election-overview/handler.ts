import { api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/error-response.js';
import { electionOverview } from '../../shared/use-cases/election-overview.js';

export const handler = api({ access: 'staff' }, async (event) =>
  jsonResponse(200, await electionOverview(event.ids.electionId ?? '')),
);
