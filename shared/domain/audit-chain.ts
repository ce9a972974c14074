/**
 * The audit trail of an election is a hash chain: entry n holds the hash of entry n-1, and its
 * own hash covers its content and that link. Changing, removing or reordering any stored entry
 * breaks a link; rewriting the whole tail changes the head, which every published summary
 * carries, so a head once published pins everything before it.
 */
import type { AuditEvent } from './audit-events.js';
import { hashOf } from './canonical.js';

/** The link of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditHead {
  seq: number;
  hash: string;
}

export interface AuditEntry extends AuditHead {
  electionId: string;
  prevHash: string;
  chainedAt: string;
  event: AuditEvent;
}

export const entryHashOf = (entry: Omit<AuditEntry, 'hash'>) =>
  hashOf({
    electionId: entry.electionId,
    seq: entry.seq,
    prevHash: entry.prevHash,
    chainedAt: entry.chainedAt,
    event: entry.event,
  });

/**
 * The entries that follow `head` with these events, in the order given: the stream's, which for
 * the records of one partition (a section's, or the election's own) is the order of their commits.
 */
export function extendChain(
  electionId: string,
  head: AuditHead | undefined,
  events: readonly AuditEvent[],
  chainedAt: string,
): AuditEntry[] {
  let previous = head ?? { seq: 0, hash: GENESIS_HASH };
  return events.map((event) => {
    const unsealed = { electionId, seq: previous.seq + 1, prevHash: previous.hash, chainedAt, event };
    const entry = { ...unsealed, hash: entryHashOf(unsealed) };
    previous = entry;
    return entry;
  });
}

export interface ChainProblem {
  seq: number | null;
  problem: string;
}

/**
 * What is wrong with a chain as stored: its entries in the order read, and the head item. An
 * empty answer means every entry is intact, in order, linked, and ends at the head.
 */
export function chainProblems(
  electionId: string,
  entries: readonly AuditEntry[],
  head: AuditHead | undefined,
): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let previous: AuditHead = { seq: 0, hash: GENESIS_HASH };
  for (const entry of entries) {
    const seq = entry.seq;
    if (entry.electionId !== electionId)
      problems.push({ seq, problem: `belongs to election "${entry.electionId}"` });
    if (seq !== previous.seq + 1)
      problems.push({ seq, problem: `follows entry ${previous.seq}: an entry is missing or out of place` });
    if (entry.prevHash !== previous.hash)
      problems.push({ seq, problem: `its link does not match the hash of entry ${previous.seq}` });
    if (entryHashOf(entry) !== entry.hash)
      problems.push({ seq, problem: 'its content does not match its hash: the entry was changed' });
    previous = { seq, hash: entry.hash };
  }
  if (!head && entries.length > 0) problems.push({ seq: null, problem: 'the chain has entries but no head' });
  if (head && (head.seq !== previous.seq || head.hash !== previous.hash))
    problems.push({
      seq: head.seq,
      problem: `the head (entry ${head.seq}) is not where the entries end (entry ${previous.seq})`,
    });
  return problems;
}
