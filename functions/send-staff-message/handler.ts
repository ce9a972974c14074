import { actorOf, api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { sendStaffMessage } from '../../shared/use-cases/staff-messages.js';

export const handler = api({ access: { staff: 'clerk' }, body: true }, async (event) =>
  jsonResponse(201, await sendStaffMessage(event.ids.electionId ?? '', event.json, actorOf(event))),
);
