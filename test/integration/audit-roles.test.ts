/**
 * verify-audit judges every staff account's write by the account's role and elections at the rev
 * the write names, as the deployment's trail holds them (DynamoDB Local, S3 stand-in). The
 * accounts are made and signed in through the use cases, as the API makes them; the forged
 * writes go through the use cases too, with an actor the API would have refused: what a bug in
 * authorization, or a hand with the table's credentials, would leave behind.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/domain/actor.js';
import { aggregateAndChain } from '../helpers/aggregate-and-chain.js';
import { smallElection, squareResults, testActor } from '../helpers/elections.js';
import { startLocalBucket } from '../helpers/local-bucket.js';
import { startLocalTable } from '../helpers/local-table.js';
import { type NightUseCases, nightUseCases } from '../helpers/night-use-cases.js';

const BUCKET = 'audit-roles-test';
/** The election staff work on within their rights, and the one the forged writes went into. */
const E = 'roles-kept';
const F = 'roles-forged';
const breakGlass = { elections: 'all' as const, by: testActor };

let table: Awaited<ReturnType<typeof startLocalTable>>;
let site: Awaited<ReturnType<typeof startLocalBucket>>;
let m: NightUseCases &
  typeof import('../../infra/cli/verify-audit/verify-trail.js') &
  typeof import('../../shared/use-cases/issue-officer-tokens.js') &
  typeof import('../../shared/use-cases/certify-election.js') &
  typeof import('../../shared/use-cases/staff-accounts.js') &
  typeof import('../../shared/use-cases/staff-sessions.js') &
  typeof import('../../shared/use-cases/read-audit.js') &
  typeof import('../../shared/db/audit.js') &
  typeof import('../../shared/db/keys.js') &
  typeof import('../../shared/db/client.js') &
  typeof import('../../shared/domain/totp.js') &
  typeof import('../../shared/domain/tokens.js');
/** What the stream's two readers do with what was written since: chain it, and publish. */
let settle: () => Promise<void>;

/** Each account's actor under one of its revs, as actorOf in shared/http/api.ts records it. */
const credentialOfAccount = new Map<string, string>();
const asAccount = (username: string, accountRev: number): Actor => ({
  role: 'staff',
  credential: credentialOfAccount.get(username) ?? `unsigned-${username}`,
  username,
  accountRev,
});

/** Signs an account in (its first session), and changes its initial password: the API's path. */
async function signedIn(username: string, created: object) {
  if (!('password' in created && 'totpSecret' in created)) throw new Error(`${username} was not created`);
  const session = await m.signIn(
    { username, password: created.password, otp: m.codeAt(String(created.totpSecret)) },
    '192.0.2.1',
  );
  const tokenHash = m.hashToken(session.token);
  const credential = tokenHash.slice(0, 12);
  credentialOfAccount.set(username, credential);
  await m.changePassword({ tokenHash, credential, username }, { password: `${username}, a long password` });
}

/** Defines an election, issues its codes, and has its officers send section 1 flagged (R1) and section 2 square. */
async function nightOf(electionId: string) {
  await m.defineElection(electionId, smallElection(electionId), testActor);
  const { tokens } = await m.issueOfficerTokens(electionId, { sections: ['1', '2'] }, testActor);
  const officer = (sectionId: string) => ({
    role: 'officer' as const,
    credential: m.hashToken(tokens[sectionId] ?? '').slice(0, 12),
    sectionId,
  });
  const unsquare = { ...squareResults(1), voters: squareResults(1).voters + 4 };
  await m.submitResults({ electionId, sectionId: '1', body: unsquare, actor: officer('1') });
  await m.submitResults({ electionId, sectionId: '2', body: squareResults(2), actor: officer('2') });
}

beforeAll(async () => {
  table = await startLocalTable();
  site = await startLocalBucket(BUCKET);
  const { publishSummary } = await import('../../shared/use-cases/publish-results.js');
  settle = async () => {
    await aggregateAndChain(await table.readNewStreamRecords());
    for (const electionId of [E, F]) await publishSummary(site.bucket, electionId);
  };
  m = {
    ...(await import('../../infra/cli/verify-audit/verify-trail.js')),
    ...(await nightUseCases()),
    ...(await import('../../shared/use-cases/issue-officer-tokens.js')),
    ...(await import('../../shared/use-cases/certify-election.js')),
    ...(await import('../../shared/use-cases/staff-accounts.js')),
    ...(await import('../../shared/use-cases/staff-sessions.js')),
    ...(await import('../../shared/use-cases/read-audit.js')),
    ...(await import('../../shared/db/audit.js')),
    ...(await import('../../shared/db/keys.js')),
    ...(await import('../../shared/db/client.js')),
    ...(await import('../../shared/domain/totp.js')),
    ...(await import('../../shared/domain/tokens.js')),
  };

  // The accounts: Ada a viewer of both elections (rev 1), then a clerk of both (rev 2); Sue a
  // supervisor of E alone, made by Ada's admin, Root (an admin of every election).
  const root = await m.putStaffAccount('root', { name: 'Root', role: 'admin', elections: 'all' }, breakGlass);
  await signedIn('root', root);
  const byRoot = { elections: 'all' as const, by: asAccount('root', 1) };
  const ada = await m.putStaffAccount('ada', { name: 'Ada', role: 'viewer', elections: [E, F] }, byRoot);
  await m.putStaffAccount('ada', { name: 'Ada', role: 'clerk', elections: [E, F] }, byRoot);
  await signedIn('ada', ada);
  await signedIn(
    'sue',
    await m.putStaffAccount('sue', { name: 'Sue', role: 'supervisor', elections: [E] }, byRoot),
  );

  // E: the clerk approves the flagged count, the supervisor certifies. All within their rights.
  await nightOf(E);
  await m.reviewSection(
    'approve',
    E,
    '1',
    { reason: 'four ballots found in the wrong box' },
    asAccount('ada', 2),
  );
  await m.certifyElection(E, asAccount('sue', 1));

  // F: an approval under Ada's rev of a viewer, a reopening by Sue (a supervisor of E only), and
  // a certification by Ada, a clerk.
  await nightOf(F);
  await m.reviewSection('approve', F, '1', { reason: 'looked fine to a viewer' }, asAccount('ada', 1));
  await m.reviewSection('reopen', F, '2', { reason: 'not my election' }, asAccount('sue', 1));
  await m.certifyElection(F, asAccount('ada', 2));
  await settle();
}, 120_000);

afterAll(async () => {
  await site?.stop();
  await table?.stop();
});

const putItem = (Item: Record<string, unknown>) =>
  m.db().send(new PutCommand({ TableName: process.env.TABLE_NAME, Item }));

describe("verify-audit judges each staff write by the account's role and scope when it was made", () => {
  it('given a clerk’s approval and a supervisor’s certification within their elections, then verification passes', async () => {
    // Act
    const report = await m.verifyAudit(site.bucket, E);
    const { entries } = await m.readAudit(E, {});
    // Assess
    expect(report.problems).toEqual([]);
    expect(report.differences).toEqual([]);
    // 3 creations, a change, and each account's sign-in and password change.
    expect(report.deployment.entries).toBe(10);
    expect(report.deployment.records).toBe(10);
    expect(
      entries.filter((e) => e.event.actor.username).map((e) => [e.event.action, e.event.actor.username]),
    ).toEqual([
      ['approve', 'ada'],
      ['certify', 'sue'],
    ]);
  });

  it('given an approval under a viewer’s rev, a reopening out of scope and a clerk’s certification, then verification names each', async () => {
    // Act
    const report = await m.verifyAudit(site.bucket, F);
    // Assess: those three, and nothing else (the results do follow from the writes chained).
    expect(report.problems).toEqual([
      {
        where: 'section 1',
        problem: 'an approve by account ada under its rev 1, when it was a viewer: it needs a clerk',
      },
      {
        where: 'section 2',
        problem: `a reopen by account sue under its rev 1, when its elections did not include ${F}`,
      },
      {
        where: 'certify',
        problem: 'a certify by account ada under its rev 2, when it was a clerk: it needs a supervisor',
      },
    ]);
  });

  it('given a role raised in a chained account record, then the deployment’s trail betrays it', async () => {
    // Prepare: Ada's first record (a viewer) made a clerk's, behind the chain's back.
    const records = await m.listHistoryRecords(m.keys.deploymentPartition);
    const first = records.find((r) => r.username === 'ada' && r.rev === 1 && r.action === 'create');
    if (!first) throw new Error('no record of Ada’s creation');
    const key = { PK: String(first.PK), SK: String(first.SK) };
    try {
      await putItem({ ...first, role: 'clerk' });
      // Act
      const problems = (await m.verifyAudit(site.bucket, E)).problems;
      // Assess
      expect(problems).toHaveLength(1);
      expect(problems[0]?.where).toMatch(/^deployment trail: entry \d+$/);
      expect(problems[0]?.problem).toBe(`its record ${key.PK}|SK|${key.SK} was changed after it was chained`);
    } finally {
      await putItem(first);
    }
    const { Item } = await m.db().send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: key }));
    expect(Item).toEqual(first);
    expect((await m.verifyAudit(site.bucket, E)).problems).toEqual([]);
  });

  it('given an account made by a clerk, then every election’s verification names it in the deployment’s trail', async () => {
    // Prepare: Ada, a clerk, gives an account every election.
    await m.putStaffAccount(
      'mallory',
      { name: 'Mallory', role: 'admin', elections: 'all' },
      {
        elections: 'all',
        by: asAccount('ada', 2),
      },
    );
    // Act: before the stream has carried it, then after
    const unchained = (await m.verifyAudit(site.bucket, E)).problems;
    await settle();
    const chained = (await m.verifyAudit(site.bucket, E)).problems;
    // Assess
    expect(unchained).toHaveLength(1);
    expect(unchained[0]?.where).toMatch(
      /^deployment trail: ELECTION#~deployment\|SK\|HISTORY#STAFF#.*#mallory#create#/,
    );
    expect(unchained[0]?.problem).toMatch(/not in the chain/);
    expect(chained).toEqual([
      {
        where: 'deployment trail: account mallory, rev 1',
        problem: 'a create-account by account ada under its rev 2, when it was a clerk: it needs an admin',
      },
    ]);
  });
});
