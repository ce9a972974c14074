/**
 * What a bearer token is worth, against DynamoDB Local: an officer's code until its days after
 * certification are over; a staff session until its hours are over or its account is disabled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiEvent } from '../helpers/api-chain.js';
import { smallElection, testActor } from '../helpers/elections.js';
import { startLocalTable } from '../helpers/local-table.js';

let table: Awaited<ReturnType<typeof startLocalTable>>;
let use: typeof import('../../shared/use-cases/define-election.js') &
  typeof import('../../shared/use-cases/issue-officer-tokens.js') &
  typeof import('../../shared/use-cases/certify-election.js') &
  typeof import('../../shared/use-cases/staff-accounts.js') &
  typeof import('../../shared/use-cases/staff-sessions.js') &
  typeof import('../../shared/http/authenticate.js') &
  typeof import('../../shared/domain/totp.js') &
  typeof import('../../shared/domain/tokens.js') & { db: typeof import('../../shared/db/client.js') };

beforeAll(async () => {
  table = await startLocalTable();
  use = {
    ...(await import('../../shared/use-cases/define-election.js')),
    ...(await import('../../shared/use-cases/issue-officer-tokens.js')),
    ...(await import('../../shared/use-cases/certify-election.js')),
    ...(await import('../../shared/use-cases/staff-accounts.js')),
    ...(await import('../../shared/use-cases/staff-sessions.js')),
    ...(await import('../../shared/http/authenticate.js')),
    ...(await import('../../shared/domain/totp.js')),
    ...(await import('../../shared/domain/tokens.js')),
    db: await import('../../shared/db/client.js'),
  };
});

afterAll(async () => {
  await table?.stop();
});

const bearer = (token: string) => apiEvent({ headers: { authorization: `Bearer ${token}` } });

/** Moves a stored moment back by `days` (what time would do). */
async function backdate(key: Record<string, string>, attribute: string, value: string | number) {
  const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
  await use.db.db().send(
    new UpdateCommand({
      TableName: use.db.tableName(),
      Key: key,
      UpdateExpression: 'SET #a = :v',
      ExpressionAttributeNames: { '#a': attribute },
      ExpressionAttributeValues: { ':v': value },
    }),
  );
}

const DAY_MS = 86_400_000;

describe('officer codes after certification', () => {
  it.each([
    [29, 'officer'],
    [31, 'UNAUTHORIZED'],
  ])(
    'given the election certified %i days ago, then its code authenticates as: %s',
    async (days, expected) => {
      // Prepare: one election per case (the certification time is cached a minute per election)
      const electionId = `expiry-${days}`;
      await use.defineElection(electionId, smallElection(electionId), testActor);
      const { tokens } = await use.issueOfficerTokens(electionId, { sections: ['1'] }, testActor);
      await use.certifyElection(electionId, testActor);
      await backdate(
        { PK: `ELECTION#${electionId}`, SK: 'STATE' },
        'certifiedAt',
        new Date(Date.now() - days * DAY_MS).toISOString(),
      );
      // Act
      const outcome = await use.authenticate(bearer(tokens['1'] ?? '')).then(
        (caller) => caller.role,
        (error: { code: string }) => error.code,
      );
      // Assess
      expect(outcome).toBe(expected);
    },
  );
});

describe('staff sessions', () => {
  async function session(username: string) {
    const created = await use.putStaffAccount(
      username,
      { name: username, role: 'clerk', elections: ['e1'] },
      { elections: 'all', by: testActor },
    );
    if (!('password' in created)) throw new Error('not created');
    const opened = await use.signIn(
      { username, password: created.password, otp: use.codeAt(created.totpSecret) },
      '192.0.2.1',
    );
    return opened.token;
  }

  it('given a session, then it is a clerk of its elections, whose first session must change the password', async () => {
    const caller = await use.authenticate(bearer(await session('ses-one')));
    expect(caller).toMatchObject({
      role: 'staff',
      staffRole: 'clerk',
      elections: ['e1'],
      account: { username: 'ses-one', passwordChangeRequired: true },
    });
  });

  it('given a session past its hours, then it is refused', async () => {
    const token = await session('ses-old');
    await backdate(
      { PK: `TOKEN#${use.hashToken(token)}`, SK: 'TOKEN' },
      'expiresAt',
      Math.floor(Date.now() / 1000) - 1,
    );
    await expect(use.authenticate(bearer(token))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('given the account disabled, then its session is refused at the next request', async () => {
    const token = await session('ses-off');
    await use.disableStaffAccount('ses-off', { elections: 'all', by: testActor });
    await expect(use.authenticate(bearer(token))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('given an admin of one election, then it may not create an account for all, nor change one outside its scope', async () => {
    const scoped = { elections: ['e1'] as string[], by: testActor };
    await expect(
      use.putStaffAccount('ses-wide', { name: 'Wide', role: 'viewer', elections: 'all' }, scoped),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await use.putStaffAccount(
      'ses-e2',
      { name: 'E2', role: 'viewer', elections: ['e2'] },
      { elections: 'all', by: testActor },
    );
    await expect(
      use.putStaffAccount('ses-e2', { name: 'E2', role: 'viewer', elections: ['e1'] }, scoped),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await use.listStaffAccounts(scoped)).accounts.map((a) => a.username)).not.toContain('ses-e2');
  });
});
