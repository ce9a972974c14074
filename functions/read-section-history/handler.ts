import { api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { readSectionHistory } from '../../shared/use-cases/read-section-history.js';

export const handler = api({ access: { staff: 'viewer', orOwnSection: true } }, async (event) =>
  jsonResponse(
    200,
    await readSectionHistory(
      event.ids.electionId ?? '',
      event.ids.sectionId ?? '',
      event.queryStringParameters,
    ),
  ),
);
