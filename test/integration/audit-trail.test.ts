import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/domain/audit-chain.js';
import { aggregateAndChain } from '../helpers/aggregate-and-chain.js';
import { smallElection, squareResults, testActor } from '../helpers/elections.js';
import { startLocalBucket } from '../helpers/local-bucket.js';
import { startLocalTable } from '../helpers/local-table.js';
import { type NightUseCases, nightUseCases } from '../helpers/night-use-cases.js';

const BUCKET = 'audit-trail-test';
const E = 'audited';
/** The credential name of each section's valid code, as the API would record it. */
const credentials = new Map<string, string>();
const officer = (sectionId: string) => ({
  role: 'officer' as const,
  credential: credentials.get(sectionId) ?? 'none',
  sectionId,
});

let table: Awaited<ReturnType<typeof startLocalTable>>;
let site: Awaited<ReturnType<typeof startLocalBucket>>;
let feed: (records: DynamoDBRecord[]) => Promise<void>;
let m: NightUseCases &
  typeof import('../../infra/cli/verify-audit/verify-trail.js') &
  typeof import('../../shared/use-cases/issue-officer-tokens.js') &
  typeof import('../../shared/use-cases/revoke-officer-tokens.js') &
  typeof import('../../shared/use-cases/certify-election.js') &
  typeof import('../../shared/use-cases/read-audit.js') &
  typeof import('../../shared/db/audit.js') &
  typeof import('../../shared/db/keys.js') &
  typeof import('../../shared/db/client.js') &
  typeof import('../../shared/domain/audit-chain.js');
/** Every stream record of the night, to redeliver. */
const delivered: DynamoDBRecord[] = [];

beforeAll(async () => {
  table = await startLocalTable();
  site = await startLocalBucket(BUCKET);
  const { publishSummary } = await import('../../shared/use-cases/publish-results.js');
  /** What the two stream readers do with new records, in one go. */
  feed = async (records) => {
    delivered.push(...records);
    await aggregateAndChain(records);
    await publishSummary(site.bucket, E);
  };
  m = {
    ...(await import('../../infra/cli/verify-audit/verify-trail.js')),
    ...(await nightUseCases()),
    ...(await import('../../shared/use-cases/issue-officer-tokens.js')),
    ...(await import('../../shared/use-cases/revoke-officer-tokens.js')),
    ...(await import('../../shared/use-cases/certify-election.js')),
    ...(await import('../../shared/use-cases/read-audit.js')),
    ...(await import('../../shared/db/audit.js')),
    ...(await import('../../shared/db/keys.js')),
    ...(await import('../../shared/db/client.js')),
    ...(await import('../../shared/domain/audit-chain.js')),
  };

  // A night with every kind of audited write, each step's records handed to the consumers.
  const step = async (write: () => Promise<unknown>) => {
    await write();
    await feed(await table.readNewStreamRecords());
  };
  await step(() => m.defineElection(E, smallElection(E), testActor));
  const { hashToken } = await import('../../shared/domain/tokens.js');
  const keep = (tokens: Record<string, string>) => {
    for (const [sectionId, token] of Object.entries(tokens))
      credentials.set(sectionId, hashToken(token).slice(0, 12));
  };
  await step(async () => keep((await m.issueOfficerTokens(E, { sections: 'all' }, testActor)).tokens));
  // Section 3's sheet is lost: its code is revoked, and a new one issued.
  await step(() => m.revokeOfficerTokens(E, { sections: ['3'] }, testActor));
  await step(async () => keep((await m.issueOfficerTokens(E, { sections: ['3'] }, testActor)).tokens));
  for (const sectionId of ['1', '2', '3'])
    await step(() =>
      m.submitTurnout({
        electionId: E,
        sectionId,
        slotId: 'T1',
        body: { voters: 200 },
        actor: officer(sectionId),
      }),
    );
  await step(() =>
    m.submitResults({ electionId: E, sectionId: '1', body: squareResults(1), actor: officer('1') }),
  );
  // Section 2 does not square (R1): flagged, then approved with a reason.
  const unsquare = { ...squareResults(2), voters: squareResults(2).voters + 4 };
  await step(() => m.submitResults({ electionId: E, sectionId: '2', body: unsquare, actor: officer('2') }));
  await step(() =>
    m.reviewSection('approve', E, '2', { reason: 'four ballots found in the wrong box' }, testActor),
  );
  // Section 3: a count, a correction, a reopening and a new submission.
  await step(() =>
    m.submitResults({ electionId: E, sectionId: '3', body: squareResults(3), actor: officer('3') }),
  );
  const corrected = { ...squareResults(3), blankBallots: 6, invalidBallots: 2 };
  await step(() => m.submitResults({ electionId: E, sectionId: '3', body: corrected, actor: officer('3') }));
  await step(() =>
    m.reviewSection('reopen', E, '3', { reason: 'the president asked to recount' }, testActor),
  );
  await step(() => m.submitResults({ electionId: E, sectionId: '3', body: corrected, actor: officer('3') }));
  await step(() => m.certifyElection(E, testActor));
}, 120_000);

afterAll(async () => {
  await site?.stop();
  await table?.stop();
});

const storedEntry = async (seq: number) =>
  (await m.db().send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: m.keys.auditEntry(E, seq) })))
    .Item as Record<string, unknown>;
const putItem = (Item: Record<string, unknown>) =>
  m.db().send(new PutCommand({ TableName: process.env.TABLE_NAME, Item }));

/** Changes a stored item for one check, and puts it back however the check ends. */
async function whileTampered(
  key: { PK: string; SK: string },
  change: (item: Record<string, unknown>) => void,
  check: () => Promise<void>,
) {
  const { Item } = await m.db().send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: key }));
  if (!Item) throw new Error(`no item ${key.PK} ${key.SK}`);
  const tampered = structuredClone(Item);
  change(tampered);
  await putItem(tampered);
  try {
    await check();
  } finally {
    await putItem(Item);
  }
}

const problemsOf = async () => (await m.verifyAudit(site.bucket, E)).problems;

describe('the audit trail, fed by the stream (DynamoDB Local, S3 stand-in)', () => {
  it('given a whole night, then every write is chained once, with who, when and what, and verification passes', async () => {
    // Act
    const report = await m.verifyAudit(site.bucket, E);
    const { entries } = await m.readAudit(E, {});
    // Assess
    expect(report.problems).toEqual([]);
    expect(report.differences).toEqual([]);
    expect(report.unchained).toEqual([]);
    expect(report.entries).toBe(report.records);
    expect(entries.map((e) => e.event.action)).toEqual([
      'define',
      'issue-credential',
      'issue-credential',
      'issue-credential',
      'revoke-credential',
      'issue-credential',
      'submit',
      'submit',
      'submit',
      'submit',
      'submit',
      'approve',
      'submit',
      'correct',
      'reopen',
      'correct',
      'certify',
    ]);
    const approval = entries.find((e) => e.event.action === 'approve');
    expect(approval?.event).toMatchObject({
      sectionId: '2',
      actor: testActor,
      what: {
        item: 'results',
        version: 1,
        status: 'approved',
        reason: 'four ballots found in the wrong box',
      },
    });
    expect(entries.find((e) => e.event.action === 'correct')?.event.actor).toEqual(officer('3'));
    expect(report.head).toEqual({ seq: 17, hash: entries.at(-1)?.hash });
  });

  it('given the last publication, then the published summary carries the chain head', async () => {
    // Act
    const pointer = JSON.parse((await site.bucket.get(`results/${E}/latest.json`)) ?? '{}');
    const summary = JSON.parse((await site.bucket.get(pointer.summary.slice(1))) ?? '{}');
    // Assess
    expect(summary.status).toBe('certified');
    expect(summary.audit).toEqual(await m.readAuditHead(E));
  });

  it('given the whole stream redelivered, twice and reversed, then nothing is chained again', async () => {
    // Prepare
    const before = await m.readAuditHead(E);
    // Act
    await aggregateAndChain(delivered);
    await aggregateAndChain([...delivered].reverse());
    // Assess
    expect(await m.readAuditHead(E)).toEqual(before);
    expect((await m.verifyAudit(site.bucket, E)).problems).toEqual([]);
  });

  it('given pages, then the route reads the chain in order to its end', async () => {
    // Act
    const first = await m.readAudit(E, { limit: '10' });
    const second = await m.readAudit(E, { after: String(first.next), limit: '10' });
    // Assess
    expect(first.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(second.entries.map((e) => e.seq)).toEqual([11, 12, 13, 14, 15, 16, 17]);
    expect(second.next).toBeNull();
    await expect(m.readAudit(E, { limit: '0' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('given one stored entry changed, then verification names it', async () => {
    await whileTampered(
      m.keys.auditEntry(E, 12),
      (item) => {
        (item.event as { what: { reason: string } }).what.reason = 'no reason needed';
      },
      async () => {
        expect(await problemsOf()).toContainEqual({
          where: 'entry 12',
          problem: 'its content does not match its hash: the entry was changed',
        });
      },
    );
    expect(await problemsOf()).toEqual([]);
  });

  it('given a history record changed after it was chained, then verification names its entry', async () => {
    const history = m.keys.resultsVersion(E, '1', 1);
    await whileTampered(
      history,
      (item) => {
        (item.body as { candidateVotes: Record<string, number> }).candidateVotes.C1 = 999;
      },
      async () => {
        const problems = await problemsOf();
        expect(problems.some((p) => /was changed after it was chained/.test(p.problem))).toBe(true);
      },
    );
  });

  it('given a flagged count made to look accepted in the table, then verification says it does not follow', async () => {
    await whileTampered(
      m.keys.results(E, '2'),
      (item) => {
        item.status = 'accepted';
        item.checks = [];
      },
      async () => {
        expect(await problemsOf()).toContainEqual({
          where: 'section 2, results',
          problem: 'its stored checks are not what its body gives: they were changed',
        });
      },
    );
  });

  it('given an entry deleted, then verification finds the gap', async () => {
    const entry = await storedEntry(7);
    await m.db().send(new DeleteCommand({ TableName: process.env.TABLE_NAME, Key: m.keys.auditEntry(E, 7) }));
    try {
      const problems = await problemsOf();
      expect(problems).toContainEqual({
        where: 'entry 8',
        problem: 'follows entry 6: an entry is missing or out of place',
      });
    } finally {
      await putItem(entry);
    }
  });

  it('given the tail rewritten with fresh hashes and head, then the published heads betray it', async () => {
    // Prepare: a forger who rehashes entries 11 to 17 and the head, so every link holds.
    const originals = await Promise.all([11, 12, 13, 14, 15, 16, 17].map(storedEntry));
    const head = await m
      .db()
      .send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: m.keys.auditHead(E) }));
    let previousHash = String((await storedEntry(10)).hash);
    try {
      for (const original of originals) {
        const forged = structuredClone(original) as Record<string, unknown> & AuditEntry;
        if (forged.event.action === 'approve') forged.event.what.reason = 'rewritten later';
        forged.prevHash = previousHash;
        forged.hash = m.entryHashOf(forged);
        previousHash = forged.hash;
        await putItem(forged);
      }
      await putItem({ ...(head.Item as Record<string, unknown>), hash: previousHash });
      // Act
      const report = await m.verifyAudit(site.bucket, E);
      // Assess: the chain itself is consistent, but it no longer leads to what was published.
      expect(
        report.problems.filter((p) => p.where.startsWith('entry') && /hash|link/.test(p.problem)),
      ).toEqual([]);
      expect(report.problems.some((p) => p.where.startsWith('published snapshot'))).toBe(true);
    } finally {
      for (const original of originals) await putItem(original);
      await putItem(head.Item as Record<string, unknown>);
    }
    expect(await problemsOf()).toEqual([]);
  });
});
