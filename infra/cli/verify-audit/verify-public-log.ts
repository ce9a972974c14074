/**
 * `verify-audit`'s check of the public log against the table (README, The public log): the
 * checkpoint signed by the key the deployment publishes for it, and the log, rebuilt from the
 * chain's entries as the writer would build it, byte for byte what the bucket holds: every entry
 * bundle and hash tile its size calls for, and its root the checkpoint's. A log behind its chain
 * is reported too (the writer runs after the chain: `--wait` waits for it).
 */
import type { AuditEntry } from '../../../shared/domain/audit-chain.js';
import {
  appendEntries,
  hashesEqual,
  type LogFile,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
} from '../../../shared/domain/log/index.js';
import { logEntryBytes, publicLogEntryOf } from '../../../shared/domain/public-log-entry.js';
import { LOG_KEYS_FILE, publicPaths } from '../../../shared/domain/public-paths.js';
import type { LogFiles } from '../../../shared/storage/log-files.js';

export interface LogProblem {
  where: string;
  problem: string;
}

const text = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined);

export async function publicLogProblems(
  files: LogFiles,
  electionId: string,
  entries: readonly AuditEntry[],
): Promise<{ size: number; problems: LogProblem[] }> {
  const prefix = publicPaths(electionId).log;
  const note = text(await files.get(`${prefix}checkpoint`));
  if (note === undefined)
    return {
      size: 0,
      problems: entries.length > 0 ? [{ where: 'public log', problem: 'has no checkpoint yet' }] : [],
    };
  const origin = note.split('\n')[0] ?? '';
  const keyLine = text(await files.get(LOG_KEYS_FILE))
    ?.split('\n')
    .find((line) => line.split('+')[0] === origin);
  if (!keyLine)
    return {
      size: 0,
      problems: [{ where: 'public log', problem: `${LOG_KEYS_FILE} has no key named ${origin}` }],
    };
  let checkpoint: ReturnType<typeof parseCheckpoint>;
  try {
    checkpoint = parseCheckpoint(openNote(note, [parseVerifierKey(keyLine)]).text);
  } catch (error) {
    return {
      size: 0,
      problems: [{ where: 'public log checkpoint', problem: `does not verify: ${(error as Error).message}` }],
    };
  }
  const problems: LogProblem[] = [];
  if (checkpoint.size > entries.length)
    return {
      size: checkpoint.size,
      problems: [
        { where: 'public log', problem: `has ${checkpoint.size} entries, the chain only ${entries.length}` },
      ],
    };
  if (checkpoint.size < entries.length)
    problems.push({
      where: 'public log',
      problem: `is ${entries.length - checkpoint.size} entries behind the chain`,
    });
  const expected = await appendEntries({
    size: 0,
    entries: entries.slice(0, checkpoint.size).map((entry) => logEntryBytes(publicLogEntryOf(entry.event))),
    reader: {
      readTile: () => Promise.reject(new Error('an empty log has no tiles')),
      readEntryBundle: () => Promise.reject(new Error('an empty log has no bundles')),
    },
  });
  if (!hashesEqual(expected.root, checkpoint.root))
    problems.push({
      where: 'public log checkpoint',
      problem: 'its root is not the root of the chain’s entries',
    });
  // Only the files of this size: the partial tiles of earlier sizes stay, and are not read.
  const wanted: LogFile[] = [...expected.bundles, ...expected.tiles].filter(
    (file) => file.immutable || file.width === widthAt(file, checkpoint.size),
  );
  for (const file of wanted) {
    const held = await files.get(prefix + file.path);
    if (!held) problems.push({ where: `public log ${file.path}`, problem: 'is missing' });
    else if (!sameBytes(held, file.bytes))
      problems.push({ where: `public log ${file.path}`, problem: 'differs from the chain’s entries' });
  }
  return { size: checkpoint.size, problems };
}

/** The width of the rightmost tile of a level (or of the bundles) at this size. */
function widthAt(file: LogFile, size: number): number {
  const span = file.level === 'entries' ? 1 : 256 ** file.level;
  return Math.floor(size / span) - file.index * 256;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);
