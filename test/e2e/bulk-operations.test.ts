/**
 * Bulk operations at a big city's size, over HTTP against the whole local stack (the real
 * handlers under serverless-offline, behind the IAM gate): Rome's 2,600 sections defined with a
 * gzipped body, their codes issued and revoked in one request each, and issued again by a job,
 * whose sheet comes back in parts. Italy's 61,550 are measured in `npm run bench -- --bulk`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nationalElection } from '../../infra/cli/bench/national-election.js';
import { LOCAL_BUCKET, type Stack } from '../../infra/local/stack.js';
import { E2E_STAFF_TOKEN, startE2eStack } from '../helpers/demo-stack.js';
import { inParallel, type Json, stackClient } from '../helpers/local-stack-client.js';

const ROME = nationalElection('roma-2026', 2_600);
const admin = `/v1/admin/elections/${ROME.id}`;
let stack: Stack;

beforeAll(async () => {
  stack = await startE2eStack();
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

/** A request with raw bytes and the headers given, answered with its status, headers and JSON. */
async function sendBytes(method: string, path: string, body: Uint8Array, headers: Record<string, string>) {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${E2E_STAFF_TOKEN}`, ...headers },
    body: new Uint8Array(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
}

const gzipHeaders = { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip' };
const staff = (method: string, path: string, body?: unknown) =>
  stackClient(stack).send(method, path, E2E_STAFF_TOKEN, body);

let clients = 0;
/** A session read as from a phone of its own (the throttle counts failed sign-ins per address). */
async function sessionOf(token: string) {
  const response = await fetch(`${stack.apiUrl}/v1/session`, {
    headers: {
      authorization: `Bearer ${token}`,
      'cloudfront-viewer-address': `198.51.100.${++clients % 250}:443`,
    },
  });
  return { status: response.status, body: (await response.json()) as Json };
}

/** One code in 26 (100 of Rome's), each signing in as the officer of its own section (or, once revoked, not at all). */
async function signInSample(tokens: Record<string, string>, expected: 200 | 401) {
  const sample = Object.entries(tokens).filter((_, i) => i % 26 === 0);
  await inParallel(sample, 8, async ([sectionId, token]) => {
    const session = await sessionOf(token);
    expect(session.status, sectionId).toBe(expected);
    if (expected === 200) expect(session.body).toEqual({ role: 'officer', electionId: ROME.id, sectionId });
  });
  return sample.length;
}

/** No code ever reaches the public bucket, whose every object CloudFront serves. */
function publicBucketHolds(token: string): boolean {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });
  return files(join(stack.dataDir, 's3', LOCAL_BUCKET)).some((file) =>
    readFileSync(file, 'utf8').includes(token),
  );
}

describe('a definition too big for Lambda as JSON, sent gzipped', () => {
  it('given Rome’s 2,600 sections gzipped as octet-stream, then the definition is stored whole', async () => {
    // Act
    const answer = await sendBytes('PUT', admin, gzipSync(JSON.stringify(ROME)), gzipHeaders);

    // Assess
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ id: ROME.id, changed: true, sections: 2_600 });
  }, 60_000);

  it('given bytes that are not gzip, a coding it does not take, or a gzip that inflates past the limit, then each is refused with its own code and nothing changes', async () => {
    // Act
    const notGzip = await sendBytes('PUT', admin, Buffer.from(JSON.stringify(ROME)), gzipHeaders);
    const brotli = await sendBytes('PUT', admin, Buffer.from('x'), {
      ...gzipHeaders,
      'content-encoding': 'br',
    });
    // 64 MiB of spaces: 64 KiB gzipped, far past the 6 MiB a definition may inflate to.
    const bomb = await sendBytes('PUT', admin, gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)), gzipHeaders);
    // Over Lambda's 6 MB as plain JSON: AWS refuses it before the function, the function refuses it here.
    const tooBig = await sendBytes(
      'PUT',
      admin,
      Buffer.from(JSON.stringify({ pad: 'x'.repeat(6_500_000) })),
      {
        'content-type': 'application/json',
      },
    );

    // Assess
    expect([notGzip.status, notGzip.body.error]).toEqual([
      400,
      expect.objectContaining({ code: 'INVALID_CONTENT_ENCODING' }),
    ]);
    expect([brotli.status, brotli.headers.get('accept-encoding'), brotli.body.error]).toEqual([
      415,
      'gzip',
      expect.objectContaining({ code: 'UNSUPPORTED_CONTENT_ENCODING' }),
    ]);
    expect([bomb.status, bomb.body.error]).toEqual([
      413,
      expect.objectContaining({
        code: 'PAYLOAD_TOO_LARGE',
        message: expect.stringContaining('npm run admin -- define'),
      }),
    ]);
    expect([tooBig.status, tooBig.body.error]).toEqual([
      413,
      expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/gzip/) }),
    ]);
    const again = await sendBytes('PUT', admin, gzipSync(JSON.stringify(ROME)), gzipHeaders);
    expect(again.body).toMatchObject({ changed: false });
  }, 60_000);
});

describe('Rome’s codes in one request each', () => {
  it('given 2,600 sections, when every code is issued in one request, then each section has one, and they sign in', async () => {
    // Act
    const issued = await staff('POST', `${admin}/officer-tokens`, { sections: 'all' });

    // Assess
    expect(issued.status, JSON.stringify(issued.body).slice(0, 500)).toBe(200);
    const tokens = issued.body.tokens as Record<string, string>;
    expect(Object.keys(tokens)).toHaveLength(2_600);
    expect(new Set(Object.values(tokens)).size).toBe(2_600);
    expect(issued.body.failed).toBeUndefined();
    expect(await signInSample(tokens, 200)).toBe(100);
    expect(publicBucketHolds(tokens['1'] ?? '')).toBe(false);

    // Act: every code revoked in one request.
    const revoked = await staff('POST', `${admin}/officer-tokens/revoke`, { sections: 'all' });

    // Assess
    expect(revoked.status).toBe(200);
    expect(revoked.body.revoked).toHaveLength(2_600);
    await signInSample(tokens, 401);
  }, 120_000);
});

describe('codes by a job, for more sections than one request takes', () => {
  /** Polls the job until it ends. */
  async function finished(location: string): Promise<Json> {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const progress = await staff('GET', location);
      expect(progress.status).toBe(200);
      if (progress.body.status === 'done' || progress.body.status === 'failed') return progress.body;
      if (Date.now() > deadline) throw new Error(`the job did not end: ${JSON.stringify(progress.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  it('given a job issuing every code, then it answers 202 at once, its progress ends done, its sheet comes in parts of 2,500, every code signs in, and a retry with its key finds the same job', async () => {
    // Act
    const headers = { 'idempotency-key': 'e2e-rome-issue-0001' };
    const started = await fetch(`${stack.apiUrl}${admin}/officer-token-jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${E2E_STAFF_TOKEN}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ operation: 'issue', sections: 'all' }),
    });
    const job = (await started.json()) as Json;
    const location = started.headers.get('location') ?? '';

    // Assess
    expect(started.status).toBe(202);
    expect(location).toBe(`${admin}/officer-token-jobs/${job.jobId}`);
    const done = await finished(location);
    expect(stack.iam.denials()).toEqual([]);
    expect(done, JSON.stringify(done)).toMatchObject({
      status: 'done',
      total: 2_600,
      processed: 2_600,
      changed: 2_600,
      failed: 0,
    });
    expect(done.sheet).toMatchObject({ parts: 2, ready: true });
    const tokens: Record<string, string> = {};
    for (const part of [0, 1]) {
      const sheet = await staff('GET', `${location}/sheet?part=${part}`);
      expect(sheet.status).toBe(200);
      expect(sheet.body).toMatchObject({ jobId: job.jobId, part, parts: 2 });
      Object.assign(tokens, sheet.body.tokens);
    }
    expect(Object.keys(tokens)).toHaveLength(2_600);
    expect(Object.keys(tokens).slice(0, 3)).toEqual(['1', '2', '3']);
    await signInSample(tokens, 200);
    expect(publicBucketHolds(tokens['2600'] ?? '')).toBe(false);

    // The same request again with its key: the same job, nothing issued again.
    const retried = await fetch(`${stack.apiUrl}${admin}/officer-token-jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${E2E_STAFF_TOKEN}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ operation: 'issue', sections: 'all' }),
    });
    expect(retried.status).toBe(202);
    expect(await retried.json()).toMatchObject({ jobId: job.jobId, status: 'done' });
    // The same key for another request is refused.
    const reused = await fetch(`${stack.apiUrl}${admin}/officer-token-jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${E2E_STAFF_TOKEN}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ operation: 'revoke', sections: 'all' }),
    });
    expect([reused.status, ((await reused.json()) as { error: Json }).error.code]).toEqual([
      422,
      'IDEMPOTENCY_KEY_REUSED',
    ]);
  }, 150_000);

  it('given a job revoking three codes, then it ends done having revoked them, with no sheet; an unknown job is 404', async () => {
    // Prepare
    const issued = await staff('POST', `${admin}/officer-tokens`, { sections: ['5', '6', '7'] });
    const tokens = issued.body.tokens as Record<string, string>;

    // Act
    const started = await staff('POST', `${admin}/officer-token-jobs`, {
      operation: 'revoke',
      sections: ['5', '6', '7'],
    });
    const done = await finished(String(started.body.location));

    // Assess
    expect(done, JSON.stringify(done)).toMatchObject({ status: 'done', total: 3, changed: 3, sheet: null });
    for (const token of Object.values(tokens)) expect((await sessionOf(token)).status).toBe(401);
    const sheet = await staff('GET', `${started.body.location}/sheet?part=0`);
    expect([sheet.status, (sheet.body.error as Json).code]).toEqual([409, 'SHEET_NOT_READY']);
    const unknown = await staff('GET', `${admin}/officer-token-jobs/no-such-job`);
    expect([unknown.status, (unknown.body.error as Json).code]).toEqual([404, 'JOB_NOT_FOUND']);
  }, 60_000);
});
