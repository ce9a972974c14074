/**
 * `npm run verify-audit -- <electionId>`: whether an election's audit trail is intact and
 * whether what the election holds and publishes follows from it.
 *
 * 1. The chain: every entry in order, linked to the one before, its hash matching its content,
 *    ending at the head.
 * 2. The records: every entry's history record still exists and hashes as when it was chained,
 *    and every history record is in the chain exactly once.
 * 3. The present: the definition in force, the certification, and each section's current items
 *    follow from the chained writes (audit-replay.ts).
 * 4. The rights: each staff account's write was allowed to the account's role and elections at
 *    the rev it names, as the deployment's trail holds them, and each account change there was
 *    made by an admin whose elections covered the account's (audit-roles.ts). The deployment's
 *    trail is checked as the election's is (1, 2), since the rights are read from it.
 * 5. The totals: the aggregates and the published summary equal the sum of the current items
 *    (reconcile).
 * 6. The anchors: every published snapshot names a head the chain still has.
 */

import { listAllAuditEntries, listHistoryRecords, readAuditHead } from '../../../shared/db/audit.js';
import { listSections } from '../../../shared/db/elections.js';
import { DEPLOYMENT_TRAIL, keys } from '../../../shared/db/keys.js';
import { batchGet } from '../../../shared/db/queries.js';
import { listCurrentSubmissions, type Submission } from '../../../shared/db/submissions.js';
import { type AuditEntry, type AuditHead, chainProblems } from '../../../shared/domain/audit-chain.js';
import {
  type AuditEvent,
  auditEventOf,
  keyOfSource,
  sourceOf,
  storedDefinitionHash,
} from '../../../shared/domain/audit-events.js';
import { replayProblems, type StoredItem } from '../../../shared/domain/audit-replay.js';
import {
  accountStatesOf,
  deploymentTrailProblems,
  staffWriteProblems,
} from '../../../shared/domain/audit-roles.js';
import { hashOf } from '../../../shared/domain/canonical.js';
import type { Section } from '../../../shared/domain/election.js';
import { publicPaths } from '../../../shared/domain/public-files.js';
import { checksFor } from '../../../shared/domain/section-checks.js';
import type { Summary } from '../../../shared/domain/summary.js';
import { inPool } from '../../../shared/in-pool.js';
import type { PublicBucket } from '../../../shared/storage/bucket.js';
import type { LogFiles } from '../../../shared/storage/log-files.js';
import { chainEvents } from '../../../shared/use-cases/chain-audit-events.js';
import { loadElection } from '../../../shared/use-cases/election-context.js';
import { type Difference, reconcileElection } from '../../../shared/use-cases/reconcile-election.js';
import { publicLogProblems } from './verify-public-log.js';

export interface AuditProblem {
  where: string;
  problem: string;
}

export interface AuditReport {
  electionId: string;
  head: AuditHead | null;
  entries: number;
  records: number;
  /** The deployment's trail (account changes, sign-ins, sign-outs): the rights staff writes are judged by. */
  deployment: { head: AuditHead | null; entries: number; records: number };
  /** History records not in the chain: the stream may still be catching up, or a batch was lost. */
  unchained: string[];
  /** Records chained by `--repair` (only ever appended; nothing chained is rewritten). */
  chainedNow: number;
  problems: AuditProblem[];
  differences: Difference[];
  publishedSeq: number | null;
  snapshotsChecked: number;
  /** The public log's size, when it was checked (its problems are among `problems`). */
  logSize: number | null;
}

const CONCURRENCY = 16;

async function readEverything(electionId: string) {
  const sections = await listSections(electionId);
  const records = new Map<string, Record<string, unknown>>();
  const keep = (items: Record<string, unknown>[]) => {
    for (const item of items) records.set(sourceOf(item as { PK: string; SK: string }), item);
  };
  keep(await listHistoryRecords(keys.electionHead(electionId).PK));
  const current: { section: Section; stored: Submission[] }[] = [];
  await inPool(sections, CONCURRENCY, async (section) => {
    keep(await listHistoryRecords(keys.sectionPartition(electionId, section.id)));
    current.push({ section, stored: await listCurrentSubmissions(electionId, section.id) });
  });
  return { sections, records, current };
}

/** Each entry against its record: still there, unchanged, described truly, chained once. */
async function recordProblems(entries: readonly AuditEntry[], records: Map<string, Record<string, unknown>>) {
  const problems: AuditProblem[] = [];
  // Records outside the sections defined now (a section dropped by a redefinition) are read by key.
  const elsewhere = entries.map((e) => e.event.source).filter((source) => !records.has(source));
  for (const item of await batchGet(elsewhere.map(keyOfSource)))
    records.set(sourceOf(item as { PK: string; SK: string }), item);
  const chainedAt = new Map<string, number>();
  for (const entry of entries) {
    const where = `entry ${entry.seq}`;
    const source = entry.event.source;
    const earlier = chainedAt.get(source);
    if (earlier !== undefined)
      problems.push({ where, problem: `chains the record of entry ${earlier} again` });
    chainedAt.set(source, entry.seq);
    const record = records.get(source);
    if (!record) {
      problems.push({ where, problem: `its record ${source} is gone` });
      continue;
    }
    if (hashOf(record) !== entry.event.contentHash) {
      problems.push({ where, problem: `its record ${source} was changed after it was chained` });
      continue;
    }
    if (hashOf(auditEventOf(record)) !== hashOf(entry.event))
      problems.push({ where, problem: 'does not describe its record truly' });
  }
  return { problems, chained: new Set(chainedAt.keys()) };
}

/** The audit heads the published snapshots name, read before the chain so none can be newer. */
async function publishedHeads(bucket: PublicBucket, electionId: string) {
  const paths = publicPaths(electionId);
  const pointer = await bucket.get(paths.pointer);
  const latest = pointer ? (JSON.parse(pointer) as { seq: number }).seq : 0;
  const heads: { snapshot: number; audit: AuditHead }[] = [];
  await inPool(
    Array.from({ length: latest }, (_, i) => i + 1),
    CONCURRENCY,
    async (snapshot) => {
      const text = await bucket.get(paths.snapshot(snapshot));
      const audit = text ? (JSON.parse(text) as Partial<Summary>).audit : undefined;
      if (audit) heads.push({ snapshot, audit });
    },
  );
  return { heads, snapshots: latest };
}

/** Every published head must still be in the chain, with the same hash. */
function anchorProblems(
  heads: readonly { snapshot: number; audit: AuditHead }[],
  entries: readonly AuditEntry[],
) {
  const bySeq = new Map(entries.map((e) => [e.seq, e.hash]));
  return heads
    .filter(({ audit }) => bySeq.get(audit.seq) !== audit.hash)
    .map(({ snapshot, audit }) => ({
      where: `published snapshot ${snapshot}`,
      problem: `names audit entry ${audit.seq} with hash ${audit.hash.slice(0, 12)}…, which the chain no longer has: the chain was rewritten after it was published`,
    }));
}

/** The chain as far as its head, and whether entries lie beyond a head read after them. */
async function readChain(electionId: string) {
  const head = await readAuditHead(electionId);
  const all = await listAllAuditEntries(electionId);
  const headAfter = await readAuditHead(electionId);
  const beyond = all.filter((e) => e.seq > (headAfter?.seq ?? 0));
  // Entries appended while reading are left for the next run; entries past any head are a problem.
  const entries = head ? all.filter((e) => e.seq <= head.seq) : all;
  return { head, entries, beyond: head ? beyond : [] };
}

/**
 * The deployment's trail, read after the election's chain and records: every account state a
 * chained staff write names was committed before that write, so it is here unless its own
 * chaining still lags (then it is reported as not yet chained, never as a forgery of the write).
 */
async function readDeploymentTrail() {
  const chain = await readChain(DEPLOYMENT_TRAIL);
  const records = new Map<string, Record<string, unknown>>();
  for (const item of await listHistoryRecords(keys.deploymentPartition))
    records.set(sourceOf(item as { PK: string; SK: string }), item);
  const chained = new Set(chain.entries.map((e) => e.event.source));
  return { ...chain, records, unchained: [...records.keys()].filter((source) => !chained.has(source)) };
}

const NOT_CHAINED = 'this record is not in the chain (yet: run again, with --wait, or with --repair)';

/** The problems of the deployment's trail itself, as the election's own are judged, named as its. */
async function deploymentChainProblems(
  trail: Awaited<ReturnType<typeof readDeploymentTrail>>,
): Promise<AuditProblem[]> {
  const problems: AuditProblem[] = chainProblems(DEPLOYMENT_TRAIL, trail.entries, trail.head).map(
    ({ seq, problem }) => ({ where: seq === null ? 'chain' : `entry ${seq}`, problem }),
  );
  for (const entry of trail.beyond)
    problems.push({ where: `entry ${entry.seq}`, problem: 'lies beyond the head: the head was moved back' });
  problems.push(...(await recordProblems(trail.entries, trail.records)).problems);
  for (const source of trail.unchained) problems.push({ where: source, problem: NOT_CHAINED });
  return problems.map(({ where, problem }) => ({ where: `deployment trail: ${where}`, problem }));
}

const tryEvent = (record: Record<string, unknown>): AuditEvent[] => {
  try {
    return [auditEventOf(record)];
  } catch {
    return [];
  }
};

export async function verifyAudit(
  bucket: PublicBucket,
  electionId: string,
  options: { repair?: boolean; logFiles?: LogFiles } = {},
): Promise<AuditReport> {
  // Published heads first, then the chain, then what it is about: each read later than the one
  // it is checked against, so a write made meanwhile is "not yet chained", never "rewritten".
  const published = await publishedHeads(bucket, electionId);
  let { head, entries, beyond } = await readChain(electionId);
  const election = await loadElection(electionId);
  const { sections, records, current } = await readEverything(electionId);
  let deployment = await readDeploymentTrail();
  const chained = new Set(entries.map((e) => e.event.source));
  let unchained = [...records.keys()].filter((source) => !chained.has(source));
  let chainedNow = 0;
  /** The events of these unchained records (an unreadable one stays unchained, and is reported below). */
  const eventsOf = (sources: readonly string[], from: Map<string, Record<string, unknown>>) =>
    sources.flatMap((source) => {
      const record = from.get(source);
      return record ? tryEvent(record) : [];
    });
  // A repair only appends, and never over a chain that no longer leads to what was published.
  if (options.repair && unchained.length > 0 && anchorProblems(published.heads, entries).length === 0) {
    const events = eventsOf(unchained, records);
    await chainEvents(events);
    chainedNow = events.length;
    ({ head, entries, beyond } = await readChain(electionId));
    const now = new Set(entries.map((e) => e.event.source));
    unchained = unchained.filter((source) => !now.has(source));
  }
  // The deployment's trail has no published heads: a repair of it only appends too.
  if (options.repair && deployment.unchained.length > 0) {
    const events = eventsOf(deployment.unchained, deployment.records);
    await chainEvents(events);
    chainedNow += events.length;
    deployment = await readDeploymentTrail();
  }

  const problems: AuditProblem[] = chainProblems(electionId, entries, head).map(({ seq, problem }) => ({
    where: seq === null ? 'chain' : `entry ${seq}`,
    problem,
  }));
  for (const entry of beyond)
    problems.push({ where: `entry ${entry.seq}`, problem: 'lies beyond the head: the head was moved back' });
  const checked = await recordProblems(entries, records);
  problems.push(...checked.problems);
  for (const source of unchained) problems.push({ where: source, problem: NOT_CHAINED });

  const byId = new Map(sections.map((s) => [s.id, s]));
  const siblings = new Map(current.map(({ section, stored }) => [section.id, stored]));
  const items: StoredItem[] = current.flatMap(({ stored }) => stored);
  problems.push(
    ...replayProblems(
      entries.map((e) => e.event),
      {
        definitionHash: election.state.definitionHash,
        storedDefinitionHash: storedDefinitionHash(election.head, sections),
        certified: election.state.state === 'certified',
        items,
        allowedChecks: (item) => {
          const section = byId.get(item.sectionId);
          if (!section) return [];
          // Every write, a reopening included, re-judges the items beside it (lifecycle.ts): the
          // checks follow from the section's current items alone, exactly.
          return [checksFor(election.head, section, item, siblings.get(item.sectionId) ?? [])];
        },
      },
    ),
  );

  // Each staff account's write, by the account's state at the rev it names in the deployment's trail.
  problems.push(...(await deploymentChainProblems(deployment)));
  const trail = deployment.entries.map((e) => e.event);
  const accounts = accountStatesOf(trail);
  problems.push(...accounts.problems, ...deploymentTrailProblems(trail, accounts.states));
  problems.push(
    ...staffWriteProblems(
      entries.map((e) => e.event),
      accounts.states,
    ),
  );

  const reconciled = await reconcileElection(bucket, electionId, CONCURRENCY);
  problems.push(...anchorProblems(published.heads, entries));
  const log = options.logFiles ? await publicLogProblems(options.logFiles, electionId, entries) : undefined;
  if (log) problems.push(...log.problems);

  return {
    electionId,
    head: head ?? null,
    entries: entries.length,
    records: records.size,
    deployment: {
      head: deployment.head ?? null,
      entries: deployment.entries.length,
      records: deployment.records.size,
    },
    unchained,
    chainedNow,
    problems,
    differences: reconciled.differences,
    publishedSeq: reconciled.publishedSeq,
    snapshotsChecked: published.snapshots,
    logSize: log?.size ?? null,
  };
}
