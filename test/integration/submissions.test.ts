import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEventOf } from '../../shared/domain/audit-events.js';
import { canonicalJson } from '../../shared/domain/canonical-json.js';
import { leafHash, toHex } from '../../shared/domain/log/rfc6962.js';
import { publicLogEntryOf } from '../../shared/domain/public-log-entry.js';
import { smallElection, squareResults, testActor } from '../helpers/elections.js';
import { startLocalTable } from '../helpers/local-table.js';
import { type NightUseCases, nightUseCases } from '../helpers/night-use-cases.js';
import { sectionHistoryRecords } from '../helpers/section-history-records.js';

// Shared modules read their configuration on first use: import them after the table is up.
let table: Awaited<ReturnType<typeof startLocalTable>>;
let use: NightUseCases & {
  readSection: typeof import('../../shared/use-cases/read-section.js').readSection;
  issueOfficerTokens: typeof import('../../shared/use-cases/issue-officer-tokens.js').issueOfficerTokens;
  revokeOfficerTokens: typeof import('../../shared/use-cases/revoke-officer-tokens.js').revokeOfficerTokens;
  certifyElection: typeof import('../../shared/use-cases/certify-election.js').certifyElection;
  readSectionHistory: typeof import('../../shared/use-cases/read-section-history.js').readSectionHistory;
  findTokenByHash: typeof import('../../shared/db/tokens.js').findTokenByHash;
  hashToken: typeof import('../../shared/domain/tokens.js').hashToken;
  db: typeof import('../../shared/db/client.js');
};

beforeAll(async () => {
  table = await startLocalTable();
  use = {
    ...(await nightUseCases()),
    ...(await import('../../shared/use-cases/read-section.js')),
    ...(await import('../../shared/use-cases/issue-officer-tokens.js')),
    ...(await import('../../shared/use-cases/revoke-officer-tokens.js')),
    ...(await import('../../shared/use-cases/certify-election.js')),
    ...(await import('../../shared/use-cases/read-section-history.js')),
    ...(await import('../../shared/db/tokens.js')),
    ...(await import('../../shared/domain/tokens.js')),
    db: await import('../../shared/db/client.js'),
  };
});

afterAll(async () => {
  await table?.stop();
});

/** The section's count versions, straight from the table. */
const historyOf = (electionId: string, sectionId: string) =>
  sectionHistoryRecords(electionId, sectionId, 'HISTORY#RESULT#');

describe('an election definition stored in DynamoDB Local', () => {
  it('given a new definition, when it is PUT twice, then the second PUT changes nothing', async () => {
    // Prepare
    const definition = smallElection('def-twice');
    // Act
    const first = await use.defineElection('def-twice', definition, testActor);
    const second = await use.defineElection('def-twice', definition, testActor);
    // Assess
    expect(first.changed).toBe(true);
    expect(second).toEqual({ id: 'def-twice', definitionHash: first.definitionHash, changed: false });
  });

  it('given a redefinition cut short after its sections, then no submission lands until it is sent again, which finishes it', async () => {
    // Prepare: a redefinition that claimed the election, then stopped (as a crashed call would).
    await use.defineElection('cut-short', smallElection('cut-short'), testActor);
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    await use.db.db().send(
      new UpdateCommand({
        TableName: use.db.tableName(),
        Key: { PK: 'ELECTION#cut-short', SK: 'STATE' },
        UpdateExpression: 'SET defining = :hash',
        ExpressionAttributeValues: { ':hash': 'a-definition-being-written' },
      }),
    );
    // Act
    const meanwhile = use.submitResults({
      actor: testActor,
      electionId: 'cut-short',
      sectionId: '1',
      body: squareResults(1),
    });
    // Assess: refused as a concurrent write (the app sends it again later), nothing stored
    await expect(meanwhile).rejects.toMatchObject({ code: 'CONCURRENT_WRITE' });
    expect(await historyOf('cut-short', '1')).toEqual([]);
    // Act: the definition sent again (the same as before) finishes the redefinition
    const again = await use.defineElection('cut-short', smallElection('cut-short'), testActor);
    const after = await use.submitResults({
      actor: testActor,
      electionId: 'cut-short',
      sectionId: '1',
      body: squareResults(1),
    });
    // Assess
    expect(again.changed).toBe(true);
    expect(after).toMatchObject({ version: 1, status: 'accepted' });
  }, 30_000);

  it('given a definition with results, when it is changed, then it is refused with ELECTION_IN_USE', async () => {
    // Prepare
    await use.defineElection('def-in-use', smallElection('def-in-use'), testActor);
    await use.submitResults({
      actor: testActor,
      electionId: 'def-in-use',
      sectionId: '1',
      body: squareResults(1),
    });
    // Act
    const change = use.defineElection(
      'def-in-use',
      smallElection('def-in-use', { name: 'Renamed' }),
      testActor,
    );
    // Assess
    await expect(change).rejects.toMatchObject({ code: 'ELECTION_IN_USE' });
    expect((await use.readSection('def-in-use', '1')).version).toBe(1);
  });
});

describe('a section count stored with versions', () => {
  beforeAll(async () => {
    await use.defineElection('versions', smallElection('versions'), testActor);
  });

  it('given a stored count, when the identical body is re-sent, then the version stays and nothing new is stored', async () => {
    // Prepare
    const first = await use.submitResults({
      actor: testActor,
      electionId: 'versions',
      sectionId: '1',
      body: squareResults(1),
    });
    // Act
    const again = await use.submitResults({
      actor: testActor,
      electionId: 'versions',
      sectionId: '1',
      body: squareResults(1),
    });
    // Assess
    expect(first).toEqual({ version: 1, status: 'accepted', checks: [], receipt: expect.any(String) });
    expect(again).toEqual(first);
    const history = await historyOf('versions', '1');
    expect(history).toHaveLength(1);
    // The receipt is the leaf hash of the public log entry of the stored record (docs/interface.md).
    const entry = publicLogEntryOf(auditEventOf(history[0] as Record<string, unknown>));
    expect(first.receipt).toMatch(/^[0-9a-f]{64}$/);
    expect(first.receipt).toBe(toHex(leafHash(new TextEncoder().encode(canonicalJson(entry)))));
    expect(entry).toMatchObject({ sectionId: '1', item: 'results', version: 1 });
  });

  it('given a stored count, when a different body is sent, then it is a correction and the history keeps both', async () => {
    // Act
    const correction = await use.submitResults({
      actor: testActor,
      electionId: 'versions',
      sectionId: '1',
      body: squareResults(2),
    });
    // Assess
    expect(correction.version).toBe(2);
    expect(correction.receipt).toMatch(/^[0-9a-f]{64}$/);
    const history = await historyOf('versions', '1');
    expect(history.map((h) => h.version)).toEqual([1, 2]);
    expect(history[0]?.body).toMatchObject({ voters: squareResults(1).voters });
    expect((await use.readSection('versions', '1')).results).toMatchObject({
      voters: squareResults(2).voters,
    });
  });

  it('given version 2 is stored, when a correction says If-Match 1, then it is refused and nothing changes', async () => {
    // Act
    const stale = use.submitResults({
      actor: testActor,
      electionId: 'versions',
      sectionId: '1',
      body: squareResults(3),
      ifMatch: 1,
    });
    // Assess
    await expect(stale).rejects.toMatchObject({ code: 'VERSION_MISMATCH' });
    expect((await use.readSection('versions', '1')).version).toBe(2);
  });

  it('given a count that does not square, when it is sent, then it is stored as flagged with check R1', async () => {
    // Prepare
    const body = { ...squareResults(1), voters: squareResults(1).voters + 7 };
    // Act
    const outcome = await use.submitResults({
      actor: testActor,
      electionId: 'versions',
      sectionId: '2',
      body,
    });
    // Assess
    expect(outcome.status).toBe('flagged');
    expect(outcome.checks.map((c) => c.code)).toContain('R1');
    expect((await use.readSection('versions', '2')).status).toBe('flagged');
  });

  it('given an unknown list id, when the count is sent, then it is refused and nothing is stored', async () => {
    // Prepare
    const body = { ...squareResults(1), listVotes: { L1: 1, L99: 2 } };
    // Act
    const outcome = use.submitResults({ actor: testActor, electionId: 'versions', sectionId: '3', body });
    // Assess
    await expect(outcome).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await use.readSection('versions', '3')).status).toBe('not-reported');
  });

  it('given an unknown slot, when a turnout reading is sent, then it is refused', async () => {
    // Act
    const outcome = use.submitTurnout({
      actor: testActor,
      electionId: 'versions',
      sectionId: '3',
      slotId: 'T9',
      body: { voters: 10 },
    });
    // Assess
    await expect(outcome).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('officer tokens', () => {
  it('given a code revoked while a request made with it is on its way, when the write lands, then it is refused and nothing is stored', async () => {
    // Prepare: the request was authenticated a moment before the revocation.
    await use.defineElection('in-flight', smallElection('in-flight'), testActor);
    const { tokens } = await use.issueOfficerTokens('in-flight', { sections: ['1'] }, testActor);
    const signedInWith = use.hashToken(tokens['1'] ?? '');
    await use.revokeOfficerTokens('in-flight', { sections: ['1'] }, testActor);
    // Act
    const write = use.submitResults({
      electionId: 'in-flight',
      sectionId: '1',
      body: squareResults(1),
      actor: { role: 'officer', credential: signedInWith.slice(0, 12), sectionId: '1' },
      signedInWith,
    });
    // Assess
    await expect(write).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await historyOf('in-flight', '1')).toEqual([]);
  });

  it('given nothing stored, a live election may become a rehearsal; once anything is stored, the flag is locked like the rest', async () => {
    // Prepare
    await use.defineElection('flag-lock', smallElection('flag-lock'), testActor);
    // Act: before any result (docs/interface.md: only a definition in use is refused)
    const asRehearsal = await use.defineElection(
      'flag-lock',
      smallElection('flag-lock', { rehearsal: true }),
      testActor,
    );
    await use.submitTurnout({
      actor: testActor,
      electionId: 'flag-lock',
      sectionId: '1',
      slotId: 'T1',
      body: { voters: 1 },
    });
    const backToLive = use.defineElection('flag-lock', smallElection('flag-lock'), testActor);
    // Assess: a rehearsal's data can never become live under its id
    expect(asRehearsal.changed).toBe(true);
    await expect(backToLive).rejects.toMatchObject({ code: 'ELECTION_IN_USE' });
  });

  it('given a section token, when it is issued again, then the earlier token is revoked at once', async () => {
    // Prepare
    await use.defineElection('tokens', smallElection('tokens'), testActor);
    const { tokens: first } = await use.issueOfficerTokens('tokens', { sections: ['1'] }, testActor);
    // Act
    const { tokens: second } = await use.issueOfficerTokens('tokens', { sections: ['1'] }, testActor);
    // Assess
    expect(first['1']).not.toEqual(second['1']);
    expect(await use.findTokenByHash(use.hashToken(first['1'] ?? ''))).toBeUndefined();
    expect(await use.findTokenByHash(use.hashToken(second['1'] ?? ''))).toEqual({
      role: 'officer',
      tokenHash: use.hashToken(second['1'] ?? ''),
      credential: use.hashToken(second['1'] ?? '').slice(0, 12),
      electionId: 'tokens',
      sectionId: '1',
    });
  });

  it('given "all", when tokens are issued, then every section gets one and the table holds only hashes', async () => {
    // Act
    const { tokens } = await use.issueOfficerTokens('tokens', { sections: 'all' }, testActor);
    // Assess
    expect(Object.keys(tokens).sort()).toEqual(['1', '2', '3']);
    const { ScanCommand } = await import('@aws-sdk/lib-dynamodb');
    const { Items = [] } = await use.db.db().send(new ScanCommand({ TableName: use.db.tableName() }));
    const everything = JSON.stringify(Items);
    for (const token of Object.values(tokens)) expect(everything).not.toContain(token);
  });
});

describe('staff reviews and certification', () => {
  const notSquare = { ...squareResults(1), voters: squareResults(1).voters + 3 };

  beforeAll(async () => {
    await use.defineElection('reviews', smallElection('reviews'), testActor);
  });

  it('given a flagged count, when staff approve it with a reason, then it is approved and the history shows the version and the review', async () => {
    // Prepare
    await use.submitResults({ actor: testActor, electionId: 'reviews', sectionId: '1', body: notSquare });
    // Act
    const approved = await use.reviewSection(
      'approve',
      'reviews',
      '1',
      {
        reason: 'verbale checked: three ballots found later',
      },
      testActor,
    );
    // Assess
    expect(approved).toMatchObject({
      version: 1,
      status: 'approved',
      review: { action: 'approve', version: 1 },
    });
    const { entries } = await use.readSectionHistory('reviews', '1');
    expect(entries.map((e) => [e.entry, e.version])).toEqual([
      ['version', 1],
      ['review', 1],
    ]);
    expect(entries[1]).toMatchObject({
      reason: 'verbale checked: three ballots found later',
      status: 'approved',
    });
  });

  it('given an accepted count, when staff try to approve it, then it is refused with NOT_FLAGGED', async () => {
    await use.submitResults({
      actor: testActor,
      electionId: 'reviews',
      sectionId: '2',
      body: squareResults(2),
    });
    await expect(
      use.reviewSection('approve', 'reviews', '2', { reason: 'no reason really' }, testActor),
    ).rejects.toMatchObject({
      code: 'NOT_FLAGGED',
    });
  });

  it('given no reason, when staff approve, then it is refused and nothing changes', async () => {
    await expect(use.reviewSection('approve', 'reviews', '1', {}, testActor)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('given an accepted count, when staff reopen it, then it leaves the totals until the officer confirms it again as a new version', async () => {
    // Act
    const reopened = await use.reviewSection(
      'reopen',
      'reviews',
      '2',
      {
        reason: 'officer called: wrong section sheet',
      },
      testActor,
    );
    const confirmed = await use.submitResults({
      actor: testActor,
      electionId: 'reviews',
      sectionId: '2',
      body: squareResults(2),
    });
    // Assess
    expect(reopened.status).toBe('reopened');
    expect(confirmed).toEqual({
      version: 2,
      status: 'accepted',
      checks: [],
      receipt: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('given a final reading that disagrees with the count, when the reading is corrected, then the count is no longer flagged', async () => {
    // Prepare
    await use.submitTurnout({
      actor: testActor,
      electionId: 'reviews',
      sectionId: '3',
      slotId: 'T2',
      body: { voters: 999 },
    });
    const flagged = await use.submitResults({
      actor: testActor,
      electionId: 'reviews',
      sectionId: '3',
      body: squareResults(3),
    });
    expect(flagged.status).toBe('flagged');
    // Act
    await use.submitTurnout({
      actor: testActor,
      electionId: 'reviews',
      sectionId: '3',
      slotId: 'T2',
      body: { voters: squareResults(3).voters },
    });
    // Assess
    const section = await use.readSection('reviews', '3');
    expect(section).toMatchObject({ status: 'accepted', version: 1, checks: [] });
    // The corrected reading's record says what it changed beside it, for the audit trail.
    const { entries } = await use.readSectionHistory('reviews', '3');
    expect(entries.at(-1)).toMatchObject({
      kind: 'turnout',
      slotId: 'T2',
      version: 2,
      rechecked: [{ kind: 'results', status: 'accepted', checks: [] }],
    });
  });

  it('given a final reading flagged against the count, when staff reopen the count, then the reading is judged again without it, in the same write, and its record says so', async () => {
    // Prepare
    await use.defineElection('rejudge', smallElection('rejudge'), testActor);
    const write = { actor: testActor, electionId: 'rejudge', sectionId: '1' };
    await use.submitTurnout({ ...write, slotId: 'T2', body: { voters: 999 } });
    expect((await use.submitResults({ ...write, body: squareResults(1) })).status).toBe('flagged');
    const before = await use.readSection('rejudge', '1');
    expect(before.turnout.T2).toMatchObject({
      status: 'flagged',
      checks: [expect.objectContaining({ code: 'R5' })],
    });
    // Act
    await use.reviewSection('reopen', 'rejudge', '1', { reason: 'the count is being redone' }, testActor);
    // Assess: the reading no longer meets a count, and passes
    const after = await use.readSection('rejudge', '1');
    expect(after.status).toBe('reopened');
    expect(after.turnout.T2).toMatchObject({ status: 'accepted', checks: [] });
    const { entries } = await use.readSectionHistory('rejudge', '1');
    expect(entries.at(-1)).toMatchObject({
      action: 'reopen',
      rechecked: [{ kind: 'turnout', slotId: 'T2', status: 'accepted', checks: [] }],
    });
  });

  it('given a certified election, when anything is written, then it answers ELECTION_CERTIFIED', async () => {
    // Act
    const certified = await use.certifyElection('reviews', testActor);
    // Assess
    expect(certified).toMatchObject({ status: 200, body: { state: 'certified', sections: { total: 3 } } });
    await expect(
      use.submitResults({ actor: testActor, electionId: 'reviews', sectionId: '2', body: squareResults(2) }),
    ).rejects.toMatchObject({
      code: 'ELECTION_CERTIFIED',
    });
    await expect(
      use.reviewSection('reopen', 'reviews', '2', { reason: 'too late now' }, testActor),
    ).rejects.toMatchObject({
      code: 'ELECTION_CERTIFIED',
    });
    await expect(use.certifyElection('reviews', testActor)).rejects.toMatchObject({
      code: 'ELECTION_CERTIFIED',
    });
    await expect(
      use.defineElection('reviews', smallElection('reviews', { name: 'Changed' }), testActor),
    ).rejects.toMatchObject({
      code: 'ELECTION_CERTIFIED',
    });
  });
});
