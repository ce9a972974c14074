import { api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';

/** Who a token belongs to: the officer app signs in with a token alone and learns its section here. */
export const handler = api({ access: 'signed-in' }, async (event) => {
  // What the app needs to know: the role and, for officers, the section; not the token's names.
  const {
    credential: _auditName,
    tokenHash: _hash,
    ...caller
  } = event.caller ?? { credential: '', tokenHash: '' };
  return jsonResponse(200, caller);
});
