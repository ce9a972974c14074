/**
 * Staff accounts over the local HTTP API: an admin creates accounts, people sign in with
 * password and one-time code, change the initial password, work within their role and scope,
 * certify in pairs, sign out, and lose their sessions at once when disabled; every step is in
 * the trails. And an attacker's failed guesses never lock out the officers behind the same address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../infra/local/stack.js';
import { codeAt } from '../../shared/domain/totp.js';
import { SIGN_IN_FAILURES_PER_WINDOW, WINDOW_MS } from '../../shared/http/sign-in-throttle.js';
import { E2E_STAFF_TOKEN, startDemoStack } from '../helpers/demo-stack.js';
import { smallElection } from '../helpers/elections.js';
import { issueOfficerCodes, type Json, stackClient } from '../helpers/local-stack-client.js';

let stack: Stack;
let api: ReturnType<typeof stackClient>;
const PAIRED = 'staff-paired';
const OTHER = 'staff-other';

/** One raw request with the headers under the test's control. */
async function call(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; from?: string } = {},
) {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.from ? { 'cloudfront-viewer-address': `${options.from}:443` } : {}),
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
}

interface Created {
  username: string;
  password: string;
  totpSecret: string;
  otpauthUri: string;
}

/** Creates an account as the break-glass admin, signs in, changes the password: a full session. */
async function signedIn(username: string, role: string, elections: string[] | 'all') {
  const created = await call('PUT', `/v1/admin/staff/${username}`, {
    token: E2E_STAFF_TOKEN,
    body: { name: `Test ${username}`, role, elections },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const account = created.body as unknown as Created;
  const first = await call('POST', '/v1/staff/sessions', {
    body: { username, password: account.password, otp: codeAt(account.totpSecret) },
  });
  expect(first.status, JSON.stringify(first.body)).toBe(200);
  const token = String(first.body.token);
  const changed = await call('POST', '/v1/staff/password', {
    token,
    body: { password: `${username}-long-password` },
  });
  expect(changed.status, JSON.stringify(changed.body)).toBe(200);
  return { token, account };
}

beforeAll(async () => {
  stack = await startDemoStack();
  api = stackClient(stack);
  for (const election of [smallElection(PAIRED, { certifyApprovals: 2 }), smallElection(OTHER)])
    expect(
      (await api.send('PUT', `/v1/admin/elections/${election.id}`, E2E_STAFF_TOKEN, election)).status,
    ).toBe(200);
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

describe('staff accounts and sessions', () => {
  it('given a new account, then its secrets are answered once, the first session only changes the password, and the full session works within its role and scope', async () => {
    // Prepare
    const created = await call('PUT', '/v1/admin/staff/clerk-ada', {
      token: E2E_STAFF_TOKEN,
      body: { name: 'Ada Clerk', role: 'clerk', elections: [PAIRED] },
    });
    expect(created.status).toBe(200);
    const account = created.body as unknown as Created;
    expect(account.totpSecret).toMatch(/^[A-Z2-7]+=*$/);
    expect(account.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    // Act: wrong code, then right
    const wrongCode = await call('POST', '/v1/staff/sessions', {
      body: { username: 'clerk-ada', password: account.password, otp: '000000' },
      from: '203.0.113.7',
    });
    const wrongPassword = await call('POST', '/v1/staff/sessions', {
      body: { username: 'clerk-ada', password: 'not the password', otp: codeAt(account.totpSecret) },
      from: '203.0.113.7',
    });
    const firstCode = codeAt(account.totpSecret);
    const first = await call('POST', '/v1/staff/sessions', {
      body: { username: 'clerk-ada', password: account.password, otp: firstCode },
    });
    const token = String(first.body.token);
    const beforeChange = await call('GET', `/v1/admin/elections/${PAIRED}/sections`, { token });
    const tooShort = await call('POST', '/v1/staff/password', { token, body: { password: 'short' } });
    const changed = await call('POST', '/v1/staff/password', {
      token,
      body: { password: 'a much longer password' },
    });
    // Assess
    expect(wrongCode.status).toBe(401);
    expect(wrongPassword.status).toBe(401);
    expect(wrongCode.body.error).toEqual(wrongPassword.body.error);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ role: 'clerk', elections: [PAIRED], passwordChangeRequired: true });
    expect(Date.parse(String(first.body.expiresAt)) - Date.now()).toBeLessThanOrEqual(12 * 3600_000);
    expect(beforeChange.status).toBe(403);
    expect(tooShort.status).toBe(400);
    expect(changed.status).toBe(200);
    expect((await call('GET', `/v1/admin/elections/${PAIRED}/sections`, { token })).status).toBe(200);
    expect((await call('GET', `/v1/admin/elections/${OTHER}/sections`, { token })).status).toBe(403);
    expect((await call('POST', `/v1/admin/elections/${PAIRED}/certify`, { token })).status).toBe(403);
    expect(
      (
        await call('PUT', `/v1/admin/staff/someone`, {
          token,
          body: { name: 'X', role: 'viewer', elections: 'all' },
        })
      ).status,
    ).toBe(403);
    const session = await call('GET', '/v1/session', { token });
    expect(session.body).toMatchObject({ role: 'staff', staffRole: 'clerk', username: 'clerk-ada' });
    // A code opens one session at most.
    const replayed = await call('POST', '/v1/staff/sessions', {
      body: { username: 'clerk-ada', password: 'a much longer password', otp: firstCode },
    });
    expect(replayed.status).toBe(401);
    // A re-PUT changes the role and answers no secret.
    const promoted = await call('PUT', '/v1/admin/staff/clerk-ada', {
      token: E2E_STAFF_TOKEN,
      body: { name: 'Ada Clerk', role: 'viewer', elections: [PAIRED] },
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body).not.toHaveProperty('password');
    expect(promoted.body).not.toHaveProperty('totpSecret');
    expect((await call('GET', '/v1/session', { token })).body).toMatchObject({ staffRole: 'viewer' });
  });

  it('given certifyApprovals 2, then the first supervisor approves (202), the same one again is 409, and a second certifies', async () => {
    // Prepare
    const first = await signedIn('super-one', 'supervisor', [PAIRED]);
    const second = await signedIn('super-two', 'supervisor', 'all');
    // Act
    const approval = await call('POST', `/v1/admin/elections/${PAIRED}/certify`, { token: first.token });
    const again = await call('POST', `/v1/admin/elections/${PAIRED}/certify`, { token: first.token });
    const certified = await call('POST', `/v1/admin/elections/${PAIRED}/certify`, { token: second.token });
    // Assess
    expect(approval.status).toBe(202);
    expect(approval.body).toMatchObject({ approvals: 1, needed: 2 });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'ALREADY_APPROVED' });
    expect(certified.status).toBe(200);
    expect(certified.body).toMatchObject({ state: 'certified' });
    // The chain follows the stream: wait for it.
    await expect
      .poll(
        async () =>
          (
            (await call('GET', `/v1/admin/elections/${PAIRED}/audit`, { token: E2E_STAFF_TOKEN })).body
              .entries as { event: { action: string; actor: { username?: string } } }[]
          ).map((entry) => `${entry.event.action}:${entry.event.actor.username ?? ''}`),
        { timeout: 30_000, interval: 500 },
      )
      .toEqual(expect.arrayContaining(['certify-approval:super-one', 'certify:super-two']));
  });

  it('given an account disabled, then its session ends at once; signing out ends a session; both are in the deployment trail', async () => {
    // Prepare
    const viewer = await signedIn('viewer-vic', 'viewer', 'all');
    const other = await signedIn('viewer-out', 'viewer', 'all');
    expect((await call('GET', `/v1/admin/elections/${OTHER}/sections`, { token: viewer.token })).status).toBe(
      200,
    );
    // Act
    const disabled = await call('DELETE', '/v1/admin/staff/viewer-vic', { token: E2E_STAFF_TOKEN });
    const signedOut = await call('DELETE', '/v1/staff/sessions/current', { token: other.token });
    // Assess
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ disabled: true });
    expect((await call('GET', `/v1/admin/elections/${OTHER}/sections`, { token: viewer.token })).status).toBe(
      401,
    );
    expect(signedOut.status).toBe(200);
    expect((await call('GET', '/v1/session', { token: other.token })).status).toBe(401);
    await expect
      .poll(
        async () => {
          const trail = await call('GET', '/v1/admin/audit?limit=1000', { token: E2E_STAFF_TOKEN });
          return (trail.body.entries as { event: { action: string; what: { username: string } } }[]).map(
            (entry) => `${entry.event.action}:${entry.event.what.username}`,
          );
        },
        { timeout: 30_000, interval: 500 },
      )
      .toEqual(
        expect.arrayContaining([
          'create-account:viewer-vic',
          'sign-in:viewer-vic',
          'change-password:viewer-vic',
          'disable-account:viewer-vic',
          'sign-out:viewer-out',
        ]),
      );
    const trailText = JSON.stringify(
      (await call('GET', '/v1/admin/audit?limit=1000', { token: E2E_STAFF_TOKEN })).body,
    );
    expect(trailText).not.toContain(viewer.account.password);
    expect(trailText).not.toContain(viewer.account.totpSecret);
    expect(trailText).not.toContain(viewer.token);
  });
});

/** The throttle counts in windows of the clock's minutes: start where one has time left. */
async function intoFreshWindow(needMs: number) {
  const intoWindow = Date.now() % WINDOW_MS;
  if (intoWindow > WINDOW_MS - needMs)
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS - intoWindow));
}

describe('abuse limits', () => {
  it('given 25 unknown tokens from one address, then that address’s officers still work and only unknown tokens get 429', async () => {
    // Prepare
    const officer = String((await issueOfficerCodes(stack, OTHER, ['1']))['1']);
    const from = '192.0.2.77';
    await intoFreshWindow(20_000);
    // Act
    const guesses = [];
    for (let i = 0; i < SIGN_IN_FAILURES_PER_WINDOW + 5; i++)
      guesses.push((await call('GET', '/v1/session', { token: `guess-${i}-0123456789abcdef`, from })).status);
    const officerAnswer = await call('GET', `/v1/elections/${OTHER}/sections/1`, { token: officer, from });
    const staffAnswer = await call('GET', '/v1/session', { token: E2E_STAFF_TOKEN, from });
    const guessAfter = await call('GET', '/v1/session', { token: 'one-more-guess-0123456789', from });
    // Assess
    expect(guesses.slice(0, SIGN_IN_FAILURES_PER_WINDOW).every((status) => status === 401)).toBe(true);
    expect(guesses.slice(SIGN_IN_FAILURES_PER_WINDOW).every((status) => status === 429)).toBe(true);
    expect(officerAnswer.status).toBe(200);
    expect(staffAnswer.status).toBe(200);
    expect(guessAfter.status).toBe(429);
    expect(Number(guessAfter.headers.get('retry-after'))).toBeGreaterThan(0);
  }, 90_000);

  it('given repeated wrong sign-ins, then they are throttled, yet the right password and code still sign in', async () => {
    // Prepare
    const created = await call('PUT', '/v1/admin/staff/throttled', {
      token: E2E_STAFF_TOKEN,
      body: { name: 'Throttled', role: 'viewer', elections: 'all' },
    });
    const account = created.body as unknown as Created;
    const from = '192.0.2.88';
    // Each wrong attempt costs a password hash (scrypt, about half a second here).
    await intoFreshWindow(45_000);
    // Act
    const answers = [];
    for (let i = 0; i < SIGN_IN_FAILURES_PER_WINDOW + 2; i++)
      answers.push(
        (
          await call('POST', '/v1/staff/sessions', {
            body: { username: 'throttled', password: `wrong ${i}`, otp: '123456' },
            from,
          })
        ).status,
      );
    const right = await call('POST', '/v1/staff/sessions', {
      body: { username: 'throttled', password: account.password, otp: codeAt(account.totpSecret) },
      from,
    });
    // Assess
    expect(answers.slice(0, SIGN_IN_FAILURES_PER_WINDOW)).toEqual(
      Array(SIGN_IN_FAILURES_PER_WINDOW).fill(401),
    );
    expect(answers.slice(SIGN_IN_FAILURES_PER_WINDOW)).toEqual([429, 429]);
    expect(right.status).toBe(200);
  }, 180_000);
});
