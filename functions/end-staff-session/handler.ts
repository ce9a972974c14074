import { api, sessionOf } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { signOut } from '../../shared/use-cases/staff-sessions.js';

export const handler = api({ access: 'own-session' }, async (event) =>
  jsonResponse(200, await signOut(sessionOf(event))),
);
