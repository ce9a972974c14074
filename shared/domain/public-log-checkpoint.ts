/**
 * Opening an election's signed checkpoint as its readers must: the log's key taken from the
 * deployment's key file (the line whose name is this election's log), the note's Ed25519
 * signature verified with it, the checkpoint parsed and its origin checked to be that name.
 * Also opens a checkpoint saved earlier with the same key. Every read through an injected
 * fetcher; browser-safe.
 */
import { type Checkpoint, parseCheckpoint } from './log/checkpoint.js';
import { NoteError, type NoteVerifier, openNote, parseVerifierKey } from './log/signed-note.js';
import { entryBundlePath } from './log/tile-path.js';
import { type LogCheck, LogCheckError } from './public-log-checks.js';
import { type FetchPublicFile, LOG_KEYS_PATH, publicLogPaths } from './public-log-paths.js';

export interface OpenedCheckpoint {
  checkpoint: Checkpoint;
  verifier: NoteVerifier;
  /** The signed note as published, for `--save`. */
  note: string;
}

const utf8 = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);

/** Reads a published file that must exist; its absence fails `check`. */
export async function required(
  fetchFile: FetchPublicFile,
  path: string,
  check: LogCheck,
): Promise<Uint8Array> {
  const bytes = await fetchFile(path);
  if (!bytes) throw new LogCheckError(check, `${path} is not published`);
  return bytes;
}

/** The key of this election's log, from the deployment's key file. */
export async function logVerifier(fetchFile: FetchPublicFile, electionId: string): Promise<NoteVerifier> {
  const { originSuffix } = publicLogPaths(electionId);
  const bytes = await required(fetchFile, LOG_KEYS_PATH, 'key');
  let text: string;
  try {
    text = utf8(bytes);
  } catch {
    throw new LogCheckError('key', `${LOG_KEYS_PATH} is not UTF-8`);
  }
  const lines = text.split('\n').map((line) => line.trim());
  const line = lines.find((l) => l.split('+')[0]?.endsWith(originSuffix));
  if (!line) throw new LogCheckError('key', `${LOG_KEYS_PATH} has no key named …${originSuffix}`);
  try {
    return parseVerifierKey(line);
  } catch (error) {
    throw new LogCheckError('key', `the key of the log is not well formed: ${(error as Error).message}`);
  }
}

/** Opens a signed checkpoint note with the log's key, as `check` (current or saved). */
export function openCheckpointNote(
  note: string | Uint8Array,
  verifier: NoteVerifier,
  check: 'checkpoint' | 'saved-checkpoint',
): { checkpoint: Checkpoint; note: string } {
  const signatureCheck = check === 'checkpoint' ? 'signature' : 'saved-checkpoint';
  let text: string;
  try {
    text = openNote(note, [verifier]).text;
  } catch (error) {
    if (error instanceof NoteError && error.kind !== 'malformed')
      throw new LogCheckError(
        signatureCheck,
        `the checkpoint is not signed by ${verifier.name}: ${error.message}`,
      );
    throw new LogCheckError(check, `the checkpoint is not a signed note: ${(error as Error).message}`);
  }
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(text);
  } catch (error) {
    throw new LogCheckError(check, (error as Error).message);
  }
  if (checkpoint.origin !== verifier.name)
    throw new LogCheckError(check, `the checkpoint's origin ${checkpoint.origin} is not ${verifier.name}`);
  return { checkpoint, note: typeof note === 'string' ? note : new TextDecoder().decode(note) };
}

/** The election's current checkpoint, its signature verified with the log's key. */
export async function openCurrentCheckpoint(
  fetchFile: FetchPublicFile,
  electionId: string,
  passed: LogCheck[],
): Promise<OpenedCheckpoint> {
  const verifier = await logVerifier(fetchFile, electionId);
  passed.push('key');
  const bytes = await required(fetchFile, publicLogPaths(electionId).checkpoint, 'checkpoint');
  const opened = openCheckpointNote(bytes, verifier, 'checkpoint');
  passed.push('signature', 'checkpoint');
  return { ...opened, verifier };
}

/** The path of the entry bundle that holds `index` in a tree of `size` leaves, and its width. */
export function bundleOf(electionId: string, index: number, size: number) {
  const bundle = Math.floor(index / 256);
  const width = Math.min(256, size - bundle * 256);
  return { bundle, width, path: `${publicLogPaths(electionId).prefix}${entryBundlePath(bundle, width)}` };
}
