import { api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { readSection } from '../../shared/use-cases/read-section.js';

export const handler = api({ access: { staff: 'viewer', orOwnSection: true } }, async (event) => {
  const section = await readSection(event.ids.electionId ?? '', event.ids.sectionId ?? '');
  return jsonResponse(200, section, { etag: `"${section.version}"` });
});
