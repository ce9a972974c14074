/**
 * Officer codes issued or revoked for many sections at once, fast enough for Rome's 2,600 in
 * one request: the sections' token pointers are read 100 at a time (BatchGetItem), and their
 * changes go out 25 or so sections to a transaction, TRANSACTIONS_IN_FLIGHT at a time. A
 * transaction cancelled by a concurrent change (or a lost race) writes nothing; its sections
 * are read again and sent again, alone, in the next round, so one busy section never holds
 * the others back, and nothing is ever written twice: each change is guarded by the token it
 * read.
 */
import {
  type Issue,
  issueItems,
  type Revocation,
  readOfficerTokenPointers,
  revocationItems,
} from '../db/officer-credentials.js';
import { transactIf } from '../db/queries.js';
import type { Actor } from '../domain/actor.js';
import { generateToken, hashToken } from '../domain/tokens.js';
import { MAX_TRANSACTION_ITEMS, packTransactions } from '../domain/transaction-packing.js';
import { AppError, ConcurrentWriteError } from '../errors.js';
import { inPool } from '../in-pool.js';
import { logger } from '../logger.js';
import { AGAIN, retrying } from '../retry.js';

/** Transactions in flight at once: 8 was the fastest on DynamoDB Local (BENCHMARKS.md, bulk). */
const TRANSACTIONS_IN_FLIGHT = 8;
/** The first round and three more for the sections a concurrent change got in the way of. */
const ROUNDS = 4;

/** A section whose change was not made, and why, with a stable code. */
export interface SectionFailure {
  sectionId: string;
  code: string;
  message: string;
}

export interface BulkOptions {
  /** Epoch ms after which no further transaction starts (an API request's own time). */
  deadline?: number;
}

type Change = { sectionId: string };

/**
 * Applies `prepare`'s changes in rounds: what a transaction could not write (cancelled) is
 * prepared again from a fresh read in the next round, one section to a transaction.
 * `prepare` leaves out the sections that need no change.
 */
async function inRounds<T extends Change>(
  sectionIds: readonly string[],
  prepare: (pending: string[]) => Promise<T[]>,
  itemsOf: (change: T) => Record<string, unknown>[],
  onStored: (change: T) => void,
  options: BulkOptions,
): Promise<SectionFailure[]> {
  const failures: SectionFailure[] = [];
  let pending = [...sectionIds];
  const fail = (ids: string[], code: string, message: string) =>
    failures.push(...ids.map((sectionId) => ({ sectionId, code, message })));
  try {
    await retrying(
      {
        attempts: ROUNDS,
        baseMs: 50,
        maxMs: 1_000,
        exhausted: () => new ConcurrentWriteError('changed by someone else at the same moment: try again'),
      },
      async (round) => {
        const changes = await prepare(pending);
        const packs = packTransactions(changes, itemsOf, round === 1 ? MAX_TRANSACTION_ITEMS : 1);
        const again: string[] = [];
        await inPool(packs, TRANSACTIONS_IN_FLIGHT, async ({ changes: packed, items }) => {
          const ids = packed.map((c) => c.sectionId);
          if (options.deadline !== undefined && Date.now() > options.deadline)
            return void fail(
              ids,
              'NOT_ATTEMPTED',
              'not done: the request ran out of time; ask for these again',
            );
          try {
            if (await transactIf({ TransactItems: items as never })) packed.forEach(onStored);
            else again.push(...ids);
          } catch (error) {
            logger.error('a credential transaction failed', error as Error);
            const code = error instanceof AppError ? error.code : 'INTERNAL';
            fail(ids, code, 'not done: the table refused the write; ask for these again');
          }
        });
        pending = again;
        return pending.length > 0 ? AGAIN : undefined;
      },
    );
  } catch (error) {
    if (!(error instanceof ConcurrentWriteError)) throw error;
    fail(pending, error.code, error.message);
  }
  return failures;
}

/**
 * A new code for each section, replacing (and revoking) its current one. `onIssued` hears each
 * code as soon as its transaction commits.
 */
export async function issueCodes(
  electionId: string,
  sectionIds: readonly string[],
  by: Actor,
  onIssued: (sectionId: string, token: string) => void,
  options: BulkOptions = {},
): Promise<SectionFailure[]> {
  type Issuing = Issue & { token: string; at: string };
  const prepare = async (pending: string[]): Promise<Issuing[]> => {
    const pointers = await readOfficerTokenPointers(electionId, pending);
    const at = new Date().toISOString();
    return pending.map((sectionId) => {
      const token = generateToken();
      return { sectionId, token, tokenHash: hashToken(token), previousHash: pointers.get(sectionId), at };
    });
  };
  return inRounds(
    sectionIds,
    prepare,
    (issue) => issueItems(electionId, issue, issue.at, by),
    (issue) => onIssued(issue.sectionId, issue.token),
    options,
  );
}

/** Revokes each section's current code; a section without one needs nothing. */
export async function revokeCodes(
  electionId: string,
  sectionIds: readonly string[],
  by: Actor,
  onRevoked: (sectionId: string) => void,
  options: BulkOptions = {},
): Promise<SectionFailure[]> {
  type Revoking = Revocation & { at: string };
  const prepare = async (pending: string[]): Promise<Revoking[]> => {
    const pointers = await readOfficerTokenPointers(electionId, pending);
    const at = new Date().toISOString();
    return pending.flatMap((sectionId) => {
      const tokenHash = pointers.get(sectionId);
      return tokenHash ? [{ sectionId, tokenHash, at }] : [];
    });
  };
  return inRounds(
    sectionIds,
    prepare,
    (revocation) => revocationItems(electionId, revocation, revocation.at, by),
    (revocation) => onRevoked(revocation.sectionId),
    options,
  );
}
