/**
 * Whether a run-off's definition follows from its first round (docs/interface.md, Run-off round):
 * the issues found, by kind, so the use case answers each with its stable code. Pure.
 *
 * - The first round is a municipal election whose summary says run-off between exactly these two
 *   (TUEL art. 72 c. 5 over 15,000 inhabitants; art. 71 c. 6, a tie, up to 15,000).
 * - The same municipality, council and sections: the run-off is the same election's second round.
 * - Every list is a first-round list. The admitted two keep their first-round lists (art. 72 c. 7,
 *   "restano fermi i collegamenti ... dichiarati al primo turno"); a defeated candidate's list may
 *   join one of them (apparentamento, art. 72 c. 7), except up to 15,000 inhabitants, where art. 71
 *   has no apparentamento.
 */
import type { ElectionDefinition, ElectionHead } from './election.js';
import { rulesFor } from './seat-rules.js';

export interface DefinitionIssue {
  path: (string | number)[];
  message: string;
}

export interface RunoffIssues {
  /** The first round cannot have this run-off (RUNOFF_NOT_DUE). */
  notDue: DefinitionIssue[];
  /** The run-off does not match its first round (RUNOFF_MISMATCH). */
  mismatch: DefinitionIssue[];
}

/**
 * @param pair the two candidates the first round's summary sends to the run-off (its `runoff`
 *   field), or null when it sends none.
 */
export function runoffIssues(
  runoff: ElectionDefinition,
  first: ElectionHead,
  firstSectionIds: readonly string[],
  pair: readonly [string, string] | null,
): RunoffIssues {
  const notDue: DefinitionIssue[] = [];
  const mismatch: DefinitionIssue[] = [];
  if (first.kind !== 'municipal') {
    notDue.push({ path: ['firstRound'], message: `"${first.id}" is a ${first.kind}: it has no run-off` });
    return { notDue, mismatch };
  }
  const admitted = runoff.candidates.map((c) => c.id);
  if (!pair) {
    notDue.push({ path: ['firstRound'], message: `the summary of "${first.id}" says no run-off` });
  } else if (!(admitted.includes(pair[0]) && admitted.includes(pair[1]))) {
    notDue.push({
      path: ['candidates'],
      message: `the run-off of "${first.id}" is between "${pair[0]}" and "${pair[1]}"`,
    });
  }

  const { municipality } = runoff;
  if (
    municipality.istatCode !== first.municipality.istatCode ||
    municipality.population !== first.municipality.population
  )
    mismatch.push({ path: ['municipality'], message: "the municipality differs from the first round's" });
  if (runoff.councilSeats !== first.councilSeats)
    mismatch.push({
      path: ['councilSeats'],
      message: `the first round has ${first.councilSeats} council seats`,
    });

  const firstSections = new Set(firstSectionIds);
  const sections = new Set(runoff.sections.map((s) => s.id));
  const missing = firstSectionIds.filter((id) => !sections.has(id));
  const extra = runoff.sections.filter((s) => !firstSections.has(s.id)).map((s) => s.id);
  if (missing.length > 0 || extra.length > 0) {
    mismatch.push({
      path: ['sections'],
      message: `the sections differ from the first round's: ${[
        ...(missing.length ? [`missing ${missing.slice(0, 10).join(', ')}`] : []),
        ...(extra.length ? [`not in it ${extra.slice(0, 10).join(', ')}`] : []),
      ].join('; ')}`,
    });
  }

  const firstLink = new Map(first.lists.map((l) => [l.id, l.candidateId]));
  const apparentamento = rulesFor(first.municipality.population).council.method !== 'majority-share';
  runoff.lists.forEach((list, index) => {
    const linked = firstLink.get(list.id);
    if (linked === undefined) {
      mismatch.push({
        path: ['lists', index, 'id'],
        message: `list "${list.id}" did not run at the first round`,
      });
    } else if (linked !== list.candidateId) {
      if (admitted.includes(linked))
        mismatch.push({
          path: ['lists', index, 'candidateId'],
          message: `list "${list.id}" stays linked to "${linked}" (TUEL art. 72 c. 7)`,
        });
      else if (!apparentamento)
        mismatch.push({
          path: ['lists', index, 'candidateId'],
          message: `list "${list.id}" cannot join "${list.candidateId}": up to 15,000 inhabitants there is no apparentamento (TUEL art. 71)`,
        });
    }
  });
  const listed = new Set(runoff.lists.map((l) => l.id));
  for (const list of first.lists) {
    if (admitted.includes(list.candidateId) && !listed.has(list.id))
      mismatch.push({
        path: ['lists'],
        message: `list "${list.id}" of "${list.candidateId}" is missing (TUEL art. 72 c. 7: the first round's links stay)`,
      });
  }
  return { notDue, mismatch };
}
