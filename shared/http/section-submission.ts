/**
 * An officer's write to a section through the API (its count, a turnout reading): the request the
 * use case takes, from the path, the body, the caller, the credential's write limit and If-Match;
 * and the answer, the outcome with its version as the ETag.
 */
import { WRITE_LIMIT } from '../domain/write-limit.js';
import type { SubmissionOutcome, SubmitRequest } from '../use-cases/submit-section-data.js';
import { type ApiEvent, actorOf, ifMatchVersion } from './api.js';
import { jsonResponse } from './json-response.js';

export function sectionSubmissionOf(event: ApiEvent): SubmitRequest {
  const { electionId = '', sectionId = '' } = event.ids;
  const ifMatch = ifMatchVersion(event);
  return {
    electionId,
    sectionId,
    body: event.json,
    actor: actorOf(event),
    signedInWith: event.caller?.tokenHash,
    writeLimit: WRITE_LIMIT,
    ...(ifMatch !== undefined ? { ifMatch } : {}),
  };
}

export const sectionSubmissionAnswer = (outcome: SubmissionOutcome) =>
  jsonResponse(200, outcome, { etag: `"${outcome.version}"` });
