import { api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { acknowledgeMessage } from '../../shared/use-cases/staff-messages.js';

export const handler = api({ access: 'section-officer' }, async (event) => {
  const { electionId = '', sectionId = '', messageId = '' } = event.ids;
  return jsonResponse(200, await acknowledgeMessage(electionId, sectionId, messageId));
});
