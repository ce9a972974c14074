import { api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/error-response.js';

/** Who a token belongs to: the officer app signs in with a token alone and learns its section here. */
export const handler = api({ access: 'signed-in' }, async (event) => {
  const { credential: _auditName, ...caller } = event.caller ?? { credential: '' };
  return jsonResponse(200, caller);
});
