import { api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';

/**
 * Who a token belongs to: the officer app learns its section here, the staff page its role and
 * scope. Never the token's names or hashes.
 */
export const handler = api({ access: 'signed-in' }, async (event) => {
  const caller = event.caller;
  if (caller?.role === 'officer')
    return jsonResponse(200, { role: 'officer', electionId: caller.electionId, sectionId: caller.sectionId });
  return jsonResponse(200, {
    role: 'staff',
    staffRole: caller?.role === 'staff' ? caller.staffRole : undefined,
    elections: caller?.role === 'staff' ? caller.elections : undefined,
    ...(caller?.role === 'staff' && caller.account
      ? {
          username: caller.account.username,
          expiresAt: new Date(caller.account.expiresAt * 1000).toISOString(),
        }
      : {}),
  });
});
