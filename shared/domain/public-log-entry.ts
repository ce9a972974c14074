/**
 * The public log's entry of an audited write (docs/interface.md, The public log): what anyone may
 * read about it, derived from its history record alone, so the submission that writes the record
 * can answer its receipt at once, and the log, written later, holds the very same bytes. Names
 * roles and opaque credential ids, never a token, a token's hash, a password or a secret; a
 * section's write carries its body's hash, and its published file carries the body. Browser-safe.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Actor } from './actor.js';
import type { AuditAction, AuditEvent } from './audit-events.js';
import { canonicalJson } from './canonical-json.js';
import { leafHash, toHex } from './log/rfc6962.js';

/** C2SP tlog-tiles: an entry bundle prefixes each entry with its length as a 16-bit integer. */
export const MAX_LOG_ENTRY_BYTES = 65_535;

export type LogRole = 'officer' | 'staff' | 'terminal';

export interface PublicLogEntry {
  electionId: string;
  kind: AuditAction;
  at: string;
  role: LogRole;
  credentialId: string;
  sectionId?: string;
  /** "results" or "turnout/<slotId>". */
  item?: string;
  version?: number;
  status?: string;
  /** Lowercase hex SHA-256 of the stored body's canonical JSON. */
  bodyHash?: string;
  /** A staff decision's reason (approve, reopen). */
  reason?: string;
  /** The credential a staff write issued or revoked, as an opaque id. */
  subjectCredentialId?: string;
  definitionHash?: string;
  sections?: number;
  sectionsReported?: number;
}

/**
 * An opaque, stable id for a credential: 16 hex digits of SHA-256 over a label and the audit
 * trail's own name for it (a 12-digit prefix of the token's hash, a staff username, or
 * "terminal:<user>"). It tells credentials apart and cannot be turned back into any of them.
 */
export const opaqueCredentialId = (name: string) =>
  bytesToHex(sha256(utf8ToBytes(`election-night public log credential\n${name}`))).slice(0, 16);

const roleOf = (actor: Actor): LogRole =>
  actor.role === 'officer' ? 'officer' : actor.credential.startsWith('terminal:') ? 'terminal' : 'staff';

/** "turnout T1" (the trail's item name) as the log writes it: "turnout/T1". */
const itemOf = (name: unknown) => (typeof name === 'string' ? name.replace(' ', '/') : undefined);

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const count = (value: unknown) => (typeof value === 'number' ? value : undefined);

/** The public entry of one audited write. */
export function publicLogEntryOf(event: AuditEvent): PublicLogEntry {
  const { what, actor } = event;
  const entry: PublicLogEntry = {
    electionId: event.electionId,
    kind: event.action,
    at: event.at,
    role: roleOf(actor),
    credentialId: opaqueCredentialId(actor.username ?? actor.credential),
    ...(event.sectionId !== undefined ? { sectionId: event.sectionId } : {}),
  };
  switch (event.action) {
    case 'submit':
    case 'correct':
      return {
        ...entry,
        item: itemOf(what.item),
        version: count(what.version),
        status: text(what.status),
        bodyHash: text(what.bodyHash),
      };
    case 'approve':
    case 'reopen':
      return {
        ...entry,
        item: itemOf(what.item),
        version: count(what.version),
        status: text(what.status),
        reason: text(what.reason),
      };
    case 'issue-credential':
    case 'revoke-credential':
      return { ...entry, subjectCredentialId: opaqueCredentialId(String(what.credential)) };
    case 'define':
      return { ...entry, definitionHash: text(what.definitionHash), sections: count(what.sections) };
    case 'certify':
      return { ...entry, sectionsReported: count(what.sectionsReported) };
    default:
      return entry;
  }
}

/** The entry's bytes in the log: its canonical JSON in UTF-8. Throws past the bundle's limit. */
export function logEntryBytes(entry: PublicLogEntry): Uint8Array {
  const bytes = utf8ToBytes(canonicalJson(entry));
  if (bytes.length > MAX_LOG_ENTRY_BYTES)
    throw new Error(`a public log entry of ${bytes.length} bytes is over ${MAX_LOG_ENTRY_BYTES}`);
  return bytes;
}

/** A write's receipt: the lowercase hex leaf hash of its entry. */
export const receiptOf = (entry: PublicLogEntry) => toHex(leafHash(logEntryBytes(entry)));
