import { actorOf, api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { certifyElection } from '../../shared/use-cases/certify-election.js';

export const handler = api({ access: { staff: 'supervisor' } }, async (event) => {
  const outcome = await certifyElection(event.ids.electionId ?? '', actorOf(event));
  return jsonResponse(outcome.status, outcome.body);
});
