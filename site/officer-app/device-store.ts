/**
 * What the officer app keeps on the phone (localStorage): the section codes signed in, the
 * outbox, the last copy of the section and the language. A store that cannot be read is set
 * aside under another key rather than lost or allowed to stop the app.
 */
import type { AppLanguage } from './messages.js';
import type { SectionData } from './officer-api.js';
import type { OutboxItem } from './outbox.js';

const KEYS = {
  tokens: 'officer.tokens',
  current: 'officer.current',
  outbox: 'officer.outbox',
  section: 'officer.section',
  language: 'officer.language',
} as const;

function read<T>(key: string, fallback: T): T {
  const text = localStorage.getItem(key);
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    localStorage.setItem(`${key}.unreadable.${Date.now()}`, text);
    localStorage.removeItem(key);
    return fallback;
  }
}
const write = (key: string, value: unknown) => localStorage.setItem(key, JSON.stringify(value));

const sectionKey = (electionId: string, sectionId: string) => `${electionId}/${sectionId}`;

export const deviceStore = {
  /** Each section's code, so what waits for a section goes out with that section's code. */
  tokenFor: (electionId: string, sectionId: string): string =>
    read<Record<string, string>>(KEYS.tokens, {})[sectionKey(electionId, sectionId)] ?? '',
  saveToken(electionId: string, sectionId: string, token: string) {
    write(KEYS.tokens, {
      ...read<Record<string, string>>(KEYS.tokens, {}),
      [sectionKey(electionId, sectionId)]: token,
    });
    write(KEYS.current, { electionId, sectionId });
  },
  /** The section signed in last, if any. */
  current: () => read<{ electionId: string; sectionId: string } | null>(KEYS.current, null),
  outbox: () => read<OutboxItem[]>(KEYS.outbox, []),
  saveOutbox: (items: OutboxItem[]) => write(KEYS.outbox, items),
  section: () => read<SectionData | null>(KEYS.section, null),
  saveSection: (data: SectionData) => write(KEYS.section, data),
  language: (): AppLanguage => (localStorage.getItem(KEYS.language) === 'en' ? 'en' : 'it'),
  saveLanguage: (language: AppLanguage) => localStorage.setItem(KEYS.language, language),
  /** Signing out forgets every code and copy; the caller has checked nothing still waits. */
  forgetAll() {
    for (const key of [KEYS.tokens, KEYS.current, KEYS.outbox, KEYS.section]) localStorage.removeItem(key);
  },
};
