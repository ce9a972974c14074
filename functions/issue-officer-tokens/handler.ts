import { actorOf, api } from '../../shared/http/api.js';
import { deadlineOf } from '../../shared/http/deadline.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { issueOfficerTokens, SECTIONS_PER_REQUEST } from '../../shared/use-cases/issue-officer-tokens.js';

export const handler = api({ access: { staff: 'clerk' }, body: true }, async (event, context) =>
  jsonResponse(
    200,
    await issueOfficerTokens(event.ids.electionId ?? '', event.json, actorOf(event), {
      maxSections: SECTIONS_PER_REQUEST,
      deadline: deadlineOf(context),
    }),
  ),
);
