import { api, sessionOf } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { changePassword } from '../../shared/use-cases/staff-sessions.js';

export const handler = api({ access: 'password-change', body: true }, async (event) =>
  jsonResponse(200, await changePassword(sessionOf(event), event.json)),
);
