/**
 * What staff watch per polling station on the night, beside its submissions: when the officer
 * app last reached the server (and in which version), which turnout readings are late and what
 * is flagged. Pure, browser-safe: the overview (use-cases/list-section-states.ts) and its tests
 * use it.
 */
import type { SubmissionStatus } from './status.js';

/** A reading is late this many minutes after its slot's `at` when the definition says nothing. */
export const DEFAULT_LATE_AFTER_MINUTES = 30;

/** A section's last contact is recorded at most this often (one UpdateItem a minute at most). */
export const CONTACT_EVERY_MS = 60_000;

/** The longest app version kept, and its alphabet (a build's version: `0.1.0`, `0.1.0+ab12cd`). */
const APP_VERSION = /^[A-Za-z0-9._+-]{1,40}$/;

/** The officer app's version as its header says it, or undefined for none or one not of its alphabet. */
export function appVersionOf(header: string | undefined): string | undefined {
  const trimmed = header?.trim();
  return trimmed && APP_VERSION.test(trimmed) ? trimmed : undefined;
}

/**
 * The turnout slots whose reading is late: past `at` (an instant with its offset, so any time
 * zone) plus the grace, with no reading received from the section.
 */
export function lateSlots(
  slots: readonly { id: string; at?: string | undefined }[],
  received: ReadonlySet<string>,
  now: number,
  lateAfterMinutes = DEFAULT_LATE_AFTER_MINUTES,
): string[] {
  return slots
    .filter((slot) => {
      if (!slot.at || received.has(slot.id)) return false;
      const due = Date.parse(slot.at);
      return Number.isFinite(due) && now > due + lateAfterMinutes * 60_000;
    })
    .map((slot) => slot.id);
}

/** A section's stored item as the watch reads it. */
export interface WatchedItem {
  kind: 'results' | 'turnout';
  slotId?: string | undefined;
  status: SubmissionStatus;
}

/** The last contact of a section's officer app, as recorded. */
export interface SectionContact {
  lastContactAt: string;
  appVersion?: string | undefined;
}

/** One section's row of the watch, in the overview's answer (docs/interface.md, Staff reads). */
export interface SectionWatch {
  lastContactAt: string | null;
  appVersion: string | null;
  /** The turnout slots whose reading is late, in the definition's order. */
  lateTurnout: string[];
  /** What is flagged: the count, and the turnout slots whose reading is. */
  flagged: { results: boolean; turnout: string[] };
}

export function sectionWatch(
  slots: readonly { id: string; at?: string | undefined }[],
  stored: readonly WatchedItem[],
  contact: SectionContact | undefined,
  now: number,
  lateAfterMinutes?: number,
): SectionWatch {
  const turnout = stored.filter((item) => item.kind === 'turnout');
  return {
    lastContactAt: contact?.lastContactAt ?? null,
    appVersion: contact?.appVersion ?? null,
    // A reading staff reopened is awaited again, as the staff page's "missing" has it.
    lateTurnout: lateSlots(
      slots,
      new Set(turnout.filter((item) => item.status !== 'reopened').map((item) => item.slotId ?? '')),
      now,
      lateAfterMinutes,
    ),
    flagged: {
      results: stored.some((item) => item.kind === 'results' && item.status === 'flagged'),
      turnout: turnout.filter((item) => item.status === 'flagged').map((item) => item.slotId ?? ''),
    },
  };
}
