/**
 * The audited writes. Every write that changes what an election is or what it counts leaves an
 * insert-only record (its SK starts with HISTORY#) in the same transaction as the write itself;
 * the audit chain is made of these records, so no write can happen without its record, and a
 * record, once chained, can be checked against the chain for ever after.
 */
import * as z from 'zod';
import { type Actor, ActorSchema } from './actor.js';
import { hashOf } from './canonical.js';
import type { ElectionHead, Section } from './election.js';

export const AUDIT_RECORD_TYPES = [
  'DefinitionRecord',
  'CredentialRecord',
  'SubmissionVersion',
  'Review',
  'CertificationRecord',
  'CertificationApproval',
  'StaffRecord',
] as const;

export type AuditAction =
  | 'define'
  | 'issue-credential'
  | 'revoke-credential'
  | 'submit'
  | 'correct'
  | 'approve'
  | 'reopen'
  | 'certify'
  | 'certify-approval'
  | 'create-account'
  | 'change-account'
  | 'disable-account'
  | 'enable-account'
  | 'sign-in'
  | 'sign-out'
  | 'change-password';

/** One audited write: who, when, what, and the hash of the record it was read from. */
export interface AuditEvent {
  electionId: string;
  sectionId?: string;
  action: AuditAction;
  at: string;
  actor: Actor;
  /** What the write did, in a few fields: enough to read the trail without the records. */
  what: Record<string, unknown>;
  /** The record's key, "PK|SK|SK", so a verifier can read it again. */
  source: string;
  /** SHA-256 of the record's canonical JSON, as stored. */
  contentHash: string;
}

/**
 * The hash of a definition as the table holds it (its head, and its sections in id order), so a
 * verifier can tell whether a stored section or head was changed after it was defined.
 */
export const storedDefinitionHash = (head: ElectionHead, sections: readonly Section[]) =>
  hashOf({ head, sections: [...sections].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) });

export const sourceOf = (key: { PK: string; SK: string }) => `${key.PK}|SK|${key.SK}`;

export function keyOfSource(source: string): { PK: string; SK: string } {
  const [PK = '', SK = ''] = source.split('|SK|');
  return { PK, SK };
}

const base = { PK: z.string(), SK: z.string(), electionId: z.string() };

/** The items a write re-judged beside it (lifecycle.ts), as its history record lists them. */
const RecheckedSchema = z
  .array(
    z.object({
      kind: z.enum(['results', 'turnout']),
      slotId: z.string().optional(),
      status: z.string(),
      checks: z.array(z.string()),
    }),
  )
  .optional();

const RecordSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('DefinitionRecord'),
    definitionHash: z.string(),
    storedHash: z.string(),
    sections: z.number().int(),
    definedAt: z.string(),
    definedBy: ActorSchema,
  }),
  z.object({
    ...base,
    type: z.literal('CredentialRecord'),
    sectionId: z.string(),
    action: z.enum(['issue', 'revoke']),
    credential: z.string(),
    replaces: z.string().optional(),
    at: z.string(),
    by: ActorSchema,
  }),
  z.object({
    ...base,
    type: z.literal('SubmissionVersion'),
    sectionId: z.string(),
    kind: z.enum(['results', 'turnout']),
    slotId: z.string().optional(),
    version: z.number().int().positive(),
    status: z.string(),
    checks: z.array(z.object({ code: z.string() }).loose()),
    bodyHash: z.string(),
    submittedAt: z.string(),
    submittedBy: ActorSchema,
    rechecked: RecheckedSchema,
  }),
  z.object({
    ...base,
    type: z.literal('Review'),
    sectionId: z.string(),
    kind: z.enum(['results', 'turnout']),
    slotId: z.string().optional(),
    action: z.enum(['approve', 'reopen']),
    reason: z.string(),
    version: z.number().int().positive(),
    status: z.string(),
    at: z.string(),
    by: ActorSchema,
    rechecked: RecheckedSchema,
  }),
  z.object({
    ...base,
    type: z.literal('CertificationRecord'),
    certifiedAt: z.string(),
    sectionsReported: z.number().int(),
    by: ActorSchema,
    /** With certifyApprovals: 2, who approved first. */
    approvedBy: ActorSchema.optional(),
  }),
  z.object({
    ...base,
    type: z.literal('CertificationApproval'),
    at: z.string(),
    by: ActorSchema,
  }),
  z.object({
    ...base,
    type: z.literal('StaffRecord'),
    action: z.enum(['create', 'change', 'disable', 'enable', 'sign-in', 'sign-out', 'change-password']),
    username: z.string(),
    name: z.string(),
    role: z.string(),
    elections: z.union([z.literal('all'), z.array(z.string())]),
    rev: z.number().int().positive(),
    session: z.string().optional(),
    at: z.string(),
    by: ActorSchema,
  }),
]);

const STAFF_ACTIONS = {
  create: 'create-account',
  change: 'change-account',
  disable: 'disable-account',
  enable: 'enable-account',
  'sign-in': 'sign-in',
  'sign-out': 'sign-out',
  'change-password': 'change-password',
} as const satisfies Record<string, AuditAction>;

/** "results" or "turnout T1": which of a section's items a version or review is about. */
export const itemNameOf = (r: { kind: 'results' | 'turnout'; slotId?: string | undefined }) =>
  r.kind === 'results' ? 'results' : `turnout ${r.slotId ?? ''}`;

const rechecksOf = (rechecked: z.infer<typeof RecheckedSchema>) =>
  rechecked
    ? { rechecked: rechecked.map((r) => ({ item: itemNameOf(r), status: r.status, checks: r.checks })) }
    : {};

/**
 * The audit event of a stored history record. Throws on a record that is not one (a poison
 * stream record, or a tampered one).
 */
export function auditEventOf(item: Record<string, unknown>): AuditEvent {
  const record = RecordSchema.parse(item);
  const common = {
    electionId: record.electionId,
    source: sourceOf(record),
    contentHash: hashOf(item),
  };
  switch (record.type) {
    case 'DefinitionRecord':
      return {
        ...common,
        action: 'define',
        at: record.definedAt,
        actor: record.definedBy,
        what: {
          definitionHash: record.definitionHash,
          storedHash: record.storedHash,
          sections: record.sections,
        },
      };
    case 'CredentialRecord':
      return {
        ...common,
        sectionId: record.sectionId,
        action: record.action === 'issue' ? 'issue-credential' : 'revoke-credential',
        at: record.at,
        actor: record.by,
        what: { credential: record.credential, ...(record.replaces ? { replaces: record.replaces } : {}) },
      };
    case 'SubmissionVersion':
      return {
        ...common,
        sectionId: record.sectionId,
        action: record.version === 1 ? 'submit' : 'correct',
        at: record.submittedAt,
        actor: record.submittedBy,
        what: {
          item: itemNameOf(record),
          version: record.version,
          status: record.status,
          bodyHash: record.bodyHash,
          checks: record.checks.map((c) => c.code),
          ...rechecksOf(record.rechecked),
        },
      };
    case 'Review':
      return {
        ...common,
        sectionId: record.sectionId,
        action: record.action,
        at: record.at,
        actor: record.by,
        what: {
          item: itemNameOf(record),
          version: record.version,
          status: record.status,
          reason: record.reason,
          ...rechecksOf(record.rechecked),
        },
      };
    case 'CertificationRecord':
      return {
        ...common,
        action: 'certify',
        at: record.certifiedAt,
        actor: record.by,
        what: {
          sectionsReported: record.sectionsReported,
          ...(record.approvedBy
            ? { approvedBy: record.approvedBy.username ?? record.approvedBy.credential }
            : {}),
        },
      };
    case 'CertificationApproval':
      return { ...common, action: 'certify-approval', at: record.at, actor: record.by, what: {} };
    case 'StaffRecord':
      return {
        ...common,
        action: STAFF_ACTIONS[record.action],
        at: record.at,
        actor: record.by,
        what: {
          username: record.username,
          name: record.name,
          role: record.role,
          elections: record.elections,
          rev: record.rev,
          ...(record.session ? { session: record.session } : {}),
        },
      };
  }
}
