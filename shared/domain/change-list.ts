/**
 * The public ledger of what moved the totals (docs/interface.md, the change lists): every
 * section item that entered, left or changed them, with the signed change of each figure. The
 * aggregation writes these entries in the very transaction that moves the totals, so a change
 * list shows exactly what the totals it comes with took in. Pure.
 */
import { counter, isEmptyTally, type Tally } from './tally.js';

export type ChangeKind = 'added' | 'corrected' | 'withdrawn' | 'restored' | 'repaired';

/** What a source item is, for its change entries (the stream carries it with every change). */
export interface SourceLabel {
  sectionId: string;
  /** "results" or "turnout/<slotId>". */
  item: string;
  version: number;
  /** The staff reason of the decision that made this change, when one did. */
  reason: string | null;
}

export interface ChangeEntry {
  sectionId: string | null;
  item: string;
  kind: ChangeKind;
  version: number | null;
  reason: string | null;
  delta: Record<string, number>;
}

/**
 * How a source's contribution changed: from `before` (what it had added, empty if nothing) to
 * `after`. Answers undefined when the totals do not move (a resent identical count, a flagged
 * count replaced by another flagged one). A counted tally is never empty (it counts its section).
 */
export function kindOfChange(before: Tally, after: Tally, everCounted: boolean): ChangeKind | undefined {
  const wasCounted = !isEmptyTally(before);
  const isCounted = !isEmptyTally(after);
  if (!wasCounted && isCounted) return everCounted ? 'restored' : 'added';
  if (wasCounted && !isCounted) return 'withdrawn';
  if (wasCounted && isCounted && !sameTally(before, after)) return 'corrected';
  return undefined;
}

function sameTally(a: Tally, b: Tally): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if ((a[key] ?? 0) !== (b[key] ?? 0)) return false;
  return true;
}

/** The published figures a tally delta moves, by their public names (voters, validVotes, C1, L3, Q1.yes). */
export function figuresOf(delta: Tally): Record<string, number> {
  const figures: Record<string, number> = {};
  const add = (name: string, value: number) => {
    const next = (figures[name] ?? 0) + value;
    if (next === 0) delete figures[name];
    else figures[name] = next;
  };
  const ballots = ['voters', 'blank', 'invalid', 'contested'].map((k) => delta[k] ?? 0);
  const [voters = 0, blank = 0, invalid = 0, contested = 0] = ballots;
  if (voters !== 0) add('voters', voters);
  if (blank !== 0) add('blankBallots', blank);
  if (invalid !== 0) add('invalidBallots', invalid);
  if (contested !== 0) add('contestedBallots', contested);
  if (voters - blank - invalid - contested !== 0) add('validVotes', voters - blank - invalid - contested);
  for (const [key, value] of Object.entries(delta)) {
    const [kind, id, rest] = key.split('.');
    if (kind === 'candidate' || kind === 'list' || kind === 'preference') add(id ?? key, value);
    else if (kind === 'yes' || kind === 'no') add(`${id}.${kind}`, value);
    else if (kind === 'turnout' && rest === 'voters') add('voters', value);
    else if (key === counter.sections) add('sectionsReported', value);
  }
  return figures;
}

/** The entry of one source's change, or undefined when the totals did not move. */
export function changeEntryOf(
  label: SourceLabel,
  before: Tally,
  after: Tally,
  everCounted: boolean,
  delta: Tally,
): ChangeEntry | undefined {
  const kind = kindOfChange(before, after, everCounted);
  if (!kind) return undefined;
  return {
    sectionId: label.sectionId,
    item: label.item,
    kind,
    version: label.version,
    reason: label.reason,
    delta: figuresOf(delta),
  };
}

/** The immutable change list of one publish (`/results/{e}/changes/{seq}.json`). */
export function changeListFile(
  electionId: string,
  seq: number,
  generatedAt: string,
  changes: readonly ChangeEntry[],
) {
  return { electionId, seq, previousSeq: seq > 1 ? seq - 1 : null, generatedAt, changes };
}
