import { actorOf, api, MAX_DEFINITION_BYTES } from '../../shared/http/api.js';
import { deadlineOf } from '../../shared/http/deadline.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { defineElection } from '../../shared/use-cases/define-election.js';

export const handler = api(
  { access: { staff: 'admin' }, body: { maxBytes: MAX_DEFINITION_BYTES, gzip: true } },
  async (event, context) =>
    jsonResponse(
      200,
      await defineElection(event.ids.electionId ?? '', event.json, actorOf(event), {
        deadline: deadlineOf(context),
      }),
    ),
);
