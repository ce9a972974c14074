/**
 * The close of the polls (the definition's `countsFrom`): until that instant counts are stored,
 * checked and shown to staff, but not published; turnout is published at any time. What of a
 * total, a change list and a section is publishable at an instant, and when counts show. Pure.
 */
import type { ChangeEntry } from './change-list.js';
import type { Tally } from './tally.js';

/** Whether counts are published at `now`: always without `countsFrom`, else from that instant on. */
export function countsShownAt(countsFrom: string | undefined, now: Date): boolean {
  return countsFrom === undefined || now.getTime() >= Date.parse(countsFrom);
}

/**
 * Whether the close of the polls has passed since the latest publish, which withheld the counts:
 * then a publish is due, though nothing was submitted (the periodic reconciliation sees to it).
 */
export function countsReleaseDue(
  countsFrom: string | undefined,
  latest: { countsPublished?: boolean } | undefined,
  now: Date,
): boolean {
  return latest?.countsPublished === false && countsShownAt(countsFrom, now);
}

/** The turnout readings' counters (`turnout.<slot>.*`): the only ones published before the close. */
const isTurnoutCounter = (key: string) => key.startsWith('turnout.');

/**
 * The part of a total that may be published: all of it when counts show; else only the turnout
 * counters, so every section reads as uncounted (no votes, no reported sections, no outlook
 * counters: the outlook's bound is that of an election with nothing counted).
 */
export function publishableTally(total: Tally, countsShown: boolean): Tally {
  if (countsShown) return total;
  return Object.fromEntries(Object.entries(total).filter(([key]) => isTurnoutCounter(key)));
}

const isTurnoutItem = (entry: ChangeEntry) => entry.item.startsWith('turnout/');

/**
 * The entries of a change list that may be published: all when counts show; else only the
 * turnout readings' (a count's entry is held back, and so is a repair of the whole totals, whose
 * figures cannot be told apart between readings and counts).
 */
export function publishableChanges(entries: readonly ChangeEntry[], countsShown: boolean): ChangeEntry[] {
  return countsShown ? [...entries] : entries.filter(isTurnoutItem);
}

/**
 * The count entries held back until the close, as the first list after it shows them: one
 * `added` entry per section item still in the totals, with the sum of everything it moved (its
 * whole contribution) and its latest version. `entries` are every change entry up to that
 * publish; items whose changes sum to nothing (withdrawn meanwhile) are left out.
 */
export function releasedCountEntries(entries: readonly ChangeEntry[]): ChangeEntry[] {
  const bySource = new Map<string, ChangeEntry>();
  for (const entry of entries) {
    if (isTurnoutItem(entry) || entry.sectionId === null) continue;
    const key = `${entry.sectionId}\u0000${entry.item}`;
    const seen = bySource.get(key);
    const delta = { ...(seen?.delta ?? {}) };
    for (const [figure, value] of Object.entries(entry.delta)) {
      const next = (delta[figure] ?? 0) + value;
      if (next === 0) delete delta[figure];
      else delta[figure] = next;
    }
    const version = Math.max(seen?.version ?? 0, entry.version ?? 0);
    bySource.set(key, {
      sectionId: entry.sectionId,
      item: entry.item,
      kind: 'added',
      version: version > 0 ? version : null,
      reason: null,
      delta,
    });
  }
  return [...bySource.values()]
    .filter((entry) => Object.keys(entry.delta).length > 0)
    .sort((a, b) => compareIds(a.sectionId ?? '', b.sectionId ?? ''));
}

/** Section ids in their natural order ("2" before "10"). */
const compareIds = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** What a section's public file may carry of its count: nothing before the close. */
export function publishableSectionCount<
  T extends { status: string; results: unknown; version: number | null },
>(file: T, countsShown: boolean): T {
  return countsShown ? file : { ...file, status: 'not-reported', results: null, version: null };
}
