/**
 * An election system is a target. Each describe below tries one way in, against the whole local
 * stack over HTTP: every route against every kind of caller, guessing tokens, malformed and
 * fuzzed input on every write route (after which the table and the published files must be
 * byte-for-byte as before), the site's security headers and CORS, and a rehearsal reaching for
 * a live election's paths.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNight } from '../../infra/cli/night/demo-night.js';
import {
  LOCAL_BUCKET,
  LOCAL_CREDENTIALS,
  LOCAL_TABLE,
  PROJECT_ROOT,
  type Stack,
} from '../../infra/local/stack.js';
import { codeAt } from '../../shared/domain/totp.js';
import { WINDOW_MS } from '../../shared/http/sign-in-throttle.js';
import { SECURITY_HEADERS, SITE_CSP } from '../../site/security-headers.js';
import { launchChromium } from '../helpers/browser.js';
import { E2E_STAFF_TOKEN, startDemoStack } from '../helpers/demo-stack.js';
import { demoElection, smallElection } from '../helpers/elections.js';
import { expireSession } from '../helpers/table-damage.js';

let stack: Stack;
const demo = demoElection();
const night = generateNight(demo);
const OTHER = 'hostile-other';
const CERTIFY = 'hostile-certify';
/** Tokens of the roles the matrix tries. */
const tokens = { own: '', otherSection: '', otherElection: '' };

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: { error?: { code?: unknown; message?: unknown; details?: unknown } } & Record<string, unknown>;
}

/** One raw HTTP request to the API, with every part under the test's control. */
async function call(
  method: string,
  path: string,
  options: {
    token?: string;
    body?: string;
    contentType?: string | null;
    headers?: Record<string, string>;
  } = {},
): Promise<Answer> {
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: {
      ...(options.token !== undefined ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined && contentType !== null ? { 'content-type': contentType } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: options.body } : {}),
  });
  const text = await response.text();
  let json: Answer['json'] = {};
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: the assertions below say so
  }
  return { status: response.status, headers: response.headers, text, json };
}

const expectErrorShape = (answer: Answer, what: string) => {
  expect(answer.status, `${what}: ${answer.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(answer.status, `${what}: ${answer.text.slice(0, 300)}`).toBeLessThan(500);
  expect(typeof answer.json.error?.code, `${what}: ${answer.text.slice(0, 300)}`).toBe('string');
  expect(typeof answer.json.error?.message, what).toBe('string');
  expect(Array.isArray(answer.json.error?.details), what).toBe(true);
};

/** A token-shaped string that no one was issued. */
const guessedToken = () => randomBytes(32).toString('base64url');
let clients = 0;
/** A fresh client address (TEST-NET-2), as the distribution tells the API the viewer's. */
const freshClient = () => ({ 'cloudfront-viewer-address': `198.51.100.${++clients % 250}:443` });

beforeAll(async () => {
  stack = await startDemoStack();
  const staff = (method: string, path: string, body: unknown) =>
    call(method, path, { token: E2E_STAFF_TOKEN, body: JSON.stringify(body) });
  for (const definition of [smallElection(OTHER), smallElection(CERTIFY, { certifyApprovals: 2 })])
    expect((await staff('PUT', `/v1/admin/elections/${definition.id}`, definition)).status).toBe(200);
  const issued = await staff('POST', `/v1/admin/elections/${demo.id}/officer-tokens`, {
    sections: ['1', '2'],
  });
  const other = await staff('POST', `/v1/admin/elections/${OTHER}/officer-tokens`, { sections: ['1'] });
  const demoTokens = issued.json.tokens as Record<string, string>;
  tokens.own = demoTokens['1'] ?? '';
  tokens.otherSection = demoTokens['2'] ?? '';
  tokens.otherElection = (other.json.tokens as Record<string, string>)['1'] ?? '';
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the authorization matrix: every route against every kind of caller', () => {
  type Account = 'viewer' | 'clerk' | 'supervisor' | 'admin' | 'outOfScope' | 'disabled' | 'expired';
  type Role = 'none' | 'guessed' | 'own' | 'otherSection' | 'otherElection' | 'staff' | Account;
  const ROLES: Role[] = [
    'none',
    'guessed',
    'own',
    'otherSection',
    'otherElection',
    'viewer',
    'clerk',
    'supervisor',
    'admin',
    'staff',
    'outOfScope',
    'disabled',
    'expired',
  ];
  /**
   * The staff accounts, one per kind of caller: the viewer and the admin of every election, a
   * clerk and a supervisor of some (so a route with no election in its path refuses them), an
   * admin of another election only, an admin disabled and one whose session's hours are over.
   */
  const ACCOUNTS: Record<Account, { role: string; elections: string[] | 'all' }> = {
    viewer: { role: 'viewer', elections: 'all' },
    clerk: { role: 'clerk', elections: [demo.id] },
    supervisor: { role: 'supervisor', elections: [demo.id, CERTIFY] },
    admin: { role: 'admin', elections: 'all' },
    outOfScope: { role: 'admin', elections: [OTHER] },
    disabled: { role: 'admin', elections: 'all' },
    expired: { role: 'admin', elections: 'all' },
  };
  const usernameOf = (account: Account) => `matrix-${account.toLowerCase()}`;
  /** Each account's full session, and a second one for the route that ends the session it is called with. */
  const sessions: Partial<Record<Account, { token: string; spare: string }>> = {};
  /** Accounts the account routes act on: one an admin creates, one it disables. */
  const MADE = 'matrix-made';
  const TARGET = 'matrix-target';

  const e = `/v1/elections/${demo.id}`;
  const admin = `/v1/admin/elections/${demo.id}`;
  const section1 = night[0];
  if (!section1) throw new Error('the demo night has no section 1');

  /** Signs in with the account's password and the code of `at` (a code opens one session at most). */
  async function signIn(username: string, password: string, totpSecret: string, at = Date.now()) {
    const answer = await call('POST', '/v1/staff/sessions', {
      body: JSON.stringify({ username, password, otp: codeAt(totpSecret, at) }),
    });
    expect(answer.status, answer.text).toBe(200);
    return String(answer.json.token);
  }

  beforeAll(async () => {
    const breakGlass = (method: string, path: string, body?: unknown) =>
      call(method, path, {
        token: E2E_STAFF_TOKEN,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    for (const account of Object.keys(ACCOUNTS) as Account[]) {
      const username = usernameOf(account);
      const created = await breakGlass('PUT', `/v1/admin/staff/${username}`, {
        name: `Matrix ${account}`,
        ...ACCOUNTS[account],
      });
      expect(created.status, created.text).toBe(200);
      const totpSecret = String(created.json.totpSecret);
      // The first session serves only the password change, which makes it a full one.
      const token = await signIn(username, String(created.json.password), totpSecret);
      const password = `${username}, a password long enough`;
      const changed = await call('POST', '/v1/staff/password', { token, body: JSON.stringify({ password }) });
      expect(changed.status, changed.text).toBe(200);
      // The next step's code: the current one opened the first session.
      const spare = await signIn(username, password, totpSecret, Date.now() + 30_000);
      sessions[account] = { token, spare };
    }
    expect((await breakGlass('DELETE', `/v1/admin/staff/${usernameOf('disabled')}`)).status).toBe(200);
    const db = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: stack.dynamodbEndpoint,
        region: 'eu-south-1',
        credentials: LOCAL_CREDENTIALS,
      }),
    );
    try {
      for (const token of Object.values(sessions.expired ?? {})) await expireSession(db, LOCAL_TABLE, token);
    } finally {
      db.destroy();
    }
    const target = await breakGlass('PUT', `/v1/admin/staff/${TARGET}`, {
      name: 'Matrix target',
      role: 'viewer',
      elections: [demo.id],
    });
    expect(target.status, target.text).toBe(200);
  }, 240_000);

  /** Every role with a staff account's session or the break-glass token, from `least` up. */
  const staffFrom = (least: 'viewer' | 'clerk' | 'supervisor' | 'admin', status: number) => {
    const ladder = ['viewer', 'clerk', 'supervisor', 'admin'] as const;
    return Object.fromEntries(
      [...ladder.slice(ladder.indexOf(least)), 'staff'].map((role) => [role, status]),
    );
  };
  const everyone = (status: number) => Object.fromEntries(ROLES.map((role) => [role, status]));
  /** The callers with a staff account's session that is still good. */
  const signedInAccounts = (status: number) =>
    Object.fromEntries(
      (['viewer', 'clerk', 'supervisor', 'admin', 'outOfScope'] as const).map((role) => [role, status]),
    );

  /**
   * Each route with what the callers allowed to use it get; everyone else gets 401 (no token, an
   * unknown one, a disabled account's session or one past its hours) or 403 (a valid token of
   * the wrong role, section or election). Where allowed callers change what the next one sees,
   * the answers follow the order of ROLES (certify: the first supervisor's approval, then a
   * second person's certification, then nothing more to certify).
   */
  const ROUTES: {
    method: string;
    path: string;
    body?: unknown;
    /** Call it with the accounts' second sessions (it ends the session it is called with). */
    spare?: true;
    /**
     * Its answer reports the system's state, not the caller's rights: 200, or 503 while a stream
     * reader has not yet answered its latest probe (a busy machine), for any caller alike.
     */
    reportsState?: true;
    allowed: Partial<Record<Role, number>>;
  }[] = [
    { method: 'PUT', path: admin, body: demo, allowed: { admin: 200, staff: 200 } },
    {
      method: 'POST',
      path: `${admin}/officer-tokens`,
      body: { sections: ['7'] },
      allowed: staffFrom('clerk', 200),
    },
    {
      method: 'POST',
      path: `${admin}/officer-tokens/revoke`,
      body: { sections: ['8'] },
      allowed: staffFrom('clerk', 200),
    },
    {
      method: 'POST',
      path: `${admin}/officer-token-jobs`,
      body: { operation: 'revoke', sections: ['8'] },
      allowed: staffFrom('clerk', 202),
    },
    // No such job: staff get past authorization, to the job's own 404.
    { method: 'GET', path: `${admin}/officer-token-jobs/none`, allowed: staffFrom('clerk', 404) },
    {
      method: 'GET',
      path: `${admin}/officer-token-jobs/none/sheet?part=0`,
      allowed: staffFrom('clerk', 404),
    },
    { method: 'PUT', path: `${e}/sections/1/turnout/T1`, body: section1.turnout.T1, allowed: { own: 200 } },
    { method: 'PUT', path: `${e}/sections/1/results`, body: section1.results, allowed: { own: 200 } },
    { method: 'GET', path: `${e}/sections/1`, allowed: { own: 200, ...staffFrom('viewer', 200) } },
    { method: 'GET', path: `${e}/sections/1/history`, allowed: { own: 200, ...staffFrom('viewer', 200) } },
    { method: 'GET', path: `${e}/sections/1/messages`, allowed: { own: 200 } },
    // No such message: the officer gets past authorization, to the message's own 404.
    { method: 'POST', path: `${e}/sections/1/messages/m0000000000000-none/ack`, allowed: { own: 404 } },
    {
      method: 'POST',
      path: `${admin}/messages`,
      body: { text: 'A message from the matrix' },
      allowed: staffFrom('clerk', 201),
    },
    // Section 9 has sent nothing: staff get past authorization, to the domain's own refusal.
    {
      method: 'POST',
      path: `${admin}/sections/9/approve`,
      body: { reason: 'checked' },
      allowed: staffFrom('clerk', 409),
    },
    {
      method: 'POST',
      path: `${admin}/sections/9/reopen`,
      body: { reason: 'checked' },
      allowed: staffFrom('clerk', 409),
    },
    { method: 'GET', path: `${admin}/sections`, allowed: staffFrom('viewer', 200) },
    { method: 'GET', path: `${admin}/export?format=csv`, allowed: staffFrom('viewer', 200) },
    { method: 'GET', path: `${admin}/audit`, allowed: staffFrom('viewer', 200) },
    // No election in its path: it needs every election, which the clerk and the supervisor lack.
    { method: 'GET', path: '/v1/admin/quarantine', allowed: { viewer: 200, admin: 200, staff: 200 } },
    // Two approvals needed: the supervisor's is the first, the admin's certifies, then it is done.
    {
      method: 'POST',
      path: `/v1/admin/elections/${CERTIFY}/certify`,
      allowed: { supervisor: 202, admin: 200, staff: 409 },
    },
    // The admin of another election may not grant this one (its own scope bounds what it grants).
    {
      method: 'PUT',
      path: `/v1/admin/staff/${MADE}`,
      body: { name: 'Made by the matrix', role: 'viewer', elections: [demo.id] },
      allowed: { admin: 200, staff: 200 },
    },
    { method: 'DELETE', path: `/v1/admin/staff/${TARGET}`, allowed: { admin: 200, staff: 200 } },
    // An admin of some elections lists the accounts within them.
    { method: 'GET', path: '/v1/admin/staff', allowed: { admin: 200, staff: 200, outOfScope: 200 } },
    { method: 'GET', path: '/v1/admin/audit', allowed: { admin: 200, staff: 200 } },
    // Anyone may sign in, whatever token they send: each gets to the body's own refusal.
    {
      method: 'POST',
      path: '/v1/staff/sessions',
      body: { username: 'nobody', password: 'x', otp: '12' },
      allowed: everyone(400),
    },
    {
      method: 'POST',
      path: '/v1/staff/password',
      body: { password: 'a new password for the matrix' },
      allowed: signedInAccounts(200),
    },
    { method: 'DELETE', path: '/v1/staff/sessions/current', spare: true, allowed: signedInAccounts(200) },
    {
      method: 'GET',
      path: '/v1/session',
      allowed: {
        own: 200,
        otherSection: 200,
        otherElection: 200,
        ...staffFrom('viewer', 200),
        ...signedInAccounts(200),
      },
    },
    { method: 'GET', path: '/v1/health', reportsState: true, allowed: everyone(200) },
  ];
  const tokenOf = (role: Role, spare: boolean) => {
    switch (role) {
      case 'none':
        return undefined;
      case 'guessed':
        return guessedToken();
      case 'staff':
        return E2E_STAFF_TOKEN;
      case 'own':
      case 'otherSection':
      case 'otherElection':
        return tokens[role];
      default: {
        const session = sessions[role];
        if (!session) throw new Error(`no session of ${role}`);
        return spare ? session.spare : session.token;
      }
    }
  };

  it('covers every route the API has', () => {
    const routes = readFileSync(join(PROJECT_ROOT, 'serverless.yml'), 'utf8');
    const declared = [...routes.matchAll(/httpApi: \{ method: (\w+), path: ["']?([^"'\s]+)/g)].map(
      ([, method, path]) => `${method} ${path}`,
    );
    const tried = ROUTES.map((route) => `${route.method} ${route.path.split('?')[0]}`);
    const unmatched = declared.filter(
      (route) => !tried.some((t) => new RegExp(`^${route.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(t)),
    );
    expect(declared.length).toBeGreaterThan(20);
    expect(unmatched).toEqual([]);
  });

  it.each(ROUTES)('$method $path', async (route) => {
    // Act: the refused first, so nothing the allowed do changes what the others see.
    const byRole = [...ROLES].sort((a, b) => Number(a in route.allowed) - Number(b in route.allowed));
    const answers: Record<string, number> = {};
    for (const role of byRole) {
      const token = tokenOf(role, route.spare === true);
      const answer = await call(route.method, route.path, {
        ...(token !== undefined ? { token } : {}),
        ...(route.body !== undefined ? { body: JSON.stringify(route.body) } : {}),
        headers: freshClient(),
      });
      const lagging = route.reportsState === true && answer.status === 503;
      answers[role] = lagging ? 200 : answer.status;
      if (answer.status >= 400 && !lagging) expectErrorShape(answer, `${role} ${route.method} ${route.path}`);
    }
    // Assess
    const refused = (role: Role) =>
      role === 'none' || role === 'guessed' || role === 'disabled' || role === 'expired' ? 401 : 403;
    const expected = Object.fromEntries(ROLES.map((role) => [role, route.allowed[role] ?? refused(role)]));
    expect(answers).toEqual(expected);
  });

  it('given an admin of one election, then it lists, changes and disables only accounts within it', async () => {
    // Prepare
    const scoped = sessions.outOfScope?.token ?? '';
    const within = `matrix-within-${Date.now()}`;
    // Act
    const made = await call('PUT', `/v1/admin/staff/${within}`, {
      token: scoped,
      body: JSON.stringify({ name: 'Within', role: 'clerk', elections: [OTHER] }),
    });
    const beyond = await call('PUT', `/v1/admin/staff/${within}`, {
      token: scoped,
      body: JSON.stringify({ name: 'Within', role: 'clerk', elections: [OTHER, demo.id] }),
    });
    const listed = await call('GET', '/v1/admin/staff', { token: scoped });
    const disableOther = await call('DELETE', `/v1/admin/staff/${usernameOf('viewer')}`, { token: scoped });
    const disableWithin = await call('DELETE', `/v1/admin/staff/${within}`, { token: scoped });
    // Assess
    expect(made.status, made.text).toBe(200);
    expect(beyond.status).toBe(403);
    expect(beyond.json.error?.code).toBe('FORBIDDEN');
    const accounts = (listed.json.accounts as { username: string; elections: unknown }[]).map(
      (a) => a.username,
    );
    expect(accounts).toEqual(expect.arrayContaining([within, usernameOf('outOfScope')]));
    expect(accounts.every((username) => username === within || username === usernameOf('outOfScope'))).toBe(
      true,
    );
    expect(disableOther.status).toBe(403);
    expect(disableWithin.status).toBe(200);
    expect(disableWithin.json).toMatchObject({ username: within, disabled: true });
  });

  it('given any other method or path, then it answers 404 in the error shape', async () => {
    for (const [method, path] of [
      ['DELETE', `${e}/sections/1/results`],
      ['GET', '/v1/admin'],
      ['POST', '/v1/nothing-here'],
    ] as const) {
      const answer = await call(method, path, { token: E2E_STAFF_TOKEN });
      expect(answer.status).toBe(404);
      expectErrorShape(answer, `${method} ${path}`);
    }
  });
});

describe('guessing tokens', () => {
  it('given 20 failed sign-ins from one address, then its unknown tokens are throttled with 429 and Retry-After, while valid tokens, from there too, are not', async () => {
    // Prepare: the throttle counts in windows of the clock's minutes; start where one has time left
    const intoWindow = Date.now() % WINDOW_MS;
    if (intoWindow > WINDOW_MS - 20_000)
      await new Promise((resolve) => setTimeout(resolve, WINDOW_MS - intoWindow));
    const guesser = { 'cloudfront-viewer-address': '203.0.113.66:50000' };
    const failures: number[] = [];
    for (let i = 0; i < 20; i++)
      failures.push((await call('GET', '/v1/session', { token: guessedToken(), headers: guesser })).status);
    // Act
    const throttled = await call('GET', '/v1/session', { token: guessedToken(), headers: guesser });
    const validFromThere = await call('GET', '/v1/session', { token: tokens.own, headers: guesser });
    const officerElsewhere = await call('GET', '/v1/session', {
      token: tokens.own,
      headers: { 'cloudfront-viewer-address': '203.0.113.67:50000' },
    });
    // Assess
    expect(failures).toEqual(Array(20).fill(401));
    expect(throttled.status).toBe(429);
    expect(throttled.json.error?.code).toBe('RATE_LIMITED');
    const retryAfter = Number(throttled.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // A valid token is never throttled: a guesser behind an officer's NAT never locks the officer out.
    expect(validFromThere.status).toBe(200);
    expect(officerElsewhere.status).toBe(200);
  });

  it('given a revoked code, then the very next request with it is refused', async () => {
    // Prepare
    const staff = { token: E2E_STAFF_TOKEN };
    const issued = await call('POST', `/v1/admin/elections/${demo.id}/officer-tokens`, {
      ...staff,
      body: JSON.stringify({ sections: ['10'] }),
    });
    const code = (issued.json.tokens as Record<string, string>)['10'] ?? '';
    // Act
    await call('POST', `/v1/admin/elections/${demo.id}/officer-tokens/revoke`, {
      ...staff,
      body: JSON.stringify({ sections: ['10'] }),
    });
    const after = await call('PUT', `/v1/elections/${demo.id}/sections/10/turnout/T1`, {
      token: code,
      body: JSON.stringify({ voters: 1 }),
      headers: freshClient(),
    });
    // Assess
    expect(after.status).toBe(401);
  });
});

describe('bad input on every write route leaves the table and the published files as they were', () => {
  let staffToken = '';
  let officerToken = '';
  const e = `/v1/elections/${demo.id}`;
  const admin = `/v1/admin/elections/${demo.id}`;
  const section3 = night[2];
  if (!section3) throw new Error('the demo night has no section 3');
  /** The write routes, each with a valid body (used only as a base to break) and its caller. */
  const WRITES = () => [
    { name: 'define', method: 'PUT', path: admin, token: staffToken, valid: demo as unknown },
    {
      name: 'issue codes',
      method: 'POST',
      path: `${admin}/officer-tokens`,
      token: staffToken,
      valid: { sections: ['3'] },
    },
    {
      name: 'revoke codes',
      method: 'POST',
      path: `${admin}/officer-tokens/revoke`,
      token: staffToken,
      valid: { sections: ['5'] },
    },
    {
      name: 'start a code job',
      method: 'POST',
      path: `${admin}/officer-token-jobs`,
      token: staffToken,
      valid: { operation: 'revoke', sections: ['5'] } as unknown,
    },
    {
      name: 'turnout',
      method: 'PUT',
      path: `${e}/sections/3/turnout/T1`,
      token: officerToken,
      valid: section3.turnout.T1 as unknown,
    },
    {
      name: 'results',
      method: 'PUT',
      path: `${e}/sections/3/results`,
      token: officerToken,
      valid: section3.results as unknown,
    },
    {
      name: 'approve',
      method: 'POST',
      path: `${admin}/sections/3/approve`,
      token: staffToken,
      valid: { reason: 'ok, checked' },
    },
    {
      name: 'reopen',
      method: 'POST',
      path: `${admin}/sections/3/reopen`,
      token: staffToken,
      valid: { reason: 'ok, checked' },
    },
    {
      name: 'broadcast',
      method: 'POST',
      path: `${admin}/messages`,
      token: staffToken,
      valid: { text: 'ok' },
    },
  ];

  /**
   * Everything stored, as text, but the health probes (their consumers rewrite them on their own),
   * what the periodic reconciliation notes of each run (`HEAL`: its time, every minute) and the
   * sections' last contacts (every officer request is a heartbeat, refused bodies too).
   */
  async function tableImage(): Promise<string> {
    const client = new DynamoDBClient({
      endpoint: stack.dynamodbEndpoint,
      region: 'eu-south-1',
      credentials: LOCAL_CREDENTIALS,
    });
    try {
      const items: string[] = [];
      let ExclusiveStartKey: Record<string, never> | undefined;
      do {
        const page = await client.send(new ScanCommand({ TableName: LOCAL_TABLE, ExclusiveStartKey }));
        for (const item of page.Items ?? [])
          if (item.PK?.S !== 'HEALTH' && item.SK?.S !== 'CONTACT' && item.SK?.S !== 'HEAL')
            items.push(JSON.stringify(item));
        ExclusiveStartKey = page.LastEvaluatedKey as typeof ExclusiveStartKey;
      } while (ExclusiveStartKey);
      return items.sort().join('\n');
    } finally {
      client.destroy();
    }
  }

  /** Every published object's key and bytes. */
  async function bucketImage(): Promise<string> {
    const s3 = new S3Client({
      endpoint: stack.s3Endpoint,
      forcePathStyle: true,
      region: 'eu-south-1',
      credentials: LOCAL_CREDENTIALS,
    });
    try {
      const parts: string[] = [];
      let ContinuationToken: string | undefined;
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: LOCAL_BUCKET, ContinuationToken }));
        for (const { Key } of page.Contents ?? []) {
          const object = await s3.send(new GetObjectCommand({ Bucket: LOCAL_BUCKET, Key }));
          parts.push(`${Key}\n${await object.Body?.transformToString('base64')}`);
        }
        ContinuationToken = page.NextContinuationToken;
      } while (ContinuationToken);
      return parts.sort().join('\n');
    } finally {
      s3.destroy();
    }
  }

  /** The table and the bucket once the pipeline has settled: two readings a few seconds apart agree. */
  async function settledImage(): Promise<{ table: string; bucket: string }> {
    let previous = { table: await tableImage(), bucket: await bucketImage() };
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const now = { table: await tableImage(), bucket: await bucketImage() };
      if (now.table === previous.table && now.bucket === previous.bucket) return now;
      previous = now;
    }
  }

  let before: { table: string; bucket: string };

  beforeAll(async () => {
    staffToken = E2E_STAFF_TOKEN;
    const issued = await call('POST', `${admin}/officer-tokens`, {
      token: staffToken,
      body: JSON.stringify({ sections: ['3'] }),
    });
    officerToken = (issued.json.tokens as Record<string, string>)['3'] ?? '';
    // Section 3 has a stored count and reading, so corrections and reviews have something to touch.
    await call('PUT', `${e}/sections/3/turnout/T1`, {
      token: officerToken,
      body: JSON.stringify(section3.turnout.T1),
    });
    await call('PUT', `${e}/sections/3/results`, {
      token: officerToken,
      body: JSON.stringify(section3.results),
    });
    before = await settledImage();
  }, 120_000);

  /** Text that breaks a valid body in one way each (JSON syntax, types, numbers, keys). */
  const brokenTexts = (valid: unknown): { what: string; text: string }[] => {
    const json = JSON.stringify(valid);
    const firstKey = Object.keys(valid as object)[0] ?? 'x';
    /** The valid body with its first field's value replaced by raw JSON text. */
    const withFirst = (raw: string) =>
      JSON.stringify({ ...(valid as object), [firstKey]: '\u0000' }).replace('"\\u0000"', raw);
    return [
      { what: 'truncated', text: json.slice(0, Math.floor(json.length / 2)) },
      { what: 'empty', text: '' },
      { what: 'a trailing comma', text: `${json.slice(0, -1)},}` },
      {
        what: 'a duplicate key',
        text: `${json.slice(0, -1)},${JSON.stringify(firstKey)}:${JSON.stringify((valid as Record<string, unknown>)[firstKey])}}`,
      },
      { what: '__proto__', text: `${json.slice(0, -1)},"__proto__":{"status":"approved"}}` },
      { what: 'an escaped __proto__', text: `{"\\u005f_proto__":{"x":1},${json.slice(1)}` },
      { what: 'constructor', text: `${json.slice(0, -1)},"constructor":{"prototype":{"x":1}}}` },
      { what: 'an array', text: `[${json}]` },
      { what: 'null', text: 'null' },
      // Not "a JSON string holding the body": serverless-offline unwraps such a body before the
      // Lambda sees it, unlike API Gateway (test/unit/http-api.test.ts covers it in the chain).
      { what: 'a string', text: '"text"' },
      { what: 'a number beyond 2^53', text: withFirst('9007199254740993') },
      { what: 'a number beyond doubles', text: withFirst('1e400') },
      { what: 'a negative number', text: withFirst('-1') },
      { what: 'a fraction', text: withFirst('1.5') },
      { what: 'an unknown key', text: `${json.slice(0, -1)},"extra":1}` },
      { what: 'a very long string', text: `${json.slice(0, -1)},"x":"${'a'.repeat(20_000)}"}` },
      { what: 'unicode where an id goes', text: json.replace(/"(\w+)":/, '"ünïcødé-😀":') },
    ];
  };

  it.each(['define', 'issue codes', 'revoke codes', 'turnout', 'results', 'approve', 'reopen', 'broadcast'])(
    'given the corpus, when it is sent to %s, then every answer is a 4xx in the error shape',
    async (name) => {
      const route = WRITES().find((w) => w.name === name);
      if (!route) throw new Error(name);
      for (const { what, text } of brokenTexts(route.valid)) {
        const answer = await call(route.method, route.path, { token: route.token, body: text });
        expectErrorShape(answer, `${name}, ${what}`);
      }
      const valid = JSON.stringify(route.valid);
      for (const contentType of [
        null,
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/jsonx',
      ])
        expectErrorShape(
          await call(route.method, route.path, { token: route.token, body: valid, contentType }),
          `${name}, content type ${contentType}`,
        );
      const limit = name === 'define' ? 8 * 1024 * 1024 : 64 * 1024;
      const tooLarge = await call(route.method, route.path, {
        token: route.token,
        body: `${valid.slice(0, -1)},"pad":"${'x'.repeat(limit)}"}`,
      });
      expect(tooLarge.status).toBe(413);
      expectErrorShape(tooLarge, `${name}, too large`);
    },
    60_000,
  );

  it('given hostile ids in the path, then every answer is a 4xx in the error shape', async () => {
    // Not a malformed escape such as %E0: the emulator's router refuses it before any Lambda runs
    // (test/unit/http-api.test.ts covers it in the chain).
    const ids = [
      '..%2F..%2Fetc%2Fpasswd',
      '%2e%2e',
      'a%00b',
      `${'9'.repeat(65)}`,
      '%F0%9F%98%80',
      '__proto__',
      'constructor',
      '%20',
    ];
    for (const id of ids) {
      for (const path of [
        `/v1/elections/${id}/sections/3/results`,
        `/v1/elections/${demo.id}/sections/${id}/results`,
        `/v1/elections/${demo.id}/sections/3/turnout/${id}`,
      ]) {
        const answer = await call('PUT', path, {
          token: officerToken,
          body: JSON.stringify(section3.results),
        });
        expectErrorShape(answer, path);
      }
    }
  });

  it('given fuzzed bodies on every write route, then every answer is a 4xx in the error shape (property)', async () => {
    /** A value no count, id list or reason accepts. */
    const invalidValue = fc.oneof(
      fc.integer({ max: -1 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)),
      fc.constant(2 ** 53 + 2),
      fc.string({ maxLength: 2 }),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 3 }),
      // Keys that cannot be ids: a map of counts with them is refused, never read as "no votes".
      fc.dictionary(
        fc.string({ minLength: 1, maxLength: 5 }).map((key) => `!${key}`),
        fc.integer(),
        { minKeys: 1, maxKeys: 2 },
      ),
    );
    /** Optional keys a body may carry: an extra key must not be one of them, or it could be valid. */
    const OPTIONAL = new Set([
      'slotId',
      'votersMale',
      'votersFemale',
      'candidateOnlyVotes',
      'preferenceVotes',
    ]);
    /** A body that cannot be valid: not an object, or a valid one with one field broken or one key too many. */
    const invalidBody = (valid: Record<string, unknown>) =>
      fc.oneof(
        fc.jsonValue().filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)),
        fc
          .tuple(fc.constantFrom(...Object.keys(valid)), invalidValue)
          .map(([key, value]) => ({ ...valid, [key]: value }))
          .filter((body) => JSON.stringify(body) !== JSON.stringify(valid)),
        fc
          .tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue())
          .filter(([key]) => !(key in valid) && !OPTIONAL.has(key))
          .map(([key, value]) => ({ ...valid, [key]: value })),
      );
    // Any short string is a valid broadcast: its fuzzed fields could be valid (the corpus above breaks it).
    for (const route of WRITES().filter((w) => w.name !== 'define' && w.name !== 'broadcast')) {
      await fc.assert(
        fc.asyncProperty(invalidBody(route.valid as Record<string, unknown>), async (body) => {
          const answer = await call(route.method, route.path, {
            token: route.token,
            body: JSON.stringify(body),
          });
          expectErrorShape(answer, `${route.name}: ${JSON.stringify(body).slice(0, 200)}`);
        }),
        { numRuns: 30 },
      );
    }
  }, 120_000);

  it('given all of the above, then the table and the published files are byte-for-byte as before', async () => {
    const after = await settledImage();
    /** The lines one image has and the other lacks, to say what changed if anything did. */
    const changed = (a: string, b: string) => {
      const lines = new Set(b.split('\n'));
      return a
        .split('\n')
        .filter((line) => !lines.has(line))
        .map((line) => line.slice(0, 300))
        .slice(0, 5);
    };
    expect({
      added: changed(after.table, before.table),
      removed: changed(before.table, after.table),
    }).toEqual({
      added: [],
      removed: [],
    });
    expect(after.table === before.table).toBe(true);
    expect(changed(after.bucket, before.bucket)).toEqual([]);
    expect(after.bucket === before.bucket).toBe(true);
  }, 60_000);
});

describe('headers', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('given the site, the apps, their assets, the published files and the proxied API, then each carries the strict CSP and the security headers', async () => {
    const pointer = `results/${demo.id}/latest.json`;
    for (const path of ['', 'officer/', 'staff/', pointer, 'v1/health']) {
      const response = await fetch(`${stack.siteUrl}${path}`);
      for (const [name, value] of Object.entries(SECURITY_HEADERS))
        expect(response.headers.get(name), `${name} on /${path}`).toBe(value);
    }
    expect(SITE_CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('given the pages in Chromium under that policy, then nothing is blocked', async () => {
    for (const path of ['', 'officer/', 'staff/']) {
      const page = await browser.newPage();
      await page.addInitScript(() => {
        const seen = window as unknown as { cspViolations: string[] };
        seen.cspViolations = [];
        document.addEventListener('securitypolicyviolation', (event) => {
          seen.cspViolations.push(
            `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
          );
        });
      });
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
      });
      await page.goto(`${stack.siteUrl}${path}`, { waitUntil: 'networkidle' });
      const reported = await page.evaluate(
        () => (window as unknown as { cspViolations?: string[] }).cspViolations,
      );
      expect(violations, `/${path}`).toEqual([]);
      expect(reported, `/${path}`).toEqual([]);
      await page.close();
    }
  });

  it('given another origin, then the API names only the site’s own origin, even to a preflight', async () => {
    const evil = await call('GET', '/v1/health', { headers: { origin: 'https://evil.example' } });
    // In AWS a preflight reaches the $default route (404); the emulator answers it itself. Either
    // way the only origin it names is the site's, so a browser elsewhere is refused.
    const preflight = await fetch(`${stack.apiUrl}/v1/elections/${demo.id}/sections/1/results`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    const site = new URL(stack.siteUrl).origin;
    const own = await call('GET', '/v1/health', { headers: { origin: site } });
    expect(evil.headers.get('access-control-allow-origin')).toBe(site);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(site);
    expect(own.headers.get('access-control-allow-origin')).toBe(site);
    expect(own.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('rehearsal and live stay apart', () => {
  it('given a live election with results, when it is redefined as a rehearsal, then it is refused and nothing changes', async () => {
    const answer = await call('PUT', `/v1/admin/elections/${demo.id}`, {
      token: E2E_STAFF_TOKEN,
      body: JSON.stringify({ ...demo, rehearsal: true }),
    });
    expect(answer.status).toBe(409);
    expect(answer.json.error?.code).toBe('ELECTION_IN_USE');
    const pointer = await (await fetch(`${stack.siteUrl}results/${demo.id}/latest.json`)).json();
    expect(pointer.rehearsal).toBe(false);
  });
});

describe('a flood of writes from one credential', () => {
  it('given an officer who stored 60 readings in a minute, then the 61st is 429 with Retry-After and stores nothing, a re-send still answers, and another officer still writes', async () => {
    // Prepare: fresh codes for two sections no other test writes to.
    const issued = await call('POST', `/v1/admin/elections/${demo.id}/officer-tokens`, {
      token: E2E_STAFF_TOKEN,
      body: JSON.stringify({ sections: ['39', '40'] }),
    });
    const codes = issued.json.tokens as Record<string, string>;
    const reading = (sectionId: string, voters: number) =>
      call('PUT', `/v1/elections/${demo.id}/sections/${sectionId}/turnout/T1`, {
        token: codes[sectionId],
        body: JSON.stringify({ voters }),
      });
    const stored: number[] = [];
    for (let voters = 1; voters <= 60; voters++) stored.push((await reading('39', voters)).status);

    // Act
    const refused = await reading('39', 61);
    const resent = await reading('39', 60);
    const otherOfficer = await reading('40', 61);

    // Assess
    expect(stored).toEqual(Array(60).fill(200));
    expect(refused.status).toBe(429);
    expectErrorShape(refused, 'the 61st write');
    expect(refused.json.error?.code).toBe('RATE_LIMITED');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect([resent.status, resent.json.version]).toEqual([200, 60]);
    expect([otherOfficer.status, otherOfficer.json.version]).toEqual([200, 1]);
    const history = await call('GET', `/v1/elections/${demo.id}/sections/39/history?limit=80`, {
      token: codes['39'],
    });
    const versions = (history.json.entries as { entry: string; version: number }[]).filter(
      (e) => e.entry === 'version',
    );
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  }, 120_000);
});
