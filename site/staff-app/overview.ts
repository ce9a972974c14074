/**
 * The election as the staff page reads it (`GET /v1/admin/elections/{e}/sections`) and what the
 * page derives from it: what is flagged, what is missing, how many counts are in, the sections
 * typed for new codes. Pure: no DOM, no network.
 */
import type { FailedCheck } from '../../shared/domain/checks.js';
import { isCounted, type SubmissionStatus } from '../../shared/domain/status.js';

export interface ItemView {
  status: string;
  version: number;
  checks: FailedCheck[];
  submittedAt: string;
}

/** A polling station's watch (docs/interface.md, The station watch). */
export interface SectionWatchView {
  lastContactAt: string | null;
  appVersion: string | null;
  lateTurnout: string[];
  flagged: { results: boolean; turnout: string[] };
}

export interface SectionView {
  id: string;
  name: string;
  district?: string;
  results: ItemView | null;
  turnout: Record<string, ItemView>;
  /** Absent from an API older than the station watch. */
  watch?: SectionWatchView;
}

/** A broadcast to the election's officers, with who acknowledged it. */
export interface BroadcastView {
  id: string;
  text: string;
  sentAt: string;
  sentBy: string;
  acknowledged: { count: number; sections: string[] };
}

/** What the periodic reconciliation healed: its runs' repairs, newest first (README "Self-healing"). */
export interface HealingView {
  lastRunAt: string | null;
  lastCheckedTotalsAt: string | null;
  repairs: {
    at: string;
    entries: { sectionId: string | null; item: string; delta: Record<string, number> }[];
  }[];
}

export interface Overview {
  electionId: string;
  name: string;
  rehearsal: boolean;
  state: 'open' | 'certified';
  turnoutSlots: { id: string; label: string }[];
  /** Absent from an API older than the self-healing night. */
  healing?: HealingView;
  sections: SectionView[];
  /** Absent from an API older than the broadcasts. */
  messages?: BroadcastView[];
  lateAfterMinutes?: number;
}

export interface QuarantinedView {
  consumer: string;
  eventId: string;
  reason: string;
}

/** Section numbers in their natural order (2 before 10), whatever order the table keeps them in. */
const byNumber = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id, 'it', { numeric: true });

export const sortedOverview = (overview: Overview): Overview => ({
  ...overview,
  sections: [...overview.sections].sort(byNumber),
});

/** Every flagged item: a count or a turnout reading, with the section it belongs to. */
export function flaggedItems(overview: Overview) {
  return overview.sections.flatMap((section) => [
    ...(section.results?.status === 'flagged' ? [{ section, slotId: undefined, item: section.results }] : []),
    ...overview.turnoutSlots.flatMap((slot) => {
      const item = section.turnout[slot.id];
      return item?.status === 'flagged' ? [{ section, slotId: slot.id, item }] : [];
    }),
  ]);
}

/** Not there yet: never sent, or reopened by staff and waiting for the section to send again. */
export const isMissing = (item: ItemView | null | undefined) => !item || item.status === 'reopened';

/** Per turnout slot, then for the count: the sections that have not sent it. */
export function missingRows(overview: Overview): (
  | { kind: 'turnout'; slot: { id: string; label: string }; missing: SectionView[] }
  | {
      kind: 'results';
      missing: SectionView[];
    }
)[] {
  return [
    ...overview.turnoutSlots.map((slot) => ({
      kind: 'turnout' as const,
      slot,
      missing: overview.sections.filter((s) => isMissing(s.turnout[slot.id])),
    })),
    { kind: 'results' as const, missing: overview.sections.filter((s) => isMissing(s.results)) },
  ];
}

/** The sections whose watch shows a late reading. */
export const isLate = (section: SectionView) => (section.watch?.lateTurnout.length ?? 0) > 0;

/** The watch's rows: every section, or the late ones only, late ones first, then by number. */
export function watchRows(overview: Overview, lateOnly: boolean): SectionView[] {
  const rows = overview.sections.filter((s) => !lateOnly || isLate(s));
  return [...rows].sort((a, b) => Number(isLate(b)) - Number(isLate(a)) || byNumber(a, b));
}

/** The counts that count: accepted or approved. */
export const reportedCount = (overview: Overview) =>
  overview.sections.filter((s) => s.results && isCounted(s.results.status as SubmissionStatus)).length;

/** The sections typed for new codes or a revocation: a list, or every one ("tutte", "all"). */
export function sectionsTyped(typed: string): 'all' | string[] {
  const trimmed = typed.trim();
  return /^(tutte|all)$/i.test(trimmed) ? 'all' : trimmed.split(/[\s,;]+/).filter(Boolean);
}
