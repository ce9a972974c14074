/**
 * What staff watch on the night: every section's state per turnout slot and for the count,
 * with the checks of what is flagged, its watch (last contact, app version, late readings, what
 * is flagged), the election's own state, what the periodic reconciliation last repaired (the
 * staff page's notice), and the broadcasts with their acknowledgements.
 */
import { readHealState } from '../db/heal-state.js';
import { readSectionContacts } from '../db/section-contacts.js';
import { DEFAULT_LATE_AFTER_MINUTES } from '../domain/station-watch.js';
import { currentSections } from './current-sections.js';
import { loadElection } from './election-context.js';
import { sectionStateRow } from './section-state-row.js';
import { staffMessagesOverview } from './staff-messages.js';

/** Batches of 100 sections' contacts read at once, as their items are. */
const CONTACT_BATCHES_IN_FLIGHT = 8;

export async function listSectionStates(electionId: string, now = Date.now()) {
  const { head, state } = await loadElection(electionId);
  // Before the first submission (when codes are handed out) there is nothing to read but the
  // sections: Italy's 61,550 then take a query, not 3,000 batches of keys that hold nothing.
  const [sections, healing, messages] = await Promise.all([
    currentSections(
      electionId,
      head.turnoutSlots.map((s) => s.id),
      { itemsStored: state.inUse },
    ),
    readHealState(electionId),
    staffMessagesOverview(electionId),
  ]);
  const contacts = await readSectionContacts(
    electionId,
    sections.map(({ section }) => section.id),
    CONTACT_BATCHES_IN_FLIGHT,
  );
  const lateAfterMinutes = head.lateAfterMinutes ?? DEFAULT_LATE_AFTER_MINUTES;
  return {
    electionId,
    name: head.name,
    rehearsal: head.rehearsal,
    state: state.state,
    generatedAt: new Date(now).toISOString(),
    lateAfterMinutes,
    turnoutSlots: head.turnoutSlots.map((s) => ({ id: s.id, label: s.label, ...(s.at ? { at: s.at } : {}) })),
    healing: {
      lastRunAt: healing.lastRunAt ?? null,
      lastCheckedTotalsAt: healing.lastCheckedTotalsAt ?? null,
      repairs: healing.repairs,
    },
    sections: sections.map(({ section, stored }) =>
      sectionStateRow(section, stored, {
        slots: head.turnoutSlots,
        contact: contacts.get(section.id),
        now,
        lateAfterMinutes,
      }),
    ),
    messages,
  };
}
