/**
 * The comparison with a previous election this system published (the definition's
 * `previousElection`): which slot, candidate and list of the previous summary each one of this
 * election is compared with, and the signed differences, in percentage points, of the whole
 * election and of each section. Pure; the publisher reads the previous files from the bucket.
 */
import { percent } from './percent.js';

/** What the matching reads of the previous election's summary. */
export interface PreviousSummary {
  electionId: string;
  seq: number;
  name: string;
  turnout: { slotId: string; label: string; percent: number }[];
  candidates: { id: string; name: string; percent: number }[];
  lists: { id: string; name: string; percent: number }[];
}

/** Which previous slot, candidate and list each current one is compared with (absent: none). */
export interface ComparisonMatch {
  electionId: string;
  name: string;
  seq: number;
  slots: Record<string, string>;
  candidates: Record<string, string>;
  lists: Record<string, string>;
}

/** A figure against its match: the previous share and the signed difference, null without a match. */
export interface Compared {
  previousId: string | null;
  previousPercent: number | null;
  /** `percent` less `previousPercent`, in percentage points, two decimals. */
  difference: number | null;
}

/** The summary's `comparison` (docs/interface.md, The summary). */
export interface Comparison {
  electionId: string;
  name: string;
  /** The previous election's snapshot compared with. */
  seq: number;
  turnout: ({ slotId: string; percent: number } & Compared)[];
  candidates: ({ id: string; percent: number } & Compared)[];
  lists: ({ id: string; percent: number } & Compared)[];
}

/** A section file's `comparison`: the same, for the section against the same section id then. */
export interface SectionComparison {
  electionId: string;
  turnout: ({ slotId: string; percent: number } & Compared)[];
  candidates: ({ id: string; percent: number } & Compared)[];
  lists: ({ id: string; percent: number } & Compared)[];
}

/** Names compare without case, accents or extra spaces: "Lista  Civica" is "lista civica". */
export const comparableName = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** Each item's match by name, each previous item taken once. */
function byName(
  current: readonly { id: string; name: string }[],
  previous: readonly { id: string; name: string }[],
  taken: Set<string>,
): Record<string, string> {
  const matched: Record<string, string> = {};
  for (const item of current) {
    const found = previous.find(
      (p) => !taken.has(p.id) && comparableName(p.name) === comparableName(item.name),
    );
    if (found) {
      matched[item.id] = found.id;
      taken.add(found.id);
    }
  }
  return matched;
}

/**
 * Matches this election's slots, candidates and lists with the previous summary's: slots by
 * label, else by position; lists by `compareLists` first, then by name; candidates by name.
 */
export function matchPrevious(
  current: {
    turnoutSlots: readonly { id: string; label: string }[];
    candidates: readonly { id: string; name: string }[];
    lists: readonly { id: string; name: string }[];
    compareLists?: Record<string, string> | undefined;
  },
  previous: PreviousSummary,
): ComparisonMatch {
  const previousSlots = previous.turnout.map((slot) => ({ id: slot.slotId, name: slot.label }));
  const takenSlots = new Set<string>();
  const slots = byName(
    current.turnoutSlots.map((s) => ({ id: s.id, name: s.label })),
    previousSlots,
    takenSlots,
  );
  current.turnoutSlots.forEach((slot, index) => {
    const atSamePlace = previousSlots[index];
    if (slots[slot.id] === undefined && atSamePlace && !takenSlots.has(atSamePlace.id)) {
      slots[slot.id] = atSamePlace.id;
      takenSlots.add(atSamePlace.id);
    }
  });

  const previousListIds = new Set(previous.lists.map((l) => l.id));
  const takenLists = new Set<string>();
  const explicit: Record<string, string> = {};
  for (const [listId, previousId] of Object.entries(current.compareLists ?? {})) {
    if (!previousListIds.has(previousId) || !current.lists.some((l) => l.id === listId)) continue;
    explicit[listId] = previousId;
    takenLists.add(previousId);
  }
  const unmapped = current.lists.filter((l) => explicit[l.id] === undefined);
  const lists = { ...explicit, ...byName(unmapped, previous.lists, takenLists) };

  return {
    electionId: previous.electionId,
    name: previous.name,
    seq: previous.seq,
    slots,
    candidates: byName(current.candidates, previous.candidates, new Set()),
    lists,
  };
}

const difference = (now: number, then: number) => Math.round((now - then) * 100) / 100;

/** Each item against its match in `previous` (id to share), by `match`. */
function compareEach<K extends string>(
  key: K,
  items: readonly ({ percent: number } & Record<K, string>)[],
  match: Record<string, string>,
  previous: ReadonlyMap<string, number>,
): ({ percent: number } & Record<K, string> & Compared)[] {
  return items.map((item) => {
    const previousId = match[item[key]] ?? null;
    const previousPercent = previousId === null ? null : (previous.get(previousId) ?? null);
    return {
      [key]: item[key],
      percent: item.percent,
      previousId: previousPercent === null ? null : previousId,
      previousPercent,
      difference: previousPercent === null ? null : difference(item.percent, previousPercent),
    } as { percent: number } & Record<K, string> & Compared;
  });
}

/** The summary's comparison: every slot, candidate and list against its match. */
export function compareSummary(
  current: {
    turnout: readonly { slotId: string; percent: number }[];
    candidates: readonly { id: string; percent: number }[];
    lists: readonly { id: string; percent: number }[];
  },
  previous: PreviousSummary,
  match: ComparisonMatch,
): Comparison {
  return {
    electionId: match.electionId,
    name: match.name,
    seq: match.seq,
    turnout: compareEach(
      'slotId',
      current.turnout,
      match.slots,
      new Map(previous.turnout.map((s) => [s.slotId, s.percent])),
    ),
    candidates: compareEach(
      'id',
      current.candidates,
      match.candidates,
      new Map(previous.candidates.map((c) => [c.id, c.percent])),
    ),
    lists: compareEach(
      'id',
      current.lists,
      match.lists,
      new Map(previous.lists.map((l) => [l.id, l.percent])),
    ),
  };
}

/** What a section's comparison reads of a section file, this election's or the previous one's. */
export interface ComparedSectionFile {
  turnout: readonly { slotId: string; percent: number }[];
  results: unknown;
}

type Counts = Record<string, number>;

const countsIn = (value: unknown): Counts =>
  value !== null && typeof value === 'object'
    ? Object.fromEntries(
        Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
      )
    : {};

/** Each id's share of the votes a count gives (candidates' or lists'). */
function sharesOf(results: unknown, field: 'candidateVotes' | 'listVotes'): Map<string, number> {
  const counts = countsIn((results as Record<string, unknown> | null)?.[field]);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return new Map(Object.entries(counts).map(([id, votes]) => [id, percent(votes, total)]));
}

/**
 * A section against the same section of the previous election: its counted turnout readings
 * and, once counted, its candidates' and lists' shares. Null when the previous election has no
 * file for it.
 */
export function compareSection(
  file: ComparedSectionFile,
  previousFile: ComparedSectionFile | undefined,
  match: ComparisonMatch,
  ids: { candidates: readonly string[]; lists: readonly string[] },
): SectionComparison | null {
  if (!previousFile) return null;
  const shares = (results: unknown, field: 'candidateVotes' | 'listVotes', wanted: readonly string[]) => {
    if (!results) return [];
    const of = sharesOf(results, field);
    return wanted.map((id) => ({ id, percent: of.get(id) ?? 0 }));
  };
  const previousShares = (field: 'candidateVotes' | 'listVotes') =>
    previousFile.results ? sharesOf(previousFile.results, field) : new Map<string, number>();
  return {
    electionId: match.electionId,
    turnout: compareEach(
      'slotId',
      file.turnout,
      match.slots,
      new Map(previousFile.turnout.map((s) => [s.slotId, s.percent])),
    ),
    candidates: compareEach(
      'id',
      shares(file.results, 'candidateVotes', ids.candidates),
      match.candidates,
      previousShares('candidateVotes'),
    ),
    lists: compareEach(
      'id',
      shares(file.results, 'listVotes', ids.lists),
      match.lists,
      previousShares('listVotes'),
    ),
  };
}
