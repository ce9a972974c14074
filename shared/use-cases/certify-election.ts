import { readTotal } from '../db/aggregates.js';
import {
  getCertificationApproval,
  certifyElection as lockElection,
  putCertificationApproval,
} from '../db/elections.js';
import type { Actor } from '../domain/actor.js';
import { counter } from '../domain/tally.js';
import { AlreadyApprovedError, ElectionCertifiedError } from '../errors.js';
import { AGAIN, retrying } from '../retry.js';
import { assertOpen, loadElection } from './election-context.js';

/** Who an approval is from: the account, or the break-glass token's credential. */
const approverOf = (actor: Actor) => actor.username ?? `credential:${actor.credential}`;

/** Two supervisors racing to be first: the loser reads again and finds the other's approval. */
const APPROVAL_RACES = {
  attempts: 3,
  baseMs: 10,
  maxMs: 100,
  exhausted: () => new Error('the certification approvals kept changing: try again'),
};

export type CertifyOutcome =
  | { status: 202; body: { electionId: string; approvals: 1; needed: 2 } }
  | {
      status: 200;
      body: {
        electionId: string;
        state: 'certified';
        certifiedAt: string;
        sections: { total: number; reported: number };
      };
    };

/**
 * Certifies an election: from now on every write to it is refused, and the publisher marks its
 * results certified. With `certifyApprovals: 2` the first supervisor's call records an approval
 * (202) and changes nothing else; a different supervisor's then locks the election (200); the
 * same one twice is refused. Answers how many sections the certified totals include.
 */
export async function certifyElection(electionId: string, by: Actor): Promise<CertifyOutcome> {
  return retrying(APPROVAL_RACES, async () => {
    const election = await loadElection(electionId);
    assertOpen(election);
    const needed = election.head.certifyApprovals ?? 1;
    const first = needed === 2 ? await getCertificationApproval(electionId) : undefined;
    if (needed === 2 && !first) {
      if (!(await putCertificationApproval(electionId, by))) return AGAIN;
      return { status: 202, body: { electionId, approvals: 1, needed: 2 } } as const;
    }
    if (first && approverOf(first) === approverOf(by))
      throw new AlreadyApprovedError('this certification needs a second, different supervisor');
    const certifiedAt = new Date().toISOString();
    const total = await readTotal(electionId);
    const sectionsReported = total?.tally[counter.sections] ?? 0;
    if (
      !(await lockElection(electionId, {
        certifiedAt,
        sectionsReported,
        by,
        ...(first ? { approvedBy: first } : {}),
      }))
    )
      throw new ElectionCertifiedError(`election "${electionId}" is already certified`);
    return {
      status: 200,
      body: {
        electionId,
        state: 'certified',
        certifiedAt,
        sections: { total: election.head.sectionCount, reported: sectionsReported },
      },
    } as const;
  });
}
