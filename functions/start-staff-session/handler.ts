import { api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { clientOf } from '../../shared/http/sign-in-throttle.js';
import { signIn } from '../../shared/use-cases/staff-sessions.js';

export const handler = api({ access: 'public', body: true }, async (event) =>
  jsonResponse(200, await signIn(event.json, clientOf(event))),
);
