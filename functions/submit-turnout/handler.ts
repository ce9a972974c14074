import { WRITE_LIMIT } from '../../shared/domain/write-limit.js';
import { actorOf, api, ifMatchVersion } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { submitTurnout } from '../../shared/use-cases/submit-section-data.js';

export const handler = api({ access: 'section-officer', body: true }, async (event) => {
  const { electionId = '', sectionId = '', slotId = '' } = event.ids;
  const ifMatch = ifMatchVersion(event);
  const outcome = await submitTurnout({
    electionId,
    sectionId,
    slotId,
    body: event.json,
    actor: actorOf(event),
    signedInWith: event.caller?.tokenHash,
    writeLimit: WRITE_LIMIT,
    ...(ifMatch !== undefined ? { ifMatch } : {}),
  });
  return jsonResponse(200, outcome, { etag: `"${outcome.version}"` });
});
