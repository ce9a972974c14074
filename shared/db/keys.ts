/**
 * Every partition and sort key of the single table. Access patterns are listed in README.md.
 *
 * - An election's definition is split: one head item, one item per section, so nothing grows
 *   with the number of sections (61,550 on a national night).
 * - Each section has its own partition for its submissions: writes spread evenly.
 * - Aggregates live in their own partition per election, one item per district and one total.
 */
export interface Key {
  PK: string;
  SK: string;
}

const electionPk = (electionId: string) => `ELECTION#${electionId}`;
const sectionPk = (electionId: string, sectionId: string) => `ELECTION#${electionId}#SECTION#${sectionId}`;
const pad = (version: number) => String(version).padStart(6, '0');

export const RESULT_SK = 'RESULT';
export const TURNOUT_SK_PREFIX = 'TURNOUT#';
export const TOTAL_SK = 'AGGREGATE#TOTAL';
export const ELECTION_STATE_SK = 'STATE';
export const HEALTH_PROBE_SK = 'HEALTH#PROBE';
export const AUDIT_HEAD_SK = 'AUDIT#HEAD';
export const AUDIT_ENTRY_SK_PREFIX = 'AUDIT#ENTRY#';

export const keys = {
  electionHead: (electionId: string): Key => ({ PK: electionPk(electionId), SK: 'HEAD' }),
  sectionDefinition: (electionId: string, sectionId: string): Key => ({
    PK: electionPk(electionId),
    SK: `SECTION#${sectionId}`,
  }),
  sectionDefinitionPrefix: 'SECTION#',
  publication: (electionId: string): Key => ({ PK: electionPk(electionId), SK: 'PUBLICATION' }),

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
  /** The aggregation's record of what one source item (results or a turnout slot) contributed. */
  applied: (source: Key): Key => ({ PK: source.PK, SK: `APPLIED#${source.SK}` }),

  total: (electionId: string): Key => ({ PK: `${electionPk(electionId)}#AGGREGATE`, SK: TOTAL_SK }),
  district: (electionId: string, district: string): Key => ({
    PK: `${electionPk(electionId)}#AGGREGATE`,
    SK: `AGGREGATE#DISTRICT#${district}`,
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

  healthProbe: (): Key => ({ PK: 'HEALTH', SK: HEALTH_PROBE_SK }),
  healthAck: (): Key => ({ PK: 'HEALTH', SK: 'HEALTH#ACK' }),
};

/** True for the items whose changes the aggregation consumes: current results and turnout. */
export const isSourceKey = (key: Key) =>
  key.PK.startsWith('ELECTION#') && (key.SK === RESULT_SK || key.SK.startsWith(TURNOUT_SK_PREFIX));
