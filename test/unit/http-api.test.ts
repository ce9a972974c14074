import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { apiEvent, lambdaContext, useApiEnvironment } from '../helpers/api-chain.js';

beforeAll(() => useApiEnvironment());

const eventWith = apiEvent;
const context = lambdaContext;
const errorOf = (response: { body?: string }) =>
  (JSON.parse(response.body ?? '{}') as { error: { code: string } }).error;

describe('the middy chain of every API function', () => {
  const echo = api({ access: 'public', body: true }, async (event) =>
    jsonResponse(200, { ids: event.ids, json: event.json }),
  );
  const staffOnly = api({ access: { staff: 'viewer' } }, async () => jsonResponse(200, {}));

  it('given a malformed percent escape in a path id, when called, then it answers 400 VALIDATION_FAILED', async () => {
    const response = await echo(
      eventWith({
        pathParameters: { sectionId: '%E0' },
        body: '{}',
        headers: { 'content-type': 'application/json' },
      }),
      context,
    );
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('VALIDATION_FAILED');
  });

  it('given a traversal in a path id, when called, then it answers 400', async () => {
    const response = await echo(
      eventWith({
        pathParameters: { electionId: '..%2F..%2Fetc' },
        body: '{}',
        headers: { 'content-type': 'application/json' },
      }),
      context,
    );
    expect(response.statusCode).toBe(400);
  });

  it('given no token and a bad path id, when a protected route is called, then 401 comes first', async () => {
    const response = await staffOnly(eventWith({ pathParameters: { electionId: '%E0' } }), context);
    expect(response.statusCode).toBe(401);
    expect(response.headers?.['www-authenticate']).toBe('Bearer');
    expect(errorOf(response).code).toBe('UNAUTHORIZED');
  });

  it('given a base64 body, when called, then it is decoded before parsing', async () => {
    const body = Buffer.from('{"voters":3}').toString('base64');
    const response = await echo(
      eventWith({
        body,
        isBase64Encoded: true,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      }),
      context,
    );
    expect(JSON.parse(response.body ?? '{}').json).toEqual({ voters: 3 });
  });

  it('given a body of exactly 64 KiB, when called, then it is accepted; one byte more is refused with 413', async () => {
    const fits = `{"p":"${'x'.repeat(64 * 1024 - 8)}"}`;
    expect(Buffer.byteLength(fits)).toBe(64 * 1024);
    const headers = { 'content-type': 'application/json' };
    expect((await echo(eventWith({ body: fits, headers }), context)).statusCode).toBe(200);
    const over = await echo(eventWith({ body: `${fits} `, headers }), context);
    expect(over.statusCode).toBe(413);
    expect(errorOf(over).code).toBe('PAYLOAD_TOO_LARGE');
  });
});
