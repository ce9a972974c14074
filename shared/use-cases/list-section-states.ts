/**
 * What staff watch on the night: every section's state per turnout slot and for the count,
 * with the checks of what is flagged, the election's own state, and what the periodic
 * reconciliation last repaired (the staff page's notice).
 */
import { readHealState } from '../db/heal-state.js';
import { currentSections } from './current-sections.js';
import { loadElection } from './election-context.js';
import { submissionView as view } from './read-section.js';

export async function listSectionStates(electionId: string) {
  const { head, state } = await loadElection(electionId);
  // Before the first submission (when codes are handed out) there is nothing to read but the
  // sections: Italy's 61,550 then take a query, not 3,000 batches of keys that hold nothing.
  const [sections, healing] = await Promise.all([
    currentSections(
      electionId,
      head.turnoutSlots.map((s) => s.id),
      { itemsStored: state.inUse },
    ),
    readHealState(electionId),
  ]);
  return {
    electionId,
    name: head.name,
    rehearsal: head.rehearsal,
    state: state.state,
    turnoutSlots: head.turnoutSlots.map((s) => ({ id: s.id, label: s.label })),
    healing: {
      lastRunAt: healing.lastRunAt ?? null,
      lastCheckedTotalsAt: healing.lastCheckedTotalsAt ?? null,
      repairs: healing.repairs,
    },
    sections: sections.map(({ section, stored }) => {
      const results = stored.find((s) => s.kind === 'results');
      return {
        id: section.id,
        name: section.name,
        ...(section.district !== undefined ? { district: section.district } : {}),
        results: results ? view(results) : null,
        turnout: Object.fromEntries(
          stored.filter((s) => s.kind === 'turnout').map((s) => [s.slotId ?? '', view(s)]),
        ),
      };
    }),
  };
}
