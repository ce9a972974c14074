/**
 * Whether what an election holds now follows from its audit trail: the definition in force, the
 * certification, and every section's current items (body, version, status and checks). Pure:
 * the verifier (shared/use-cases/verify-audit.ts) reads, this judges.
 */
import type { AuditEvent } from './audit-events.js';
import { itemNameOf } from './audit-events.js';
import { canonicalJson, hashOf } from './canonical.js';
import { type FailedCheck, isFlagging } from './checks.js';
import type { SubmissionStatus } from './status.js';

export interface StoredItem {
  sectionId: string;
  kind: 'results' | 'turnout';
  slotId?: string;
  version: number;
  bodyHash: string;
  body: unknown;
  status: SubmissionStatus;
  checks: FailedCheck[];
}

export interface ReplayProblem {
  where: string;
  problem: string;
}

export interface ElectionNow {
  definitionHash: string;
  /** `storedDefinitionHash` of the head and sections as stored now. */
  storedDefinitionHash: string;
  certified: boolean;
  items: readonly StoredItem[];
  /**
   * The checks an item must have now, given its section's other current items: every write,
   * versions and reviews alike, re-judges the items beside it (lifecycle.ts), so there is one.
   */
  allowedChecks: (item: StoredItem) => FailedCheck[][];
}

const itemKey = (sectionId: string, item: string) => `section ${sectionId}, ${item}`;

const byTime = (a: AuditEvent, b: AuditEvent) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);

/**
 * Whether each write was allowed when it was made, in chain order (which, for one section's
 * records, is the order of their commits): an officer's write needs the code issued for that
 * section and not revoked or replaced before it; no definition after the first results; nothing
 * after the certification.
 */
function permissionProblems(events: readonly AuditEvent[]): ReplayProblem[] {
  const problems: ReplayProblem[] = [];
  const valid = new Map<string, string>();
  let stored = false;
  let certified = false;
  for (const event of events) {
    const where = event.sectionId === undefined ? event.action : `section ${event.sectionId}`;
    if (certified) problems.push({ where, problem: `a ${event.action} was chained after the certification` });
    if (event.action === 'certify') certified = true;
    if (event.action === 'define' && stored)
      problems.push({ where, problem: 'a definition was chained after results were stored' });
    if (event.action === 'submit' || event.action === 'correct') stored = true;
    if (event.sectionId === undefined) continue;
    if (event.action === 'issue-credential') valid.set(event.sectionId, String(event.what.credential));
    if (event.action === 'revoke-credential') valid.delete(event.sectionId);
    if (event.actor.role !== 'officer') continue;
    if (event.actor.sectionId !== event.sectionId || valid.get(event.sectionId) !== event.actor.credential)
      problems.push({
        where,
        problem: `a ${event.action} by credential ${event.actor.credential}, which was not the section's valid code then`,
      });
  }
  return problems;
}

/** The problems with `now`, given the chain's events in chain order. Empty when it follows. */
export function replayProblems(events: readonly AuditEvent[], now: ElectionNow): ReplayProblem[] {
  const problems: ReplayProblem[] = permissionProblems(events);
  // The latest by time: a record chained late (by `verify-audit --repair`) sits later in the chain.
  const definitions = events.filter((e) => e.action === 'define').sort(byTime);
  const lastDefinition = definitions.at(-1)?.what.definitionHash;
  if (lastDefinition !== now.definitionHash)
    problems.push({
      where: 'definition',
      problem: `the definition in force (${now.definitionHash.slice(0, 12)}) is not the last one chained (${String(lastDefinition ?? 'none').slice(0, 12)})`,
    });
  const lastStored = definitions.at(-1)?.what.storedHash;
  if (lastStored !== undefined && lastStored !== now.storedDefinitionHash)
    problems.push({
      where: 'definition',
      problem: 'the stored head or sections differ from what was defined: they were changed',
    });
  const certified = events.some((e) => e.action === 'certify');
  if (certified !== now.certified)
    problems.push({
      where: 'certification',
      problem: now.certified
        ? 'the election is certified, but no certification is chained'
        : 'a certification is chained, but the election is open',
    });

  const versions = new Map<string, AuditEvent>();
  const reviews = new Map<string, AuditEvent[]>();
  for (const event of events) {
    if (event.sectionId === undefined) continue;
    const key = itemKey(event.sectionId, String(event.what.item));
    if (event.action === 'submit' || event.action === 'correct') {
      const previous = versions.get(key);
      if (!previous || Number(event.what.version) > Number(previous.what.version)) versions.set(key, event);
    }
    if (event.action === 'approve' || event.action === 'reopen')
      reviews.set(key, [...(reviews.get(key) ?? []), event]);
  }

  const seen = new Set<string>();
  for (const item of now.items) {
    const key = itemKey(item.sectionId, itemNameOf(item));
    seen.add(key);
    const version = versions.get(key);
    if (!version) {
      problems.push({ where: key, problem: 'is stored, but none of its versions is chained' });
      continue;
    }
    if (item.version !== version.what.version || item.bodyHash !== version.what.bodyHash)
      problems.push({
        where: key,
        problem: `holds version ${item.version}, but the last chained version is ${String(version.what.version)} with another body`,
      });
    if (hashOf(item.body) !== item.bodyHash)
      problems.push({
        where: key,
        problem: 'its body does not match its hash: the stored count was changed',
      });
    const decisions = (reviews.get(key) ?? [])
      .filter((r) => r.what.version === item.version)
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const lastDecision = decisions.at(-1)?.action;
    problems.push(
      ...statusProblems(
        key,
        item,
        lastDecision,
        decisions.some((d) => d.action === 'approve'),
        now,
      ),
    );
  }
  for (const key of versions.keys())
    if (!seen.has(key)) problems.push({ where: key, problem: 'has chained versions, but nothing is stored' });
  return problems;
}

function statusProblems(
  where: string,
  item: StoredItem,
  lastDecision: string | undefined,
  approved: boolean,
  now: ElectionNow,
): ReplayProblem[] {
  if (lastDecision === 'reopen')
    return item.status === 'reopened'
      ? []
      : [{ where, problem: `was reopened by staff, but is ${item.status}` }];
  if (item.status === 'reopened') return [{ where, problem: 'is reopened, but no reopening is chained' }];
  const allowed = now.allowedChecks(item).map(canonicalJson);
  if (!allowed.includes(canonicalJson(item.checks)))
    return [{ where, problem: 'its stored checks are not what its body gives: they were changed' }];
  const flagging = isFlagging(item.checks);
  if (item.status === 'approved' && !approved)
    return [{ where, problem: 'is approved, but no approval of this version is chained' }];
  if (item.status === 'approved' && !flagging)
    return [{ where, problem: 'is approved, but passes every check (it should be accepted)' }];
  if (item.status === 'accepted' && flagging) return [{ where, problem: 'is accepted, but fails a check' }];
  if (item.status === 'flagged' && !flagging)
    return [{ where, problem: 'is flagged, but passes every check' }];
  return [];
}
