import { actorOf, api } from '../../shared/http/api.js';
import { deadlineOf } from '../../shared/http/deadline.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { SECTIONS_PER_REQUEST } from '../../shared/use-cases/issue-officer-tokens.js';
import { revokeOfficerTokens } from '../../shared/use-cases/revoke-officer-tokens.js';

export const handler = api({ access: { staff: 'clerk' }, body: true }, async (event, context) =>
  jsonResponse(
    200,
    await revokeOfficerTokens(event.ids.electionId ?? '', event.json, actorOf(event), {
      maxSections: SECTIONS_PER_REQUEST,
      deadline: deadlineOf(context),
    }),
  ),
);
