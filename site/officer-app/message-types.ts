/** What the officer app says in each of its languages: the Italian dictionary's shape, which English fills too. */
import type { it } from './messages-it.js';

export type AppLanguage = 'it' | 'en';

export type AppMessages = typeof it;
