/**
 * C2SP tlog-checkpoint bodies: `<origin>\n<size>\n<base64 root>\n`, then optional extension
 * lines. This system adds one, `time <ISO 8601 UTC>`, the instant the log signed it, so a
 * verifier can say when the tree was as it shows. The body is only trusted once its signed note
 * is verified (signed-note.ts). Browser-safe.
 */
import { fromBase64, toBase64 } from './base64.js';
import { HASH_SIZE, type Hash } from './rfc6962.js';

export interface Checkpoint {
  origin: string;
  size: number;
  root: Hash;
  /** Every extension line, in order, the time line included. */
  extensions: string[];
  /** The instant of the `time` extension line, when there is a well-formed one. */
  time?: string;
}

export class MalformedCheckpointError extends Error {
  override name = 'MalformedCheckpointError';
}

const TIME_LINE = /^time (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z)$/;
const SIZE = /^(0|[1-9][0-9]*)$/;

/** The `time` extension line of an instant (a Date, or an ISO 8601 text in UTC). */
export function timeLine(at: Date | string): string {
  const text = typeof at === 'string' ? at : at.toISOString();
  const line = `time ${text}`;
  if (!TIME_LINE.test(line) || Number.isNaN(Date.parse(text)))
    throw new Error(`not an ISO 8601 instant in UTC: ${text}`);
  return line;
}

export interface CheckpointInput {
  origin: string;
  size: number;
  root: Hash;
  /** When it is signed: written as the `time` extension line. */
  time?: Date | string;
  /** Further extension lines, after the time line. */
  extensions?: readonly string[];
}

/** The checkpoint's note text, ending in a newline, ready to be signed. */
export function formatCheckpoint({ origin, size, root, time, extensions = [] }: CheckpointInput): string {
  if (origin === '' || /[\n\r]/.test(origin)) throw new Error('a checkpoint origin is one non-empty line');
  if (!Number.isSafeInteger(size) || size < 0) throw new Error(`not a tree size: ${size}`);
  if (root.length !== HASH_SIZE) throw new Error('a checkpoint root is a SHA-256 hash');
  const lines = [
    origin,
    String(size),
    toBase64(root),
    ...(time !== undefined ? [timeLine(time)] : []),
    ...extensions,
  ];
  if (lines.some((line) => line === '' || /[\n\r]/.test(line)))
    throw new Error('checkpoint extension lines are single non-empty lines');
  return `${lines.join('\n')}\n`;
}

/** The checkpoint a note's text holds; throws MalformedCheckpointError otherwise. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new MalformedCheckpointError('a checkpoint ends with a newline');
  const lines = text.slice(0, -1).split('\n');
  const [origin = '', sizeText = '', rootText = '', ...extensions] = lines;
  if (lines.length < 3 || lines.some((line) => line === ''))
    throw new MalformedCheckpointError('a checkpoint has an origin, a size and a root, on non-empty lines');
  if (!SIZE.test(sizeText) || !Number.isSafeInteger(Number(sizeText)))
    throw new MalformedCheckpointError(`not a tree size: ${sizeText}`);
  const root = fromBase64(rootText);
  if (!root || root.length !== HASH_SIZE) throw new MalformedCheckpointError(`not a root hash: ${rootText}`);
  const time = extensions.map((line) => TIME_LINE.exec(line)?.[1]).find((at) => at !== undefined);
  return {
    origin,
    size: Number(sizeText),
    root,
    extensions,
    ...(time !== undefined && !Number.isNaN(Date.parse(time)) ? { time } : {}),
  };
}
