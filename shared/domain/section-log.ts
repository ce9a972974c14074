/**
 * A section's rows of the public log, for its published file (docs/interface.md, The public log):
 * every stored version already in the log, with its receipt and index, and its body when the body
 * is public, so anyone can check the entry's `bodyHash` against it. Pure.
 */
import { auditEventOf } from './audit-events.js';
import { publicLogEntryOf, receiptOf } from './public-log-entry.js';

export interface SectionLogRow {
  /** "results" or "turnout/<slotId>". */
  item: string;
  version: number;
  receipt: string;
  logIndex: number;
  /** The stored body, when it is public (counts only once they are published). */
  body?: unknown;
}

export interface LoggedVersion {
  /** The version's history record, as stored. */
  record: Record<string, unknown>;
  /** Its audit entry's seq: log index seq - 1. */
  seq: number;
}

/**
 * The rows of the versions in a log of `logSize` entries, in log order. `countsPublic` says
 * whether the counts' bodies may be shown (not before countsFrom); turnout readings always are.
 */
export function sectionLogRows(
  versions: readonly LoggedVersion[],
  logSize: number,
  countsPublic: boolean,
): SectionLogRow[] {
  return versions
    .filter(({ seq }) => seq <= logSize)
    .sort((a, b) => a.seq - b.seq)
    .map(({ record, seq }) => {
      const entry = publicLogEntryOf(auditEventOf(record));
      const showBody = entry.item !== 'results' || countsPublic;
      return {
        item: entry.item ?? '',
        version: entry.version ?? 0,
        receipt: receiptOf(entry),
        logIndex: seq - 1,
        ...(showBody ? { body: record.body } : {}),
      };
    });
}
