import { api } from '../../shared/http/api.js';
import { sectionSubmissionAnswer, sectionSubmissionOf } from '../../shared/http/section-submission.js';
import { submitResults } from '../../shared/use-cases/submit-section-data.js';

export const handler = api({ access: 'section-officer', body: true }, async (event) =>
  sectionSubmissionAnswer(await submitResults(sectionSubmissionOf(event))),
);
