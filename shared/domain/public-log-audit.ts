/**
 * Auditing an election's whole public log from its published files: the checkpoint signed by
 * the log's key; every entry bundle the checkpoint's size calls for published and decoding to
 * as many entries as its width; every entry canonical JSON of this election's public audit
 * record; the tree recomputed from all the entries (shared/domain/log's appender, from nothing)
 * equal, byte for byte, to every published hash tile, full and partial, and its root to the
 * signed one. Lists every problem found. Every read through an injected fetcher; browser-safe.
 */
import { appendEntries } from './log/append.js';
import { hashesEqual } from './log/merkle-proofs.js';
import { toHex } from './log/rfc6962.js';
import { openCurrentCheckpoint } from './public-log-checkpoint.js';
import { failureOf, type LogCheck, type LogCheckFailure } from './public-log-checks.js';
import { parseEntry, readBundle } from './public-log-files.js';
import { type FetchPublicFile, publicLogPaths, reporting } from './public-log-paths.js';

export interface LogAudit {
  ok: boolean;
  passed: LogCheck[];
  problems: LogCheckFailure[];
  /** The checkpoint's, once it opened. */
  size?: number;
  root?: string;
  signedAt?: string;
  /** The signed note, for `--save`. */
  note?: string;
  bundles: number;
  tiles: number;
  /** How many entries of each kind (submit, correct, approve, ...). */
  kinds: Record<string, number>;
}

const noRead = () => Promise.reject(new Error('an audit recomputes the tree from nothing'));

export async function auditLog(site: FetchPublicFile, electionId: string): Promise<LogAudit> {
  const fetchFile = reporting(site);
  const audit: LogAudit = { ok: false, passed: [], problems: [], bundles: 0, tiles: 0, kinds: {} };
  const { passed, problems } = audit;
  let opened: Awaited<ReturnType<typeof openCurrentCheckpoint>>;
  try {
    opened = await openCurrentCheckpoint(fetchFile, electionId, passed);
  } catch (error) {
    problems.push(failureOf(error, 'checkpoint'));
    return audit;
  }
  const { checkpoint } = opened;
  Object.assign(audit, {
    size: checkpoint.size,
    root: toHex(checkpoint.root),
    note: opened.note,
    ...(checkpoint.time !== undefined ? { signedAt: checkpoint.time } : {}),
  });

  const entries: Uint8Array[] = [];
  for (let bundle = 0; bundle * 256 < checkpoint.size; bundle++) {
    try {
      entries.push(...(await readBundle(fetchFile, electionId, bundle * 256, checkpoint.size)));
      audit.bundles++;
    } catch (error) {
      problems.push(failureOf(error, 'entry-bundle'));
    }
  }
  if (problems.length > 0) return audit;
  passed.push('entry-bundle');

  entries.forEach((bytes, index) => {
    try {
      const { kind } = parseEntry(bytes, electionId, index);
      audit.kinds[kind] = (audit.kinds[kind] ?? 0) + 1;
    } catch (error) {
      problems.push(failureOf(error, 'entry'));
    }
  });
  if (problems.length === 0) passed.push('entry');

  const tree = await appendEntries({
    size: 0,
    entries,
    reader: { readTile: noRead, readEntryBundle: noRead },
  });
  const { prefix } = publicLogPaths(electionId);
  const before = problems.length;
  for (const tile of tree.tiles) {
    const path = `${prefix}${tile.path}`;
    const bytes = await fetchFile(path);
    if (!bytes) problems.push({ check: 'tile', detail: `${path} is not published` });
    else if (!hashesEqual(bytes, tile.bytes))
      problems.push({ check: 'tile', detail: `${path} differs from the tree recomputed from the entries` });
    else audit.tiles++;
  }
  if (problems.length === before) passed.push('tile');
  if (hashesEqual(tree.root, checkpoint.root)) passed.push('root');
  else
    problems.push({
      check: 'root',
      detail: `the entries hash to ${toHex(tree.root)}, the checkpoint signs ${toHex(checkpoint.root)}`,
    });
  audit.ok = problems.length === 0;
  return audit;
}
