/**
 * Every word the results page shows, in Italian (the default, messages-it.ts) and English
 * (messages-en.ts); their number and date formats are in formats.ts. Used by the publisher's
 * pre-rendering and by the page's script.
 */
import type { Language, Messages } from './message-types.js';
import { en } from './messages-en.js';
import { it } from './messages-it.js';

export { LANGUAGES, type Language, type Messages } from './message-types.js';

export const MESSAGES: Record<Language, Messages> = { it, en };
