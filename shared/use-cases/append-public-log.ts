/**
 * Appends an election's new audit entries to its public log (docs/interface.md, The public log):
 * under the writer's lease (db/public-log.ts), the entries chained since the last checkpoint are
 * appended as C2SP tlog-tiles (entry bundles, then hash tiles, each built on the tiles already
 * written and checked against the last signed root), a new checkpoint is signed and written, and
 * only then recorded, so the checkpoint on the site never runs ahead of its tiles and never goes
 * back. The first append also puts the log's verifier key in the deployment's key file.
 */
import { randomUUID } from 'node:crypto';
import { listAuditEntries } from '../db/audit.js';
import {
  giveUpLogLease,
  readPublicLogState,
  recordKeyPublished,
  recordLogAppend,
  releaseLogLease,
  takeLogLease,
} from '../db/public-log.js';
import {
  appendEntries,
  formatCheckpoint,
  fromHex,
  type NoteSigner,
  signNote,
  tilePath,
  toHex,
} from '../domain/log/index.js';
import { entriesToAppend, logOrigin, withKeyLine } from '../domain/public-log.js';
import { LOG_KEYS_FILE, publicPaths } from '../domain/public-paths.js';
import { inPool } from '../in-pool.js';
import { logger } from '../logger.js';
import { AGAIN, retrying } from '../retry.js';
import type { LogFiles } from '../storage/log-files.js';
import { publicLogDue } from './public-log-due.js';

/** Longer than the writer's Lambda timeout (60 s): a lease only runs out when its holder is gone. */
const LEASE_MS = 90_000;
/** No round starts with less time left than this (the writer's Lambda timeout is 60 s). */
const ROUND_RESERVE_MS = 20_000;
/** Entries read and appended in one round (a checkpoint per round). */
const ENTRIES_PER_ROUND = 1_024;
const FILES_AT_ONCE = 16;

export interface LogWriter {
  files: LogFiles;
  /** The deployment's log name (LOG_NAME): the origins are `<name>/results/<e>/log`. */
  logName: string;
  signer: (origin: string) => Promise<NoteSigner & { verifierKey: string }>;
  now?: () => Date;
  /** The invocation's time left (Lambda's getRemainingTimeInMillis): no round starts too late. */
  timeLeftMs?: () => number;
}

export interface AppendReport {
  electionId: string;
  /** "busy": another writer holds the lease, and appends once more before letting it go. */
  outcome: 'appended' | 'up-to-date' | 'busy';
  size: number;
}

export async function appendPublicLog(electionId: string, writer: LogWriter): Promise<AppendReport> {
  const now = writer.now ?? (() => new Date());
  // Nothing chained since the last checkpoint (the reconciliation asks every minute): no lease
  // taken, no write, so the publisher, which hears the log's state item, is not woken for nothing.
  const { due, state } = await publicLogDue(electionId);
  if (!due) return { electionId, outcome: 'up-to-date', size: state.size };
  const holder = randomUUID();
  const lease = await takeLogLease(electionId, holder, now(), new Date(now().getTime() + LEASE_MS));
  if (lease === 'busy')
    return { electionId, outcome: 'busy', size: (await readPublicLogState(electionId)).size };
  let appended = false;
  for (;;) {
    const round = await appendRound(electionId, holder, writer, now());
    appended ||= round.appended;
    // On a busy night entries keep coming: a writer that kept taking them would outlive its
    // timeout and leave its lease standing for LEASE_MS. It lets go in time; the next one goes on.
    if (round.appended && (writer.timeLeftMs?.() ?? Number.POSITIVE_INFINITY) < ROUND_RESERVE_MS) {
      await giveUpLogLease(electionId, holder);
      return { electionId, outcome: 'appended', size: round.size };
    }
    if (round.appended) continue;
    if (await releaseLogLease(electionId, holder))
      return { electionId, outcome: appended ? 'appended' : 'up-to-date', size: round.size };
  }
}

/** One round: the entries chained after the log's size, appended, signed and recorded. */
async function appendRound(electionId: string, holder: string, writer: LogWriter, at: Date) {
  const state = await readPublicLogState(electionId);
  const origin = logOrigin(writer.logName, electionId);
  const signer = await writer.signer(origin);
  if (!state.keyPublished) await publishKey(electionId, holder, writer.files, signer.verifierKey);
  const fresh = entriesToAppend(
    state.size,
    await listAuditEntries(electionId, state.size, ENTRIES_PER_ROUND),
  );
  if (fresh.length === 0) return { appended: false, size: state.size };
  const prefix = publicPaths(electionId).log;
  const read = async (path: string) => {
    const bytes = await writer.files.get(prefix + path);
    if (!bytes) throw new Error(`the public log of ${electionId} has no ${path}`);
    return bytes;
  };
  const result = await appendEntries({
    size: state.size,
    entries: fresh.map((e) => e.bytes),
    reader: {
      readTile: (level, index, width) => read(tilePath({ level, index, width })),
      readEntryBundle: (index, width) => read(tilePath({ level: 'entries', index, width })),
    },
    ...(state.root ? { previousRoot: fromHex(state.root) } : {}),
  });
  // Bundles and tiles first, each under a name of its own: a reader never sees a checkpoint without them.
  await inPool([...result.bundles, ...result.tiles], FILES_AT_ONCE, (file) =>
    writer.files.putTile(prefix + file.path, file.bytes),
  );
  const checkpoint = await signNote(
    formatCheckpoint({ origin, size: result.size, root: result.root, time: at }),
    [signer],
  );
  await writer.files.putText(`${prefix}checkpoint`, checkpoint);
  const sections = [...new Set(fresh.flatMap((e) => (e.sectionId ? [e.sectionId] : [])))];
  const recorded = await recordLogAppend(electionId, holder, {
    size: result.size,
    root: toHex(result.root),
    checkpoint,
    sections,
    at: at.toISOString(),
  });
  if (!recorded) throw new Error(`the public log writer of ${electionId} lost its lease while appending`);
  logger.info('public log appended', { electionId, entries: fresh.length, size: result.size });
  return { appended: true, size: result.size };
}

/**
 * Puts the log's verifier key in the deployment's key file, and reads it back: two elections'
 * first appends at once could each write the file without the other's line, so a writer whose
 * line is missing after writing writes it again.
 */
async function publishKey(electionId: string, holder: string, files: LogFiles, verifierKey: string) {
  await retrying(
    {
      attempts: 5,
      baseMs: 50,
      maxMs: 500,
      exhausted: () => new Error(`the verifier key of ${electionId}'s log did not stay in ${LOG_KEYS_FILE}`),
    },
    async () => {
      const current = await files.get(LOG_KEYS_FILE);
      const text = current ? new TextDecoder().decode(current) : undefined;
      if (text?.split('\n').includes(verifierKey)) return recordKeyPublished(electionId, holder);
      await files.putText(LOG_KEYS_FILE, withKeyLine(text, verifierKey));
      return AGAIN;
    },
  );
}
