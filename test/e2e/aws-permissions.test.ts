/**
 * The local stack enforces what AWS will: every function's DynamoDB and S3 calls pass the IAM
 * gate (infra/local/iam/) only if that function's own role in the packaged template allows them.
 * This suite plays a night that reaches every function, then checks both directions of least
 * privilege: nothing needed is missing (no call was refused), and nothing granted is unused.
 */

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionRole } from '../../infra/local/iam/function-roles.js';
import { evaluate, type PolicyStatement } from '../../infra/local/iam/policy.js';
import { LOCAL_CREDENTIALS, type Stack } from '../../infra/local/stack.js';
import { codeAt } from '../../shared/domain/totp.js';
import { E2E_STAFF_TOKEN, startDemoStack, startE2eStack } from '../helpers/demo-stack.js';
import { smallElection, squareResults } from '../helpers/elections.js';
import { stackClient } from '../helpers/local-stack-client.js';
import { damagePart, waitForRepair } from '../helpers/table-damage.js';

const E = 'permissions-2026';
const election = smallElection(E, { certifyApprovals: 2 });
let stack: Stack | undefined;

afterAll(async () => {
  await stack?.stop();
});

/** The statements a function's own code is held to locally (the rest Lambda uses, or run only in AWS). */
const codeStatements = (role: FunctionRole) =>
  role.statements.filter((s) => s.Sid?.startsWith('Code') && !s.Sid?.startsWith('CodeInAws'));

/** Per function, each action of its code statements that it never used on a resource the statement covers. */
function unusedGrants(roles: FunctionRole[], usage: Stack['iam']['usage']): string[] {
  const used = usage();
  return roles.flatMap((role) =>
    codeStatements(role).flatMap((statement: PolicyStatement) =>
      [statement.Action ?? []].flat().flatMap((action) => {
        const covered = used.some(
          (use) =>
            use.functionKey === role.functionKey &&
            evaluate([{ ...statement, Action: action }], { action: use.action, resource: use.resource }) ===
              'allowed',
        );
        return covered ? [] : [`${role.functionKey}: ${action} on ${JSON.stringify(statement.Resource)}`];
      }),
    ),
  );
}

describe('every function under its own role, as in AWS', () => {
  beforeAll(async () => {
    // The reconciliation runs in the night too, and must find something to repair.
    stack = await startE2eStack({ reconcileIntervalS: 2 });
  }, 240_000);

  it('given a night that reaches every function, then no call is refused and no function holds a permission it never used', async () => {
    if (!stack) throw new Error('no stack');
    const { send, waitForSummary } = stackClient(stack);
    const staff = (method: string, path: string, body?: unknown) =>
      send(method, `/v1/admin/elections/${E}${path}`, E2E_STAFF_TOKEN, body);
    const section = (id: string) => `/v1/elections/${E}/sections/${id}`;

    // Before the first publish of the night, the site's manifest is missing (as before a first
    // upload): the publisher must read that as missing, which takes s3:ListBucket in AWS.
    const s3 = new S3Client({
      endpoint: stack.s3Endpoint,
      forcePathStyle: true,
      region: 'eu-south-1',
      credentials: LOCAL_CREDENTIALS,
    });
    await s3.send(new DeleteObjectCommand({ Bucket: stack.bucket, Key: 'assets/manifest.json' }));
    s3.destroy();

    // Staff define the election and issue the codes.
    expect((await send('PUT', `/v1/admin/elections/${E}`, E2E_STAFF_TOKEN, election)).status).toBe(200);
    const issued = await staff('POST', '/officer-tokens', { sections: 'all' });
    expect(issued.status).toBe(200);
    const tokens = issued.body.tokens as Record<string, string>;
    const officer = (id: string) => tokens[id] ?? '';

    // A guessed code tried on every route is counted as a failed sign-in by each function.
    const guessed = 'guessed-token-0123456789abcdef';
    /** The guessed code on each route from one address of its own: each answer is 401. */
    const { apiUrl } = stack;
    const guessedFrom = async (address: string, routes: (readonly [string, string])[]) => {
      for (const [method, path] of routes) {
        const answer = await fetch(`${apiUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${guessed}`, 'cloudfront-viewer-address': `${address}:443` },
        });
        expect(answer.status, path).toBe(401);
      }
    };
    for (const [method, path] of [
      ['PUT', `/v1/admin/elections/${E}`],
      ['POST', `/v1/admin/elections/${E}/officer-tokens`],
      ['POST', `/v1/admin/elections/${E}/officer-tokens/revoke`],
      ['PUT', `${section('1')}/turnout/T1`],
      ['PUT', `${section('1')}/results`],
      ['GET', section('1')],
      ['GET', `${section('1')}/history`],
      ['POST', `/v1/admin/elections/${E}/sections/1/approve`],
      ['POST', `/v1/admin/elections/${E}/sections/1/reopen`],
      ['POST', `/v1/admin/elections/${E}/certify`],
      ['GET', '/v1/admin/quarantine'],
      ['GET', `/v1/admin/elections/${E}/sections`],
      ['GET', `/v1/admin/elections/${E}/export?format=csv`],
      ['GET', `/v1/admin/elections/${E}/audit`],
      ['GET', '/v1/session'],
    ] as const)
      expect((await send(method, path, guessed, method === 'GET' ? undefined : {})).status, path).toBe(401);
    // The job routes' guesses come from another address: one address past 20 failures a minute is throttled.
    await guessedFrom('203.0.113.7', [
      ['POST', `/v1/admin/elections/${E}/officer-token-jobs`],
      ['GET', `/v1/admin/elections/${E}/officer-token-jobs/some-job`],
      ['GET', `/v1/admin/elections/${E}/officer-token-jobs/some-job/sheet`],
    ]);
    // ...and those of the broadcast routes from a fourth (the first's later unknown codes, the
    // revoked and the replaced ones below, must stay within its 20 a minute).
    await guessedFrom('203.0.113.9', [
      ['GET', `${section('1')}/messages`],
      ['POST', `${section('1')}/messages/m0000000000000-none/ack`],
      ['POST', `/v1/admin/elections/${E}/messages`],
    ]);
    // ...and those of the staff account routes from a third.
    await guessedFrom('203.0.113.8', [
      ['PUT', '/v1/admin/staff/someone'],
      ['DELETE', '/v1/admin/staff/someone'],
      ['GET', '/v1/admin/staff'],
      ['GET', '/v1/admin/audit'],
      ['POST', '/v1/staff/password'],
      ['DELETE', '/v1/staff/sessions/current'],
    ]);

    // An admin creates a supervisor's account; a wrong sign-in is counted, the right one signs in.
    const created = await send('PUT', '/v1/admin/staff/super', E2E_STAFF_TOKEN, {
      name: 'Supervisor',
      role: 'supervisor',
      elections: [E],
    });
    expect(created.status).toBe(200);
    const secrets = created.body as { password: string; totpSecret: string };
    const signIn = (password: string) =>
      fetch(`${stack?.apiUrl}/v1/staff/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'super', password, otp: codeAt(secrets.totpSecret) }),
      });
    expect((await signIn('not the password')).status).toBe(401);
    const session = (await (await signIn(secrets.password)).json()) as { token: string };
    expect(
      (await send('POST', '/v1/staff/password', session.token, { password: 'a long new password' })).status,
    ).toBe(200);
    expect((await send('GET', '/v1/admin/staff', E2E_STAFF_TOKEN)).status).toBe(200);

    // Officers send turnout and counts; section 2's count does not square and is flagged.
    for (const id of ['1', '2', '3']) {
      for (const [slot, voters] of [
        ['T1', 100],
        ['T2', squareResults(Number(id)).voters],
      ] as const)
        expect((await send('PUT', `${section(id)}/turnout/${slot}`, officer(id), { voters })).status).toBe(
          200,
        );
    }
    // As on a real night, the final readings are taken in before the counts arrive: a count's plan
    // then checks the final reading it does not write (the outlook source's partner).
    await waitForSummary(E, (s) =>
      (s.turnout as { slotId: string; sectionsReported: number }[]).some(
        (t) => t.slotId === 'T2' && t.sectionsReported === 3,
      ),
    );
    expect((await send('PUT', `${section('1')}/results`, officer('1'), squareResults(1))).body).toMatchObject(
      {
        status: 'accepted',
      },
    );
    const flagged = await send('PUT', `${section('2')}/results`, officer('2'), {
      ...squareResults(2),
      voters: squareResults(2).voters + 5,
    });
    expect(flagged.body.status).toBe('flagged');
    expect((await send('PUT', `${section('3')}/results`, officer('3'), squareResults(3))).status).toBe(200);

    // Staff approve the flagged count and reopen another, which its officer sends again.
    expect(
      (await staff('POST', '/sections/2/approve', { reason: 'checked on the tally sheet' })).status,
    ).toBe(200);
    expect((await staff('POST', '/sections/3/reopen', { reason: 'recount requested' })).status).toBe(200);
    const recount = { ...squareResults(3), blankBallots: 4, invalidBallots: 4 };
    expect((await send('PUT', `${section('3')}/results`, officer('3'), recount)).body).toMatchObject({
      status: 'accepted',
    });

    // Staff send a message to every station; officers read it (their heartbeat) and acknowledge it.
    const message = await staff('POST', '/messages', { text: 'Seggi: chiusura alle 23' });
    expect(message.status).toBe(201);
    expect((await send('GET', `${section('2')}/messages`, officer('2'))).body).toMatchObject({
      messages: [{ id: message.body.id, acknowledgedAt: null }],
    });
    expect((await send('POST', `${section('2')}/messages/${message.body.id}/ack`, officer('2'))).status).toBe(
      200,
    );

    // Everything read back, by officers and staff.
    expect((await send('GET', section('1'), officer('1'))).status).toBe(200);
    expect((await send('GET', `${section('1')}/history`, E2E_STAFF_TOKEN)).status).toBe(200);
    expect((await send('GET', '/v1/session', officer('1'))).status).toBe(200);
    expect((await staff('GET', '/sections')).status).toBe(200);
    expect((await staff('GET', '/audit')).status).toBe(200);
    expect((await send('GET', '/v1/admin/quarantine', E2E_STAFF_TOKEN)).status).toBe(200);
    const exported = await fetch(`${stack.apiUrl}/v1/admin/elections/${E}/export?format=csv`, {
      headers: { authorization: `Bearer ${E2E_STAFF_TOKEN}` },
    });
    expect(exported.status).toBe(200);
    expect((await fetch(`${stack.apiUrl}/v1/health`)).status).toBe(200);
    expect((await fetch(`${stack.apiUrl}/v1/nothing-here`)).status).toBe(404);

    // A lost code is revoked, and new ones issued (which revokes a section's earlier code).
    expect((await staff('POST', '/officer-tokens/revoke', { sections: ['1'] })).status).toBe(200);
    expect((await send('GET', section('1'), officer('1'))).status).toBe(401);
    const reissued = await staff('POST', '/officer-tokens', { sections: ['1', '2'] });
    expect(reissued.status).toBe(200);
    expect((await send('GET', section('2'), officer('2'))).status).toBe(401);
    const newCode = (reissued.body.tokens as Record<string, string>)['2'] ?? '';
    expect((await send('GET', section('2'), newCode)).status).toBe(200);

    // A job issues codes again (each replacing one), its worker invoked asynchronously; its
    // progress is read until done, then its sheet, from the private bucket.
    const job = await staff('POST', '/officer-token-jobs', { operation: 'issue', sections: ['1', '2', '3'] });
    expect(job.status).toBe(202);
    let progress = job.body;
    for (let polls = 0; progress.status !== 'done' && polls < 120; polls++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      progress = (await send('GET', String(job.body.location), E2E_STAFF_TOKEN)).body;
    }
    expect(progress).toMatchObject({ status: 'done', changed: 3 });
    const sheet = await send('GET', `${job.body.location}/sheet?part=0`, E2E_STAFF_TOKEN);
    expect(Object.keys(sheet.body.tokens as object)).toEqual(['1', '2', '3']);

    // The night is published; a damaged total is corrected by the reconciliation; it is certified.
    const published = await waitForSummary(E, (s) => (s.sections as { reported: number }).reported === 3);
    const db = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: stack.dynamodbEndpoint,
        region: 'eu-south-1',
        credentials: LOCAL_CREDENTIALS,
      }),
    );
    await damagePart(db, stack.tableName, E, { voters: 7 });
    await waitForRepair(db, stack.tableName, E);
    db.destroy();
    const voters = (summary: Record<string, unknown>) => (summary.totals as { voters: number }).voters;
    await waitForSummary(E, (s) => voters(s) === voters(published));
    // Two approvals: the break-glass admin's first, the supervisor's session's second.
    expect((await staff('POST', '/certify', {})).status).toBe(202);
    expect((await send('POST', `/v1/admin/elections/${E}/certify`, session.token, {})).status).toBe(200);
    await waitForSummary(E, (s) => s.status === 'certified');
    // The supervisor signs out, the account is disabled, and the deployment's trail read.
    expect((await send('DELETE', '/v1/staff/sessions/current', session.token)).status).toBe(200);
    expect((await send('DELETE', '/v1/admin/staff/super', E2E_STAFF_TOKEN)).status).toBe(200);
    expect((await send('GET', '/v1/admin/audit', E2E_STAFF_TOKEN)).status).toBe(200);

    // Assess: nothing was refused, and every granted action was used.
    expect(stack.iam.denials()).toEqual([]);
    expect(unusedGrants(stack.iam.roles, stack.iam.usage)).toEqual([]);
    // Every function that may call AWS did, under its own name.
    const callers = new Set(stack.iam.usage().map((u) => u.functionKey));
    const granted = stack.iam.roles.filter((r) => codeStatements(r).length > 0).map((r) => r.functionKey);
    expect(granted.filter((f) => !callers.has(f))).toEqual([]);
  }, 240_000);

  it('given the publisher loses its read of the site, when the night is played, then publishing fails with AccessDenied naming the function, the action and the resource', async () => {
    // Prepare: the packaged roles, less the publisher's read of the assets manifest.
    await stack?.stop();
    stack = await startDemoStack({
      adjustRoles: (roles) =>
        roles.map((role) =>
          role.functionKey !== 'publishResults'
            ? role
            : {
                ...role,
                statements: role.statements.filter((s) => s.Sid !== 'CodeReadsSite'),
              },
        ),
    });

    // Act: the seeded definition is a change the publisher must publish; wait for its attempt.
    const deadline = Date.now() + 60_000;
    while (stack.iam.denials().length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 250));

    // Assess: refused as AWS refuses it, and nothing reached the public.
    const [denial] = stack.iam.denials();
    expect(denial).toMatchObject({
      functionKey: 'publishResults',
      action: 's3:GetObject',
      resource: `arn:aws:s3:::${stack.bucket}/assets/manifest.json`,
    });
    expect(denial?.message).toMatch(
      /^User: arn:aws:sts::\d{12}:assumed-role\/.+\/election-night-local-publishResults is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::.+\/assets\/manifest\.json because no identity-based policy allows the s3:GetObject action$/,
    );
    expect((await fetch(`${stack.siteUrl}results/demo-2026/latest.json`)).status).toBe(404);
  }, 240_000);
});
