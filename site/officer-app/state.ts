/**
 * What the officer app holds (the language, the section as last read, whether it is a stale
 * copy, whether the outbox is sending, which forms hold typed values) and the pure rules of how
 * it changes. No DOM, no storage: app.ts creates it and the other modules read and change it.
 */
import type { CurrentItem } from '../../shared/domain/section-checks.js';
import type { SubmissionStatus } from '../../shared/domain/status.js';
import type { AppLanguage } from './messages.js';
import type { BroadcastView, SectionData } from './officer-api.js';
import type { Outbox, OutboxItem, OutboxTarget } from './outbox.js';

export interface AppState {
  language: AppLanguage;
  /** The section signed in, as the server last said (or the phone's copy); none when signed out. */
  data: SectionData | undefined;
  /** The server could not be read: `data` is the last copy saved on the phone. */
  staleData: boolean;
  /** The outbox is sending now. */
  sending: boolean;
  /** Forms with typed values not yet sent: a re-render keeps them. */
  dirty: Set<string>;
  /** The municipality's latest messages, as last read (those not acknowledged are shown). */
  broadcasts: BroadcastView[];
}

/** The state and the outbox, what every part of the app works on. */
export interface App {
  state: AppState;
  outbox: Outbox;
}

export const createAppState = (language: AppLanguage): AppState => ({
  language,
  data: undefined,
  staleData: false,
  sending: false,
  dirty: new Set(),
  broadcasts: [],
});

export const otherLanguage = (language: AppLanguage): AppLanguage => (language === 'it' ? 'en' : 'it');

/** A code from a printed sheet's link (`#token=...`), if the address's fragment carries one. */
export const tokenInFragment = (hash: string): string | undefined =>
  new URLSearchParams(hash.slice(1)).get('token') || undefined;

/** The section's current items, as the checks of the server see them. */
export function currentItems(section: SectionData): CurrentItem[] {
  const turnout = Object.entries(section.turnout).map(([slotId, item]) => ({
    kind: 'turnout' as const,
    slotId,
    body: { voters: item.voters, votersMale: item.votersMale, votersFemale: item.votersFemale },
    status: item.status as SubmissionStatus,
    checks: [],
  }));
  const status = section.status as SubmissionStatus;
  const results = section.results
    ? [{ kind: 'results' as const, body: section.results, status, checks: [] }]
    : [];
  return [...turnout, ...results];
}

/**
 * The version a new submission corrects: the later of what the server stores and what it last
 * answered this phone for the same target.
 */
export function basedOnVersion(data: SectionData, target: OutboxTarget, latestAnswered: number): number {
  const stored = target.kind === 'results' ? data.version : (data.turnout[target.slotId]?.version ?? 0);
  return Math.max(stored, latestAnswered);
}

/** Reloading what the server stores: the typed count and turnout readings give way to it. */
export function forgetTypedForms(dirty: Set<string>): void {
  dirty.delete('results');
  for (const key of [...dirty]) if (key.startsWith('turnout:')) dirty.delete(key);
}

/** The items a send has moved on (answered, stale, refused) since `before` (id to state name). */
export const changedSince = (before: ReadonlyMap<string, string>, items: readonly OutboxItem[]) =>
  items.filter((i) => i.state.name !== 'saved' && before.get(i.id) !== i.state.name);
