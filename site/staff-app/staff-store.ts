/**
 * What the staff page keeps in the browser: the staff token and the election's id for this tab
 * only (sessionStorage: the token can do everything), and the language chosen (localStorage).
 */
import type { StaffLanguage } from './messages.js';

const KEYS = { token: 'staff.token', election: 'staff.election', language: 'staff.language' } as const;

export const staffStore = {
  token: () => sessionStorage.getItem(KEYS.token) ?? '',
  hasToken: () => Boolean(sessionStorage.getItem(KEYS.token)),
  election: () => sessionStorage.getItem(KEYS.election) ?? '',
  signIn(token: string, electionId: string) {
    sessionStorage.setItem(KEYS.token, token);
    sessionStorage.setItem(KEYS.election, electionId);
  },
  forgetToken: () => sessionStorage.removeItem(KEYS.token),
  language: (): StaffLanguage => (localStorage.getItem(KEYS.language) === 'en' ? 'en' : 'it'),
  saveLanguage: (language: StaffLanguage) => localStorage.setItem(KEYS.language, language),
};
