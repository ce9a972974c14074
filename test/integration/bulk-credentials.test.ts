import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallElection, testActor } from '../helpers/elections.js';
import { startLocalTable } from '../helpers/local-table.js';

// Shared modules read their configuration on first use: import them after the table is up.
let table: Awaited<ReturnType<typeof startLocalTable>>;
let use: typeof import('../../shared/use-cases/define-election.js') &
  typeof import('../../shared/use-cases/issue-officer-tokens.js') &
  typeof import('../../shared/use-cases/revoke-officer-tokens.js') &
  typeof import('../../shared/db/tokens.js') &
  typeof import('../../shared/domain/tokens.js') &
  typeof import('../../shared/db/queries.js');

beforeAll(async () => {
  table = await startLocalTable();
  use = {
    ...(await import('../../shared/use-cases/define-election.js')),
    ...(await import('../../shared/use-cases/issue-officer-tokens.js')),
    ...(await import('../../shared/use-cases/revoke-officer-tokens.js')),
    ...(await import('../../shared/db/tokens.js')),
    ...(await import('../../shared/domain/tokens.js')),
    ...(await import('../../shared/db/queries.js')),
  };
});

afterAll(async () => {
  await table?.stop();
});

/** An election of `count` sections, numbered from 1. */
const townOf = (id: string, count: number) =>
  smallElection(id, {
    sections: Array.from({ length: count }, (_, i) => ({
      id: String(i + 1),
      name: `Sezione ${i + 1}`,
      registeredVoters: 800,
    })),
  });

const isValid = async (token: string) => (await use.findTokenByHash(use.hashToken(token))) !== undefined;

const credentialRecords = async (electionId: string, sectionId: string) =>
  use.queryAll({
    TableName: process.env.TABLE_NAME ?? '',
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: {
      ':pk': `ELECTION#${electionId}#SECTION#${sectionId}`,
      ':prefix': 'HISTORY#CREDENTIAL#',
    },
  });

describe('officer codes in bulk, in DynamoDB Local', () => {
  it('given two issues of every code at the same moment, then each section ends with exactly one valid code, one of those answered, and every code answered and replaced is revoked', async () => {
    // Prepare
    const election = townOf('bulk-race', 120);
    await use.defineElection(election.id, election, testActor);

    // Act
    const [first, second] = await Promise.all([
      use.issueOfficerTokens(election.id, { sections: 'all' }, testActor),
      use.issueOfficerTokens(election.id, { sections: 'all' }, testActor),
    ]);

    // Assess: whoever lost a race on a section read it again and replaced the winner's code.
    for (const section of election.sections) {
      const answered = [first.tokens[section.id], second.tokens[section.id]].filter(
        (t): t is string => t !== undefined,
      );
      expect(answered.length, section.id).toBeGreaterThan(0);
      const valid = await Promise.all(answered.map(isValid));
      expect(valid.filter(Boolean), section.id).toHaveLength(1);
      expect(await credentialRecords(election.id, section.id)).toHaveLength(answered.length);
    }
    const failedCodes = [...(first.failed ?? []), ...(second.failed ?? [])].map((f) => f.code);
    expect(new Set(failedCodes)).toEqual(new Set(failedCodes.length ? ['CONCURRENT_WRITE'] : []));
  });

  it('given codes for some sections, when every code is revoked, then those stop working, the others needed nothing, and each revocation has its record', async () => {
    // Prepare
    const election = townOf('bulk-revoke', 60);
    await use.defineElection(election.id, election, testActor);
    const { tokens } = await use.issueOfficerTokens(election.id, { sections: ['2', '7', '40'] }, testActor);

    // Act
    const { revoked, failed } = await use.revokeOfficerTokens(election.id, { sections: 'all' }, testActor);

    // Assess
    expect([...revoked].sort()).toEqual(['2', '40', '7']);
    expect(failed).toBeUndefined();
    for (const token of Object.values(tokens)) expect(await isValid(token)).toBe(false);
    expect(await credentialRecords(election.id, '7')).toHaveLength(2);
  });

  it('given a request whose time is up before it starts, then nothing is issued and it fails, naming nothing as done', async () => {
    // Prepare
    const election = townOf('bulk-late', 30);
    await use.defineElection(election.id, election, testActor);

    // Act, Assess
    await expect(
      use.issueOfficerTokens(election.id, { sections: 'all' }, testActor, { deadline: Date.now() - 1 }),
    ).rejects.toThrow(/30 sections not done: not done: the request ran out of time/);
    expect(await credentialRecords(election.id, '1')).toHaveLength(0);
  });

  it('given more sections than one request takes, then it is refused with TOO_MANY_SECTIONS before anything is written', async () => {
    // Prepare
    const election = townOf('bulk-many', 12);
    await use.defineElection(election.id, election, testActor);

    // Act, Assess
    await expect(
      use.issueOfficerTokens(election.id, { sections: 'all' }, testActor, { maxSections: 10 }),
    ).rejects.toMatchObject({ code: 'TOO_MANY_SECTIONS' });
    expect(await credentialRecords(election.id, '1')).toHaveLength(0);
  });
});
