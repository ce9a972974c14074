/**
 * The checks a verifier of the public log makes, each named, and how one is reported as failed:
 * the page and the command line say which check failed, in their own words, with its detail.
 * Browser-safe.
 */

export type LogCheck =
  /** The site answered: a file could be read, or is absent (404); not a network failure. */
  | 'site'
  /** The receipt is 64 hexadecimal digits. */
  | 'receipt'
  /** `/results/log-key.txt` holds a well-formed key named after this election's log. */
  | 'key'
  /** The checkpoint is published, well formed, and its origin is this election's log. */
  | 'checkpoint'
  /** The checkpoint is signed by the log's key. */
  | 'signature'
  /** The section's published file lists the receipt, with its log index. */
  | 'section-file'
  /** Without a section: an entry of the log hashes to the receipt. */
  | 'receipt-in-log'
  /** The receipt's index is within the signed checkpoint. */
  | 'in-checkpoint'
  /** The entry bundles are published and decode. */
  | 'entry-bundle'
  /** The entry at the receipt's index hashes to the receipt. */
  | 'leaf-hash'
  /** The inclusion proof read from the tiles leads to the checkpoint's signed root. */
  | 'inclusion'
  /** Entries are canonical JSON of this election (and of the receipt's section and version). */
  | 'entry'
  /** The published body hashes to the entry's bodyHash. */
  | 'body-hash'
  /** Every hash tile equals the tree recomputed from all the entries. */
  | 'tile'
  /** The tree recomputed from all the entries has the checkpoint's signed root. */
  | 'root'
  /** The saved checkpoint is signed by the log's key and is of the same log. */
  | 'saved-checkpoint'
  /** The consistency proof from the tiles leads from the saved checkpoint to the current one. */
  | 'consistency';

export interface LogCheckFailure {
  check: LogCheck;
  /** What was found, in English, for the command line and for a developer. */
  detail: string;
}

/** Thrown by a step of a verification, caught by the verification that reports it. */
export class LogCheckError extends Error {
  override name = 'LogCheckError';
  constructor(
    readonly check: LogCheck,
    readonly detail: string,
  ) {
    super(`${check}: ${detail}`);
  }
}

/** The failure an error stands for: a check's own, or `fallback` for anything unexpected. */
export function failureOf(error: unknown, fallback: LogCheck): LogCheckFailure {
  if (error instanceof LogCheckError) return { check: error.check, detail: error.detail };
  return { check: fallback, detail: error instanceof Error ? error.message : String(error) };
}
