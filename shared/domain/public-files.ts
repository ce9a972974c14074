/**
 * What the public may see, and where. Nothing here ever carries a token, a hash of a token,
 * a check's internals or a count that is not (yet) counted.
 */

import type { SectionComparison } from './comparison.js';
import type { ElectionHead, Section } from './election.js';
import { percent } from './percent.js';
import type { SectionLogRow } from './section-log.js';
import { isCounted, type SubmissionStatus } from './status.js';

export { publicPaths, urlPathOf } from './public-paths.js';

export interface StoredSectionData {
  kind: 'results' | 'turnout';
  slotId?: string;
  status: SubmissionStatus;
  version: number;
  body: unknown;
  submittedAt: string;
}

const counted = (s: StoredSectionData) => isCounted(s.status);

/** A section's public file: its counted turnout readings and result; flagged data shows only as "in review". */
export interface PublicSectionFile {
  electionId: string;
  rehearsal: boolean;
  section: { id: string; name: string; district?: string; registeredVoters: number };
  turnout: { slotId: string; label: string; voters: number; percent: number }[];
  status: 'not-reported' | 'reported' | 'in-review';
  results: unknown;
  version: number | null;
  updatedAt: string | null;
  /** Every stored version already in the public log, with its receipt (domain/section-log.ts). */
  log: SectionLogRow[];
  /** Against the same section of the previous election, when the summary has a comparison (comparison.ts). */
  comparison?: SectionComparison | null;
}

export function publicSectionFile(
  electionId: string,
  section: Section,
  head: ElectionHead,
  stored: StoredSectionData[],
  log: SectionLogRow[] = [],
): PublicSectionFile {
  const results = stored.find((s) => s.kind === 'results');
  return {
    electionId,
    rehearsal: head.rehearsal,
    section: {
      id: section.id,
      name: section.name,
      ...(section.district !== undefined ? { district: section.district } : {}),
      registeredVoters: section.registeredVoters,
    },
    turnout: head.turnoutSlots.flatMap((slot) => {
      const reading = stored.find((s) => s.kind === 'turnout' && s.slotId === slot.id);
      if (!reading || !counted(reading)) return [];
      const voters = (reading.body as { voters: number }).voters;
      return [
        { slotId: slot.id, label: slot.label, voters, percent: percent(voters, section.registeredVoters) },
      ];
    }),
    status: !results ? 'not-reported' : counted(results) ? 'reported' : 'in-review',
    results: results && counted(results) ? results.body : null,
    version: results && counted(results) ? results.version : null,
    updatedAt:
      stored
        .map((s) => s.submittedAt)
        .sort()
        .at(-1) ?? null,
    log,
  };
}

/** The public definition: the election's structure, for drill-down and for labels. */
export function publicDefinitionFile(head: ElectionHead, sections: Section[]) {
  const { sectionCount: _count, registeredVoters: _registered, places: _places, ...definition } = head;
  return { ...definition, sections };
}
