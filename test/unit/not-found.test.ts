import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/route-not-found/handler.js';
import { ERROR_PAGE_STYLE_PATH, NOT_FOUND_PAGE_KEY, notFoundPage } from '../../shared/pages/error-page.js';
import { buildSite } from '../../site/build.js';

const request = (method: string, rawPath: string) =>
  ({ rawPath, requestContext: { http: { method } }, headers: {} }) as unknown as APIGatewayProxyEventV2;

describe('the $default route, the API’s and the site’s “not found”', () => {
  it('given an API path, then it answers 404 ROUTE_NOT_FOUND in the contract’s error shape, whatever the method', async () => {
    for (const [method, path] of [
      ['GET', '/v1/nothing-here'],
      ['POST', '/v1/admin'],
      ['GET', '/v1'],
    ] as const) {
      const answer = await handler(request(method, path));
      expect(answer.statusCode).toBe(404);
      expect(answer.headers?.['content-type']).toBe('application/json; charset=utf-8');
      expect(JSON.parse(answer.body ?? '').error).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    }
  });

  it('given a site path the bucket lacks (the origin group’s failover), then it answers the published 404 page', async () => {
    for (const method of ['GET', 'HEAD']) {
      const answer = await handler(request(method, '/results/nowhere/index.html'));
      expect(answer.statusCode).toBe(404);
      expect(answer.headers?.['content-type']).toBe('text/html; charset=utf-8');
      expect(answer.headers?.['cache-control']).toBe('public, max-age=10');
      expect(answer.body).toBe(notFoundPage());
    }
  });

  it('given a .json path the bucket lacks, then it answers JSON in the error shape, not a page', async () => {
    const answer = await handler(request('GET', '/results/nowhere/latest.json'));
    expect(answer.statusCode).toBe(404);
    expect(answer.headers?.['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(answer.body ?? '').error).toMatchObject({
      code: 'FILE_NOT_FOUND',
      message: expect.stringContaining('/results/nowhere/latest.json'),
    });
  });

  it('given another method on a site path, then it is the API’s 404, as before', async () => {
    const answer = await handler(request('POST', '/results/x'));
    expect(JSON.parse(answer.body ?? '').error.code).toBe('ROUTE_NOT_FOUND');
  });
});

describe('the 404 page', () => {
  it('is published by the site build as the API answers it, in Italian and English, with its stylesheet and no inline style or script', async () => {
    const files = await buildSite();
    const page = files.find((f) => f.key === NOT_FOUND_PAGE_KEY);
    expect(page?.body).toBe(notFoundPage());
    expect(page?.contentType).toBe('text/html; charset=utf-8');
    const style = files.find((f) => `/${f.key}` === ERROR_PAGE_STYLE_PATH);
    expect(style?.contentType).toBe('text/css; charset=utf-8');
    expect(style?.cacheControl).toContain('immutable');
    const html = notFoundPage();
    expect(html).toContain('lang="it"');
    expect(html).toContain('lang="en"');
    expect(html).toContain('Pagina non trovata');
    expect(html).toContain('Page not found');
    expect(html).toContain(`<link rel="stylesheet" href="${ERROR_PAGE_STYLE_PATH}">`);
    expect(html).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
    expect(Buffer.byteLength(html)).toBeLessThan(2048);
  });
});
