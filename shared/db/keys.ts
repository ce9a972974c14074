/**
 * Every partition and sort key of the single table. Access patterns are listed in README.md.
 *
 * - An election's definition is split: one head item, one item per section, so nothing grows
 *   with the number of sections (61,550 on a national night).
 * - Each section has its own partition for its submissions: writes spread evenly.
 * - Aggregates live in their own partition per election: the total is kept in a few parts that
 *   writers share out between them (aggregates.ts), and read as their sum.
 */
export interface Key {
  PK: string;
  SK: string;
}

const ELECTION_PK_PREFIX = 'ELECTION#';
const ELECTIONS_PK = 'ELECTIONS';
const STAFF_PK = 'STAFF';
/** The audit chain id of the deployment's own trail (`GET /v1/admin/audit`, docs/interface.md). */
export const DEPLOYMENT_TRAIL = '~deployment';
const SITE_PK = 'SITE';
const electionPk = (electionId: string) => `${ELECTION_PK_PREFIX}${electionId}`;
const sectionPk = (electionId: string, sectionId: string) => `${electionPk(electionId)}#SECTION#${sectionId}`;
export const PUBLISHED_CHANGES_SK_PREFIX = 'PUBLISHED#';
const pad = (version: number) => String(version).padStart(6, '0');

export const RESULT_SK = 'RESULT';
/** The sort key a section's outlook source is known by (only its applied record is stored). */
export const OUTLOOK_SK = 'OUTLOOK';
export const TURNOUT_SK_PREFIX = 'TURNOUT#';
/** The prefix of the parts whose sum is an election's total. */
export const AGGREGATE_PART_SK_PREFIX = 'AGGREGATE#PART#';
/** The prefix of the change entries each write of a part took in (the change lists' source). */
export const AGGREGATE_CHANGES_SK_PREFIX = 'AGGREGATE#CHANGES#';
export const ELECTION_STATE_SK = 'STATE';
export const HEALTH_PROBE_SK = 'HEALTH#PROBE';
export const HEAL_STATE_SK = 'HEAL';
/** The public log's state: its size, root and checkpoint, and the lease of its one writer. */
export const PUBLIC_LOG_SK = 'PUBLIC_LOG';
export const AUDIT_HEAD_SK = 'AUDIT#HEAD';
export const AUDIT_ENTRY_SK_PREFIX = 'AUDIT#ENTRY#';
/** The prefix of every insert-only history record (HISTORY#...), which the audit chain consumes. */
export const HISTORY_SK_PREFIX = 'HISTORY#';

export const keys = {
  electionHead: (electionId: string): Key => ({ PK: electionPk(electionId), SK: 'HEAD' }),
  sectionDefinition: (electionId: string, sectionId: string): Key => ({
    PK: electionPk(electionId),
    SK: `SECTION#${sectionId}`,
  }),
  sectionDefinitionPrefix: 'SECTION#',
  publication: (electionId: string): Key => ({ PK: electionPk(electionId), SK: 'PUBLICATION' }),
  /** The digest of one publish's change list (the feed's and the page's latest changes). */
  publishedChanges: (electionId: string, seq: number): Key => ({
    PK: electionPk(electionId),
    SK: `${PUBLISHED_CHANGES_SK_PREFIX}${String(seq).padStart(10, '0')}`,
  }),

  results: (electionId: string, sectionId: string): Key => ({
    PK: sectionPk(electionId, sectionId),
    SK: RESULT_SK,
  }),
  resultsVersion: (electionId: string, sectionId: string, version: number): Key => ({
    PK: sectionPk(electionId, sectionId),
    SK: `HISTORY#RESULT#${pad(version)}`,
  }),
  turnout: (electionId: string, sectionId: string, slotId: string): Key => ({
    PK: sectionPk(electionId, sectionId),
    SK: `${TURNOUT_SK_PREFIX}${slotId}`,
  }),
  turnoutVersion: (electionId: string, sectionId: string, slotId: string, version: number): Key => ({
    PK: sectionPk(electionId, sectionId),
    SK: `HISTORY#TURNOUT#${slotId}#${pad(version)}`,
  }),
  sectionPartition: sectionPk,
  officerTokenPointer: (electionId: string, sectionId: string): Key => ({
    PK: sectionPk(electionId, sectionId),
    SK: 'OFFICER_TOKEN',
  }),
  /**
   * When the section's officer app last reached the server, and in which version (at most one
   * write a minute; no stream reader's filter takes it).
   */
  sectionContact: (electionId: string, sectionId: string): Key => ({
    PK: sectionPk(electionId, sectionId),
    SK: 'CONTACT',
  }),
  /** The aggregation's record of what one source item (results or a turnout slot) contributed. */
  applied: (source: Key): Key => ({ PK: source.PK, SK: `APPLIED#${source.SK}` }),
  /**
   * A section's outlook source (domain/outlook-tally.ts): no item of its own, only its applied
   * record (`APPLIED#OUTLOOK`) beside its partners', in the partition of the section's items.
   */
  outlookSource: (sectionPartition: string): Key => ({ PK: sectionPartition, SK: OUTLOOK_SK }),

  aggregatePartition: (electionId: string) => `${electionPk(electionId)}#AGGREGATE`,
  aggregatePart: (electionId: string, part: number): Key => ({
    PK: `${electionPk(electionId)}#AGGREGATE`,
    SK: `${AGGREGATE_PART_SK_PREFIX}${String(part).padStart(2, '0')}`,
  }),
  aggregateChanges: (electionId: string, part: number, rev: number): Key => ({
    PK: `${electionPk(electionId)}#AGGREGATE`,
    SK: `${AGGREGATE_CHANGES_SK_PREFIX}${String(part).padStart(2, '0')}#${String(rev).padStart(10, '0')}`,
  }),

  token: (tokenHash: string): Key => ({ PK: `TOKEN#${tokenHash}`, SK: 'TOKEN' }),

  /** The audited writes' own records (audit-events.ts): insert-only, beside what they changed. */
  definitionRecord: (electionId: string, definedAt: string): Key => ({
    PK: electionPk(electionId),
    SK: `HISTORY#DEFINITION#${definedAt}`,
  }),
  certificationRecord: (electionId: string): Key => ({
    PK: electionPk(electionId),
    SK: 'HISTORY#CERTIFICATION',
  }),
  credentialRecord: (
    electionId: string,
    sectionId: string,
    at: string,
    action: string,
    credential: string,
  ): Key => ({
    PK: sectionPk(electionId, sectionId),
    SK: `HISTORY#CREDENTIAL#${at}#${action}#${credential}`,
  }),
  /** The audit chain: one partition per election, its entries in order and its head. */
  auditHead: (electionId: string): Key => ({ PK: `${electionPk(electionId)}#AUDIT`, SK: AUDIT_HEAD_SK }),
  auditEntry: (electionId: string, seq: number): Key => ({
    PK: `${electionPk(electionId)}#AUDIT`,
    SK: `${AUDIT_ENTRY_SK_PREFIX}${String(seq).padStart(10, '0')}`,
  }),
  /** The chain's record that one history record is in it: beside the record, like APPLIED#. */
  audited: (source: Key): Key => ({ PK: source.PK, SK: `AUDITED#${source.SK}` }),

  /**
   * The sort-key prefixes of a section's history records of one kind, each in its own order:
   * the count's versions, one turnout slot's versions, the staff reviews (by time).
   */
  resultsVersionPrefix: 'HISTORY#RESULT#',
  turnoutVersionPrefix: (slotId: string) => `HISTORY#TURNOUT#${slotId}#`,
  reviewRecordPrefix: 'HISTORY#REVIEW#',
  /** A staff review of one item (`RESULT` or `TURNOUT#<slot>`), in the section's history. */
  reviewRecord: (electionId: string, sectionId: string, at: string, itemSk: string): Key => ({
    PK: sectionPk(electionId, sectionId),
    SK: `HISTORY#REVIEW#${at}#${itemSk}`,
  }),
  /** An election's own records (definitions, certification) share its partition with its head. */
  electionPartition: electionPk,
  electionState: (electionId: string): Key => ({ PK: electionPk(electionId), SK: ELECTION_STATE_SK }),
  /** Every defined election, one item each in one small partition (the scheduled jobs' list). */
  registeredElection: (electionId: string): Key => ({ PK: ELECTIONS_PK, SK: electionPk(electionId) }),
  registryPartition: () => ELECTIONS_PK,
  registryPrefix: ELECTION_PK_PREFIX,
  /** What the periodic reconciliation remembers between runs (use-cases/heal-election.ts). */
  healState: (electionId: string): Key => ({ PK: electionPk(electionId), SK: HEAL_STATE_SK }),
  publicLog: (electionId: string): Key => ({ PK: electionPk(electionId), SK: PUBLIC_LOG_SK }),

  /** Every staff account, one item each in one small partition (the admin's list of accounts). */
  staffAccount: (username: string): Key => ({ PK: STAFF_PK, SK: `ACCOUNT#${username}` }),
  staffPartition: STAFF_PK,
  staffAccountPrefix: 'ACCOUNT#',
  /**
   * The deployment's own trail (account changes, sign-ins, sign-outs): its records and chain use
   * the elections' machinery under an id no election can have (ids have no "~").
   */
  deploymentPartition: electionPk(DEPLOYMENT_TRAIL),
  staffRecord: (at: string, username: string, action: string, nonce: string): Key => ({
    PK: electionPk(DEPLOYMENT_TRAIL),
    SK: `HISTORY#STAFF#${at}#${username}#${action}#${nonce}`,
  }),
  /** A supervisor's approval of an election's certification (certifyApprovals: 2). */
  certificationApproval: (electionId: string): Key => ({
    PK: electionPk(electionId),
    SK: 'HISTORY#CERTIFICATION#APPROVAL',
  }),

  /**
   * Staff broadcasts to an election's officers and the sections' acknowledgements, in their own
   * partition per election (out of every stream filter, out of the audit chain): the messages by
   * id (in the order sent), the acknowledgements by section, then message.
   */
  messagesPartition: (electionId: string) => `${electionPk(electionId)}#MESSAGES`,
  staffMessagePrefix: 'MESSAGE#',
  staffMessage: (electionId: string, messageId: string): Key => ({
    PK: `${electionPk(electionId)}#MESSAGES`,
    SK: `MESSAGE#${messageId}`,
  }),
  messageAckPrefix: 'ACK#',
  sectionAckPrefix: (sectionId: string) => `ACK#${sectionId}#`,
  messageAck: (electionId: string, sectionId: string, messageId: string): Key => ({
    PK: `${electionPk(electionId)}#MESSAGES`,
    SK: `ACK#${sectionId}#${messageId}`,
  }),

  /** One address's failed sign-ins in one window (TTL'd). */
  signInFailures: (client: string, windowId: string): Key => ({
    PK: `SIGNIN#${client}`,
    SK: `WINDOW#${windowId}`,
  }),
  /** One credential's latest stored writes, for its write limit (domain/write-limit.ts; TTL'd). */
  writeWindow: (credential: string): Key => ({ PK: `CREDENTIAL#${credential}`, SK: 'WRITES' }),
  /** A bulk job on officer codes (officer-token-job.ts): its own partition per election, out of every stream filter. */
  officerTokenJob: (electionId: string, jobId: string): Key => ({
    PK: `${electionPk(electionId)}#JOBS`,
    SK: `OFFICER_TOKEN_JOB#${jobId}`,
  }),
  /**
   * The site's index of published elections, in one small partition: an entry per election
   * (what `/results/index.json` lists), and the index's rev and what was last rendered from it.
   */
  siteEntry: (electionId: string): Key => ({ PK: SITE_PK, SK: electionPk(electionId) }),
  sitePartition: () => SITE_PK,
  siteEntryPrefix: ELECTION_PK_PREFIX,
  siteIndex: (): Key => ({ PK: SITE_PK, SK: 'INDEX' }),
  /** Poison stream records, one per record and consumer. */
  quarantinePartition: 'QUARANTINE',
  quarantined: (consumer: string, sequenceNumber: string, eventId: string): Key => ({
    PK: 'QUARANTINE',
    SK: `${consumer}#${sequenceNumber}#${eventId}`,
  }),
  /** The local stack's staff token (npm start), so a restart with another one revokes it. */
  localStaffToken: (): Key => ({ PK: 'LOCAL', SK: 'STAFF_TOKEN' }),

  healthProbe: (): Key => ({ PK: 'HEALTH', SK: HEALTH_PROBE_SK }),
  healthAck: (consumer: string): Key => ({ PK: 'HEALTH', SK: `HEALTH#ACK#${consumer}` }),
};

/** The sort key of a section's item of one kind: its results, or its reading of one turnout slot. */
export const itemSk = (item: { kind: 'results' | 'turnout'; slotId?: string }) =>
  item.kind === 'results' ? RESULT_SK : `${TURNOUT_SK_PREFIX}${item.slotId}`;

/** True for the items the audit chain is made of: the insert-only history records. */
export const isAuditRecordKey = (key: Key) =>
  key.PK.startsWith(ELECTION_PK_PREFIX) && key.SK.startsWith(HISTORY_SK_PREFIX);

/** True for the items whose changes the aggregation consumes: current results and turnout. */
export const isSourceKey = (key: Key) =>
  key.PK.startsWith(ELECTION_PK_PREFIX) && (key.SK === RESULT_SK || key.SK.startsWith(TURNOUT_SK_PREFIX));
