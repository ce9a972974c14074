/**
 * Every word of the officer app, in Italian (the default, messages-it.ts) and English
 * (messages-en.ts), of the shape in message-types.ts.
 */
import type { AppLanguage, AppMessages } from './message-types.js';
import { en } from './messages-en.js';
import { it } from './messages-it.js';

export type { AppLanguage, AppMessages } from './message-types.js';

export const APP_MESSAGES: Record<AppLanguage, AppMessages> = { it, en };
