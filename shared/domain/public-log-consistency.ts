/**
 * Whether a checkpoint saved earlier is a prefix of the log as it is now (history never
 * rewritten): the saved note signed by the log's key and of the same origin, no larger than the
 * current checkpoint, and the RFC 9162 consistency proof, read from the current tiles, leading
 * from the saved root to the current signed root. Every read through an injected fetcher;
 * browser-safe.
 */
import { verifyConsistency } from './log/merkle-proofs.js';
import { toHex } from './log/rfc6962.js';
import { consistencyProof, TreeHashes } from './log/tree-from-tiles.js';
import { openCheckpointNote, openCurrentCheckpoint } from './public-log-checkpoint.js';
import { failureOf, type LogCheck, LogCheckError, type LogCheckFailure } from './public-log-checks.js';
import { tileReader } from './public-log-files.js';
import { type FetchPublicFile, reporting } from './public-log-paths.js';

export interface CheckpointSummary {
  size: number;
  root: string;
  signedAt?: string;
}

export interface ConsistencyVerdict {
  ok: boolean;
  passed: LogCheck[];
  failure?: LogCheckFailure;
  saved?: CheckpointSummary;
  current?: CheckpointSummary;
}

const summaryOf = (c: { size: number; root: Uint8Array; time?: string }): CheckpointSummary => ({
  size: c.size,
  root: toHex(c.root),
  ...(c.time !== undefined ? { signedAt: c.time } : {}),
});

export async function verifyConsistencySince(
  site: FetchPublicFile,
  electionId: string,
  savedNote: string | Uint8Array,
): Promise<ConsistencyVerdict> {
  const fetchFile = reporting(site);
  const verdict: ConsistencyVerdict = { ok: false, passed: [] };
  try {
    const { checkpoint, verifier } = await openCurrentCheckpoint(fetchFile, electionId, verdict.passed);
    verdict.current = summaryOf(checkpoint);
    const saved = openCheckpointNote(savedNote, verifier, 'saved-checkpoint').checkpoint;
    verdict.saved = summaryOf(saved);
    verdict.passed.push('saved-checkpoint');
    if (saved.size > checkpoint.size)
      throw new LogCheckError(
        'consistency',
        `the saved checkpoint has ${saved.size} entries, the current one only ${checkpoint.size}: the log went back`,
      );
    const tree = new TreeHashes(checkpoint.size, tileReader(fetchFile, electionId, 'consistency'));
    const proof = await consistencyProof(tree, saved.size);
    if (!verifyConsistency(saved.size, checkpoint.size, proof, saved.root, checkpoint.root))
      throw new LogCheckError(
        'consistency',
        `the log at ${checkpoint.size} entries does not extend the saved one at ${saved.size}: its history differs`,
      );
    verdict.passed.push('consistency');
    verdict.ok = true;
  } catch (error) {
    verdict.failure = failureOf(error, 'consistency');
  }
  return verdict;
}
