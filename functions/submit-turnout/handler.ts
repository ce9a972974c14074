import { api } from '../../shared/http/api.js';
import { sectionSubmissionAnswer, sectionSubmissionOf } from '../../shared/http/section-submission.js';
import { submitTurnout } from '../../shared/use-cases/submit-section-data.js';

export const handler = api({ access: 'section-officer', body: true }, async (event) =>
  sectionSubmissionAnswer(
    await submitTurnout({ ...sectionSubmissionOf(event), slotId: event.ids.slotId ?? '' }),
  ),
);
