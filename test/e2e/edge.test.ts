/**
 * What the site's address answers besides pages and results, on the whole local stack (the site
 * server stands in for CloudFront): a path the bucket lacks answers the site's 404 page (or JSON
 * for a .json path) from the API's $default route, as the distribution's origin group fails over
 * to it, while the API's own JSON errors under /v1/ pass unchanged; and large API answers go out
 * compressed, end to end through serverless-offline's handling of base64 bodies.
 */
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../infra/local/stack.js';
import { ERROR_PAGE_STYLE_PATH, notFoundPage } from '../../shared/pages/error-page.js';
import { SECURITY_HEADERS } from '../../site/security-headers.js';
import { launchChromium } from '../helpers/browser.js';
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
function rawGet(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const call = request(
      {
        hostname: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        headers,
        method,
      },
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

describe('a path the site has nothing at', () => {
  const site = (path: string) => `${stack.siteUrl}${path.replace(/^\//, '')}`;

  it('given a missing page, a missing folder or a HEAD, then it answers 404 with the site’s page and its security headers, never the bucket’s XML', async () => {
    for (const path of ['/no/such/page', '/results/nowhere/', '/results/demo-2026/sections/no-such.html']) {
      const answer = await rawGet(site(path));
      expect(answer.status, path).toBe(404);
      expect(answer.headers['content-type'], path).toBe('text/html; charset=utf-8');
      expect(answer.body.toString('utf8'), path).toBe(notFoundPage());
      for (const [name, value] of Object.entries(SECURITY_HEADERS))
        expect(answer.headers[name], name).toBe(value);
    }
    const head = await rawGet(site('/no/such/page'), {}, 'HEAD');
    expect(head.status).toBe(404);
    expect(head.body.length).toBe(0);
  });

  it('given a missing .json file, then it answers 404 in the API’s JSON error shape', async () => {
    const answer = await rawGet(site(`/results/${election.id}/no-such-file.json`));
    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(answer.body.toString('utf8'))).toEqual({
      error: {
        code: 'FILE_NOT_FOUND',
        message: `nothing is published at /results/${election.id}/no-such-file.json`,
        details: [],
      },
    });
  });

  it('given the published page and its stylesheet, then the upload put both in the bucket', async () => {
    const page = await rawGet(site('/404.html'));
    expect(page.status).toBe(200);
    expect(page.body.toString('utf8')).toBe(notFoundPage());
    const style = await rawGet(site(ERROR_PAGE_STYLE_PATH));
    expect(style.status).toBe(200);
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('given the API’s own errors under /v1/, then they reach the client unchanged, in the contract’s shape', async () => {
    const cases = [
      ['/v1/no-such-route', {}, 404, 'ROUTE_NOT_FOUND'],
      ['/v1/admin/quarantine', {}, 401, 'UNAUTHORIZED'],
      [
        '/v1/admin/elections/no-such-election/sections',
        { authorization: `Bearer ${stack.adminToken}` },
        404,
        'ELECTION_NOT_FOUND',
      ],
    ] as const;
    for (const [path, headers, status, code] of cases) {
      const direct = await rawGet(`${stack.apiUrl}${path}`, headers);
      const throughSite = await rawGet(site(path), headers);
      expect(throughSite.status, path).toBe(status);
      expect(throughSite.headers['content-type'], path).toBe('application/json; charset=utf-8');
      expect(JSON.parse(throughSite.body.toString('utf8')).error.code, path).toBe(code);
      expect(throughSite.body.toString('utf8'), path).toBe(direct.body.toString('utf8'));
    }
  });

  describe('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('given the 404 page under the site’s CSP, then it is styled by its stylesheet and nothing is blocked', async () => {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
      });
      const response = await page.goto(site('/no/such/page'), { waitUntil: 'networkidle' });
      expect(response?.status()).toBe(404);
      expect(await page.locator('h1').textContent()).toBe('Pagina non trovata');
      const width = await page.evaluate(
        () => getComputedStyle(document.querySelector('main') as Element).maxWidth,
      );
      expect(width).toBe('576px');
      expect(violations).toEqual([]);
      await page.close();
    });
  });
});
