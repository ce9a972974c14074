import { actorOf, api, MAX_DEFINITION_BYTES } from '../../shared/http/api.js';
import { deadlineOf } from '../../shared/http/deadline.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { defineElection } from '../../shared/use-cases/define-election.js';

/**
 * A definition's body: JSON, gzipped or not, of at most MAX_DEFINITION_BYTES once inflated; a 413
 * says where a larger one goes (docs/interface.md, Defining an election).
 */
export const DEFINITION_BODY = {
  maxBytes: MAX_DEFINITION_BYTES,
  gzip: true,
  tooLargeHint:
    'define a larger election from a terminal with "npm run admin -- define <definition.json>", which has no size limit',
};

export const handler = api({ access: { staff: 'admin' }, body: DEFINITION_BODY }, async (event, context) =>
  jsonResponse(
    200,
    await defineElection(event.ids.electionId ?? '', event.json, actorOf(event), {
      deadline: deadlineOf(context),
    }),
  ),
);
