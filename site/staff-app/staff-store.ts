/**
 * What the staff page keeps in the browser: the session's token, who it belongs to and the
 * election's id for this tab only (sessionStorage: the token can do what its role may), and the
 * language chosen (localStorage). A new account's secrets are never kept here.
 */
import type { StaffLanguage } from './messages.js';
import type { StaffSession } from './state.js';

const KEYS = {
  token: 'staff.token',
  session: 'staff.session',
  election: 'staff.election',
  language: 'staff.language',
} as const;

function storedSession(): StaffSession | undefined {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEYS.session) ?? 'null') as StaffSession | null;
    return session ?? undefined;
  } catch {
    return undefined;
  }
}

export const staffStore = {
  token: () => sessionStorage.getItem(KEYS.token) ?? '',
  hasToken: () => Boolean(sessionStorage.getItem(KEYS.token)),
  session: storedSession,
  election: () => sessionStorage.getItem(KEYS.election) ?? '',
  saveElection: (electionId: string) => sessionStorage.setItem(KEYS.election, electionId),
  signIn(token: string, session?: StaffSession) {
    sessionStorage.setItem(KEYS.token, token);
    if (session) sessionStorage.setItem(KEYS.session, JSON.stringify(session));
    else sessionStorage.removeItem(KEYS.session);
  },
  saveSession: (session: StaffSession) => sessionStorage.setItem(KEYS.session, JSON.stringify(session)),
  forgetToken() {
    sessionStorage.removeItem(KEYS.token);
    sessionStorage.removeItem(KEYS.session);
  },
  language: (): StaffLanguage => (localStorage.getItem(KEYS.language) === 'en' ? 'en' : 'it'),
  saveLanguage: (language: StaffLanguage) => localStorage.setItem(KEYS.language, language),
};
