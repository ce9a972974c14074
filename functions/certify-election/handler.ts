import { actorOf, api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { certifyElection } from '../../shared/use-cases/certify-election.js';

export const handler = api({ access: 'staff' }, async (event) =>
  jsonResponse(200, await certifyElection(event.ids.electionId ?? '', actorOf(event))),
);
