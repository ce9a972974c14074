/**
 * One section's row of the staff overview (list-section-states.ts): its current count and
 * turnout readings as staff see them (version, status, checks, time) and its watch.
 */
import type { Submission } from '../db/submissions.js';
import type { Section, TurnoutSlot } from '../domain/election.js';
import { type SectionContact, sectionWatch } from '../domain/station-watch.js';
import { submissionView as view } from './read-section.js';

export function sectionStateRow(
  section: Section,
  stored: readonly Submission[],
  watching: {
    slots: readonly TurnoutSlot[];
    contact: SectionContact | undefined;
    now: number;
    lateAfterMinutes: number;
  },
) {
  const results = stored.find((s) => s.kind === 'results');
  return {
    id: section.id,
    name: section.name,
    ...(section.district !== undefined ? { district: section.district } : {}),
    results: results ? view(results) : null,
    turnout: Object.fromEntries(
      stored.filter((s) => s.kind === 'turnout').map((s) => [s.slotId ?? '', view(s)]),
    ),
    watch: sectionWatch(watching.slots, stored, watching.contact, watching.now, watching.lateAfterMinutes),
  };
}
