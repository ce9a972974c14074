import { readTotal } from '../db/aggregates.js';
import { certifyElection as lockElection } from '../db/elections.js';
import type { Actor } from '../domain/actor.js';
import { counter } from '../domain/tally.js';
import { ElectionCertifiedError } from '../errors.js';
import { assertOpen, loadElection } from './election-context.js';

/**
 * Certifies an election: from now on every write to it is refused, and the publisher marks its
 * results certified. Answers how many sections the certified totals include.
 */
export async function certifyElection(electionId: string, by: Actor) {
  const election = await loadElection(electionId);
  assertOpen(election);
  const certifiedAt = new Date().toISOString();
  const total = await readTotal(electionId);
  const sectionsReported = total?.tally[counter.sections] ?? 0;
  if (!(await lockElection(electionId, { certifiedAt, sectionsReported, by }))) {
    throw new ElectionCertifiedError(`election "${electionId}" is already certified`);
  }
  return {
    electionId,
    state: 'certified' as const,
    certifiedAt,
    sections: { total: election.head.sectionCount, reported: sectionsReported },
  };
}
