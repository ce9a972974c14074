import { actorOf, api } from '../../shared/http/api.js';
import { headerOf } from '../../shared/http/headers.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { startOfficerTokenJob } from '../../shared/use-cases/start-officer-token-job.js';

/** 202 Accepted: the job's progress is at its Location. */
export const handler = api({ access: { staff: 'clerk' }, body: true }, async (event) => {
  const job = await startOfficerTokenJob(
    event.ids.electionId ?? '',
    event.json,
    actorOf(event),
    headerOf(event, 'idempotency-key'),
  );
  return jsonResponse(202, job, { location: job.location, 'retry-after': '2' });
});
