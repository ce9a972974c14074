/**
 * The public log of an election, as the writer names and publishes it (docs/interface.md, The
 * public log): its origin line, the entries of a run of audit entries, and the deployment's key
 * file, one verifier key a line. Pure; the log's mechanics are in ./log/.
 */
import type { AuditEntry } from './audit-chain.js';
import { logEntryBytes, publicLogEntryOf } from './public-log-entry.js';

/**
 * The checkpoint's origin line, which is also its key's name: `<log name>/results/<e>/log`, the
 * log name being the deployment's (LOG_NAME), so two deployments' logs never share an origin.
 */
export const logOrigin = (logName: string, electionId: string) => `${logName}/results/${electionId}/log`;

/**
 * The entries to append after a log of `size` entries: the audit entries with seq size+1,
 * size+2, ... in order (seq n is log index n-1), stopping at the first gap, so the log never skips
 * a record nor takes one twice.
 */
export function entriesToAppend(size: number, audit: readonly AuditEntry[]) {
  const run: AuditEntry[] = [];
  for (const entry of [...audit].sort((a, b) => a.seq - b.seq)) {
    if (entry.seq <= size + run.length) continue;
    if (entry.seq !== size + run.length + 1) break;
    run.push(entry);
  }
  return run.map((entry) => ({
    seq: entry.seq,
    sectionId: entry.event.sectionId,
    bytes: logEntryBytes(publicLogEntryOf(entry.event)),
  }));
}

/** The key file with `line` in it: one line per key name, sorted, the name's earlier line replaced. */
export function withKeyLine(file: string | undefined, line: string): string {
  const nameOf = (l: string) => l.split('+')[0];
  const lines = (file ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && nameOf(l) !== nameOf(line));
  return `${[...lines, line].sort().join('\n')}\n`;
}
