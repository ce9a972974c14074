/**
 * What the site's address answers besides pages and results, on the whole local stack (the site
 * server stands in for CloudFront): large API answers compressed, end to end through
 * serverless-offline's handling of base64 bodies.
 */
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../infra/local/stack.js';
import { startDemoStack } from '../helpers/demo-stack.js';
import { demoElection } from '../helpers/elections.js';

let stack: Stack;
const election = demoElection();

beforeAll(async () => {
  stack = await startDemoStack();
});

afterAll(async () => {
  await stack?.stop();
});

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One GET whose body is kept as sent (fetch would decode it), with the given headers. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const call = request(
      { hostname: target.hostname, port: target.port, path: target.pathname + target.search, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
        response.on('error', reject);
      },
    );
    call.on('error', reject);
    call.end();
  });
}

describe('large API answers go out compressed', () => {
  for (const [where, base] of [
    ['the API', () => stack.apiUrl],
    ['the site’s /v1/ (as through CloudFront)', () => stack.siteUrl.replace(/\/$/, '')],
  ] as const) {
    it(`given accept-encoding gzip, when staff export the election from ${where}, then it answers gzip, and the gunzipped body is the export`, async () => {
      // Arrange
      const path = `/v1/admin/elections/${election.id}/export?format=json`;
      const auth = { authorization: `Bearer ${stack.adminToken}` };

      // Act
      const plain = await rawGet(`${base()}${path}`, auth);
      const gzipped = await rawGet(`${base()}${path}`, { ...auth, 'accept-encoding': 'gzip' });

      // Assert
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.length).toBeGreaterThan(1024);
      expect(gzipped.status).toBe(200);
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(gzipped.headers.vary).toContain('accept-encoding');
      expect(gzipped.headers['content-disposition']).toBe(plain.headers['content-disposition']);
      expect(gzipped.body.length).toBeLessThan(plain.body.length);
      // The same export, but for the moment each was made.
      const exported = (body: Buffer) => ({
        ...JSON.parse(body.toString('utf8')),
        generatedAt: 'the moment',
      });
      expect(exported(gunzipSync(gzipped.body))).toEqual(exported(plain.body));
    });
  }

  it('given accept-encoding gzip, when staff read the overview, then it answers gzip too', async () => {
    const answer = await rawGet(`${stack.apiUrl}/v1/admin/elections/${election.id}/sections`, {
      authorization: `Bearer ${stack.adminToken}`,
      'accept-encoding': 'gzip',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(answer.body).toString('utf8'))).toHaveProperty('sections');
  });
});
