import { actorOf, api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { issueOfficerTokens } from '../../shared/use-cases/issue-officer-tokens.js';

export const handler = api({ access: 'staff', body: true }, async (event) =>
  jsonResponse(200, await issueOfficerTokens(event.ids.electionId ?? '', event.json, actorOf(event))),
);
