/**
 * A small digest of each publish's change list, kept per seq, from which the results page's box
 * of the latest changes and the Atom feed are made: the entries (those that lowered a figure
 * first), each with the main figures and every figure that went down, within a fixed size. Pure.
 */
import type { ChangeEntry } from './change-list.js';
import type { ElectionHead } from './election.js';
import type { RecentChanges } from './summary.js';

/** Entries a digest keeps: the change list itself has them all. */
export const DIGEST_ENTRIES = 25;
/** Publishes the page's box shows, and entries at most among them. */
export const PAGE_PUBLISHES = 3;
export const PAGE_ENTRIES = 10;

/** The figures the page and the feed always show: ballots, sections, candidates, answers. */
export function mainFiguresOf(head: Pick<ElectionHead, 'candidates' | 'questions'>): Set<string> {
  return new Set([
    'sectionsReported',
    'voters',
    'validVotes',
    ...head.candidates.map((c) => c.id),
    ...head.questions.flatMap((q) => [`${q.id}.yes`, `${q.id}.no`]),
  ]);
}

/** Whether an entry lowered any figure. */
export const lowersAFigure = (entry: ChangeEntry) => Object.values(entry.delta).some((value) => value < 0);

/** An entry with its main figures and every figure that went down. */
function trimmed(entry: ChangeEntry, main: ReadonlySet<string>): ChangeEntry {
  const delta = Object.fromEntries(
    Object.entries(entry.delta).filter(([figure, value]) => main.has(figure) || value < 0),
  );
  return { ...entry, delta };
}

/** Keeps at most `limit` entries, those that lowered a figure first, in their order otherwise. */
function keep(entries: readonly ChangeEntry[], limit: number): ChangeEntry[] {
  const lowering = entries.filter(lowersAFigure);
  const others = entries.filter((entry) => !lowersAFigure(entry));
  const kept = new Set([...lowering, ...others].slice(0, limit));
  return entries.filter((entry) => kept.has(entry));
}

/** The digest of one publish's change list. */
export function digestOf(
  seq: number,
  generatedAt: string,
  changes: string,
  entries: readonly ChangeEntry[],
  main: ReadonlySet<string>,
): RecentChanges {
  const kept = keep(entries, DIGEST_ENTRIES).map((entry) => trimmed(entry, main));
  return { seq, generatedAt, changes, entries: kept, omitted: entries.length - kept.length };
}

/**
 * What the page's box shows: the latest PAGE_PUBLISHES digests with entries, newest first, with
 * PAGE_ENTRIES entries at most among them (the newest publishes' first).
 */
export function recentForPage(digests: readonly RecentChanges[]): RecentChanges[] {
  let room = PAGE_ENTRIES;
  const shown: RecentChanges[] = [];
  for (const digest of [...digests].sort((a, b) => b.seq - a.seq)) {
    if (shown.length === PAGE_PUBLISHES || room === 0) break;
    if (digest.entries.length === 0) continue;
    const entries = keep(digest.entries, room);
    room -= entries.length;
    shown.push({ ...digest, entries, omitted: digest.omitted + digest.entries.length - entries.length });
  }
  return shown;
}
