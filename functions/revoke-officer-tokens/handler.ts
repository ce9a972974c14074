import { actorOf, api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { revokeOfficerTokens } from '../../shared/use-cases/revoke-officer-tokens.js';

export const handler = api({ access: 'staff', body: true }, async (event) =>
  jsonResponse(200, await revokeOfficerTokens(event.ids.electionId ?? '', event.json, actorOf(event))),
);
