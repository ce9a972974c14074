/** The button that shows the staff page in the other language, named in that language. Pure. */
import { otherLanguage, STAFF_MESSAGES, type StaffLanguage } from './messages.js';

export const languageButton = (language: StaffLanguage) =>
  `<button type="button" id="language" data-action="language" lang="${otherLanguage(language)}" class="secondary">${STAFF_MESSAGES[language].otherLanguage}</button>`;
