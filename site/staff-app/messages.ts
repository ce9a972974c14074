/**
 * Every word of the staff page and of the printable sheet of officer codes, in Italian (the
 * default, messages-it.ts) and English (messages-en.ts), each filling message-types.ts.
 */
import type { StaffLanguage, StaffMessages } from './message-types.js';
import { en } from './messages-en.js';
import { it } from './messages-it.js';

export { STAFF_LANGUAGES, type StaffLanguage, type StaffMessages } from './message-types.js';

export const STAFF_MESSAGES: Record<StaffLanguage, StaffMessages> = { it, en };

export const otherLanguage = (language: StaffLanguage): StaffLanguage => (language === 'it' ? 'en' : 'it');
