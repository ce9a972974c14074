/**
 * Refuses a run-off's definition that does not follow from its first round (domain/runoff-definition.ts),
 * reading the first round's head, sections and totals: its summary's `runoff` field, computed from
 * the totals as the publisher computes it, names the two admitted.
 */
import { readTotal } from '../db/aggregates.js';
import { listSections } from '../db/elections.js';
import type { ElectionDefinition } from '../domain/election.js';
import { runoffIssues } from '../domain/runoff-definition.js';
import { seatInputOf } from '../domain/seat-input.js';
import { allocateSeats } from '../domain/seats.js';
import {
  ElectionNotFoundError,
  FirstRoundNotFoundError,
  RunoffMismatchError,
  RunoffNotDueError,
} from '../errors.js';
import { loadElection } from './election-context.js';

export async function checkRunoff(definition: ElectionDefinition): Promise<void> {
  const firstId = definition.firstRound ?? '';
  const first = await loadElection(firstId).catch((error: unknown) => {
    if (error instanceof ElectionNotFoundError)
      throw new FirstRoundNotFoundError(`there is no election "${firstId}" to follow`, [
        { path: ['firstRound'], message: `unknown election "${firstId}"` },
      ]);
    throw error;
  });
  const [sections, total] = await Promise.all([listSections(firstId), readTotal(firstId)]);
  const seats = first.head.kind === 'municipal' ? allocateSeats(seatInputOf(first.head, total.tally)) : null;
  const pair = seats?.outcome === 'runoff' ? seats.runoff.candidateIds : null;
  const issues = runoffIssues(
    definition,
    first.head,
    sections.map((s) => s.id),
    pair,
  );
  if (issues.notDue.length > 0)
    throw new RunoffNotDueError(`election "${firstId}" has no run-off like this one`, issues.notDue);
  if (issues.mismatch.length > 0)
    throw new RunoffMismatchError(`the run-off does not match its first round "${firstId}"`, issues.mismatch);
}
