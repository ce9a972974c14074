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
/** Figures an entry of a digest keeps at most (the main ones first), so a digest stays a few KB. */
export const DIGEST_FIGURES = 40;
/** Publishes the page's box shows, and entries at most among them. */
export const PAGE_PUBLISHES = 3;
export const PAGE_ENTRIES = 10;

/** The ballots' figures, in the order the page and the feed read them. */
export const BALLOT_FIGURES = [
  'sectionsReported',
  'voters',
  'validVotes',
  'blankBallots',
  'invalidBallots',
  'contestedBallots',
] as const;

/** The figures the page and the feed always show: ballots, sections, candidates, answers. */
export function mainFiguresOf(head: Pick<ElectionHead, 'candidates' | 'questions'>): Set<string> {
  return new Set([
    ...BALLOT_FIGURES,
    ...head.candidates.map((c) => c.id),
    ...head.questions.flatMap((q) => [`${q.id}.yes`, `${q.id}.no`]),
  ]);
}

/** Whether an entry lowered any figure. */
export const lowersAFigure = (entry: ChangeEntry) => Object.values(entry.delta).some((value) => value < 0);

/**
 * An entry with its main figures and the figures that went down, the main ones first, then the
 * largest falls, DIGEST_FIGURES at most (a council's hundreds of preferences stay in the change list).
 */
function trimmed(entry: ChangeEntry, main: ReadonlySet<string>): ChangeEntry {
  const figures = Object.entries(entry.delta).filter(([figure, value]) => main.has(figure) || value < 0);
  const mainFirst = [
    ...figures.filter(([figure]) => main.has(figure)),
    ...figures.filter(([figure]) => !main.has(figure)).sort(([, a], [, b]) => a - b),
  ];
  return { ...entry, delta: Object.fromEntries(mainFirst.slice(0, DIGEST_FIGURES)) };
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
