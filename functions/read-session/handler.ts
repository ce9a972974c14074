import { api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/error-response.js';

/** Who a token belongs to: the officer app signs in with a token alone and learns its section here. */
export const handler = api({ access: 'signed-in' }, async (event) => jsonResponse(200, event.caller));
