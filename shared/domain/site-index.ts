/**
 * The site's index of published elections (`/results/index.json`, docs/interface.md) and the
 * choice of what the front page `/` shows, when one deployment serves several municipalities.
 * Pure: entries in, the file and the choice out.
 */
import { canonicalJson } from './canonical.js';
import { publicPaths, urlPathOf } from './public-paths.js';
import type { Summary } from './summary.js';

/** One published election, as the index lists it. */
export interface SiteIndexEntry {
  electionId: string;
  name: string;
  municipality: Summary['municipality'];
  rehearsal: boolean;
  status: Summary['status'];
  /** The URL path of its `latest.json`. */
  latest: string;
}

/** What `/` shows: one election's own page, a list of elections, or nothing yet. */
export type FrontPage =
  | { kind: 'election'; electionId: string }
  | { kind: 'list'; rehearsal: boolean; elections: SiteIndexEntry[] }
  | { kind: 'none' };

/** The entry of the election a summary was published for. */
export function siteIndexEntry(summary: Summary): SiteIndexEntry {
  return {
    electionId: summary.electionId,
    name: summary.name,
    municipality: summary.municipality,
    rehearsal: summary.rehearsal,
    status: summary.status,
    latest: urlPathOf(publicPaths(summary.electionId).pointer),
  };
}

/** Whether two entries list the same thing (whatever the order of their keys). */
export const sameEntry = (a: SiteIndexEntry, b: SiteIndexEntry) => canonicalJson(a) === canonicalJson(b);

/** A reader's order: by municipality, then by name; the id settles the rest, so the order is stable. */
export function sortedEntries(entries: readonly SiteIndexEntry[]): SiteIndexEntry[] {
  return [...entries].sort(
    (a, b) =>
      a.municipality.name.localeCompare(b.municipality.name, 'it') ||
      a.name.localeCompare(b.name, 'it') ||
      (a.electionId < b.electionId ? -1 : a.electionId > b.electionId ? 1 : 0),
  );
}

/** `/results/index.json`: every published election, rehearsals included. */
export function siteIndexFile(entries: readonly SiteIndexEntry[]) {
  return { elections: sortedEntries(entries) };
}

/**
 * What the front page shows. Live elections first: exactly one is shown itself, several as a
 * list. Only while no election is live do rehearsals appear there, by the same rule, so a
 * rehearsal never hides a live election.
 */
export function chooseFrontPage(entries: readonly SiteIndexEntry[]): FrontPage {
  const live = entries.filter((entry) => !entry.rehearsal);
  const shown = live.length > 0 ? live : [...entries];
  const [only] = shown;
  if (!only) return { kind: 'none' };
  if (shown.length === 1) return { kind: 'election', electionId: only.electionId };
  return { kind: 'list', rehearsal: live.length === 0, elections: sortedEntries(shown) };
}

/** The election whose own page the front page is, if it is one. */
export const frontElectionId = (front: FrontPage) => (front.kind === 'election' ? front.electionId : null);
