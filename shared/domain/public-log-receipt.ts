/**
 * Verifying an officer's receipt against an election's public log, as anyone can from the
 * published files alone: the checkpoint signed by the log's key; the receipt's index from the
 * section's published file (or, without a section, by hashing the entry bundles until an entry
 * is the receipt's); the entry at that index hashing to the receipt; its inclusion proof, read
 * from the tiles, leading to the signed root; the entry naming this election, section, item and
 * version; the published body hashing to the entry's bodyHash. Answers what the receipt proves,
 * or the one check that failed. Every read through an injected fetcher; browser-safe.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonical-json.js';
import { verifyInclusion } from './log/merkle-proofs.js';
import { fromHex, leafHash, toHex } from './log/rfc6962.js';
import { inclusionProof, TreeHashes } from './log/tree-from-tiles.js';
import { openCurrentCheckpoint } from './public-log-checkpoint.js';
import { failureOf, type LogCheck, LogCheckError, type LogCheckFailure } from './public-log-checks.js';
import type { PublicLogEntry } from './public-log-entry.js';
import { parseEntry, readBundle, tileReader } from './public-log-files.js';
import { type FetchPublicFile, publicLogPaths, reporting } from './public-log-paths.js';

export const RECEIPT = /^[0-9a-f]{64}$/;

/** One line of a section file's `log`: a stored version in the log, with its body once published. */
export interface SectionLogLine {
  item: string;
  version: number;
  receipt: string;
  logIndex: number;
  body?: unknown;
}

export interface ReceiptQuery {
  electionId: string;
  receipt: string;
  /** The section the receipt is of: its file gives the index at once; without it, the bundles are scanned. */
  sectionId?: string;
}

/** What a verified receipt proves. */
export interface ReceiptProof {
  electionId: string;
  receipt: string;
  sectionId?: string;
  item?: string;
  version?: number;
  /** The entry's kind: submit, correct, approve, ... */
  kind: string;
  status?: string;
  /** When the write was made, as the entry says. */
  at: string;
  /** The stored body (the numbers), when published and checked against the entry's bodyHash. */
  body?: unknown;
  logIndex: number;
  treeSize: number;
  /** When the checkpoint was signed (its time line). */
  signedAt?: string;
  /** The checkpoint's root, lowercase hex. */
  root: string;
  entry: PublicLogEntry;
  /** The signed checkpoint note it was verified under, as published. */
  checkpointNote: string;
}

export type ReceiptVerdict =
  | { ok: true; proof: ReceiptProof; passed: LogCheck[] }
  | { ok: false; failure: LogCheckFailure; passed: LogCheck[] };

export async function verifyReceipt(site: FetchPublicFile, query: ReceiptQuery): Promise<ReceiptVerdict> {
  const fetchFile = reporting(site);
  const passed: LogCheck[] = [];
  try {
    return { ok: true, proof: await verify(fetchFile, query, passed), passed };
  } catch (error) {
    return { ok: false, failure: failureOf(error, 'checkpoint'), passed };
  }
}

async function verify(
  fetchFile: FetchPublicFile,
  query: ReceiptQuery,
  passed: LogCheck[],
): Promise<ReceiptProof> {
  const { electionId, sectionId } = query;
  const receipt = query.receipt.trim().toLowerCase();
  if (!RECEIPT.test(receipt)) throw new LogCheckError('receipt', 'a receipt is 64 hexadecimal digits');
  passed.push('receipt');
  const { checkpoint, note } = await openCurrentCheckpoint(fetchFile, electionId, passed);
  const size = checkpoint.size;

  let line: SectionLogLine | undefined;
  let logIndex: number;
  if (sectionId !== undefined) {
    line = await sectionLine(fetchFile, electionId, sectionId, receipt);
    logIndex = line.logIndex;
    passed.push('section-file');
  } else {
    logIndex = await scanFor(fetchFile, electionId, receipt, size);
    passed.push('receipt-in-log');
  }
  if (logIndex >= size)
    throw new LogCheckError(
      'in-checkpoint',
      `the receipt is at index ${logIndex}, beyond the checkpoint's ${size} entries: not yet signed, try again in a minute`,
    );
  passed.push('in-checkpoint');

  const entries = await readBundle(fetchFile, electionId, logIndex, size);
  passed.push('entry-bundle');
  const bytes = entries[logIndex % 256] as Uint8Array;
  if (toHex(leafHash(bytes)) !== receipt)
    throw new LogCheckError('leaf-hash', `the entry at index ${logIndex} does not hash to the receipt`);
  passed.push('leaf-hash');

  const tree = new TreeHashes(size, tileReader(fetchFile, electionId, 'inclusion'));
  let proof: Uint8Array[];
  try {
    proof = await inclusionProof(tree, logIndex);
  } catch (error) {
    throw error instanceof LogCheckError
      ? error
      : new LogCheckError('inclusion', `the tiles do not give a proof: ${(error as Error).message}`);
  }
  if (!verifyInclusion(logIndex, size, fromHex(receipt), proof, checkpoint.root))
    throw new LogCheckError(
      'inclusion',
      `the inclusion proof read from the tiles does not lead to the signed root`,
    );
  passed.push('inclusion');

  const entry = parseEntry(bytes, electionId, logIndex);
  if (sectionId !== undefined && entry.sectionId !== sectionId)
    throw new LogCheckError('entry', `the entry is of section ${String(entry.sectionId)}, not ${sectionId}`);
  // Found by scanning: the entry names its section, whose file may publish the body.
  if (!line && entry.sectionId !== undefined)
    line = await sectionLine(fetchFile, electionId, entry.sectionId, receipt).catch(() => undefined);
  if (line && (entry.item !== line.item || entry.version !== line.version))
    throw new LogCheckError(
      'entry',
      `the entry is ${String(entry.item)} version ${String(entry.version)}, the section file says ${line.item} version ${line.version}`,
    );
  passed.push('entry');

  if (line?.body !== undefined) {
    const hash = bytesToHex(sha256(utf8ToBytes(canonicalJson(line.body))));
    if (entry.bodyHash !== hash)
      throw new LogCheckError(
        'body-hash',
        `the published body hashes to ${hash}, the entry says ${String(entry.bodyHash)}`,
      );
    passed.push('body-hash');
  }

  return {
    electionId,
    receipt,
    ...(entry.sectionId !== undefined ? { sectionId: entry.sectionId } : {}),
    ...(entry.item !== undefined ? { item: entry.item } : {}),
    ...(entry.version !== undefined ? { version: entry.version } : {}),
    kind: entry.kind,
    ...(entry.status !== undefined ? { status: entry.status } : {}),
    at: entry.at,
    ...(line?.body !== undefined ? { body: line.body } : {}),
    logIndex,
    treeSize: size,
    ...(checkpoint.time !== undefined ? { signedAt: checkpoint.time } : {}),
    root: toHex(checkpoint.root),
    entry,
    checkpointNote: note,
  };
}

/** The line of the section's published file that lists the receipt. */
async function sectionLine(
  fetchFile: FetchPublicFile,
  electionId: string,
  sectionId: string,
  receipt: string,
): Promise<SectionLogLine> {
  const path = publicLogPaths(electionId).section(sectionId);
  const bytes = await fetchFile(path);
  if (!bytes) throw new LogCheckError('section-file', `${path} is not published: no such section?`);
  let file: unknown;
  try {
    file = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new LogCheckError('section-file', `${path} is not JSON`);
  }
  const lines = (file as { log?: unknown }).log;
  if (!Array.isArray(lines)) throw new LogCheckError('section-file', `${path} lists no log`);
  const line = lines.find((l) => (l as SectionLogLine | null)?.receipt === receipt) as
    | SectionLogLine
    | undefined;
  if (!line) throw new LogCheckError('section-file', `${path} does not list this receipt`);
  if (!Number.isSafeInteger(line.logIndex) || line.logIndex < 0 || typeof line.item !== 'string')
    throw new LogCheckError('section-file', `${path} lists the receipt without a log index`);
  return line;
}

/** The index of the entry whose leaf hash is the receipt, hashing the bundles from the newest. */
async function scanFor(fetchFile: FetchPublicFile, electionId: string, receipt: string, size: number) {
  for (let bundle = Math.ceil(size / 256) - 1; bundle >= 0; bundle--) {
    const entries = await readBundle(fetchFile, electionId, bundle * 256, size);
    const at = entries.findIndex((entry) => toHex(leafHash(entry)) === receipt);
    if (at >= 0) return bundle * 256 + at;
  }
  throw new LogCheckError('receipt-in-log', `no entry of the log's ${size} hashes to this receipt`);
}
