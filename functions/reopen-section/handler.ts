import { WRITE_LIMIT } from '../../shared/domain/write-limit.js';
import { actorOf, api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { reviewSection } from '../../shared/use-cases/review-section.js';

export const handler = api({ access: { staff: 'clerk' }, body: true }, async (event) =>
  jsonResponse(
    200,
    await reviewSection(
      'reopen',
      event.ids.electionId ?? '',
      event.ids.sectionId ?? '',
      event.json,
      actorOf(event),
      { writeLimit: WRITE_LIMIT },
    ),
  ),
);
