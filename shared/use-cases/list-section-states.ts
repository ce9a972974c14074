/**
 * What staff watch on the night: every section's state per turnout slot and for the count,
 * with the checks of what is flagged, and the election's own state.
 */
import { currentSections } from './current-sections.js';
import { loadElection } from './election-context.js';
import { submissionView as view } from './read-section.js';

export async function listSectionStates(electionId: string) {
  const { head, state } = await loadElection(electionId);
  // Before the first submission (when codes are handed out) there is nothing to read but the
  // sections: Italy's 61,550 then take a query, not 3,000 batches of keys that hold nothing.
  const sections = await currentSections(
    electionId,
    head.turnoutSlots.map((s) => s.id),
    { itemsStored: state.inUse },
  );
  return {
    electionId,
    name: head.name,
    rehearsal: head.rehearsal,
    state: state.state,
    turnoutSlots: head.turnoutSlots.map((s) => ({ id: s.id, label: s.label })),
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
