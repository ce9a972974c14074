import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/errors.js';
import { api } from '../../shared/http/api.js';
import { acceptedEncodings, COMPRESS_FROM_BYTES } from '../../shared/http/compression.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { useApiEnvironment } from '../helpers/api-chain.js';

beforeAll(() => useApiEnvironment());

const eventWith = (headers: Record<string, string>): APIGatewayProxyEventV2 =>
  ({ headers, pathParameters: {}, isBase64Encoded: false }) as unknown as APIGatewayProxyEventV2;
const context = () => ({ functionName: 'test', awsRequestId: 'r' }) as Context;

const rows = Array.from({ length: 400 }, (_, i) => ({ section: `${i + 1}`, votes: i * 7 }));
const large = api({ access: 'public' }, async () => jsonResponse(200, { rows }));
const small = api({ access: 'public' }, async () => jsonResponse(200, { ok: true }));
const failing = api({ access: 'public' }, async () => {
  throw new ValidationError(
    'bad',
    rows.map((r) => ({ path: [r.section], message: 'x'.repeat(10) })),
  );
});

describe('Accept-Encoding', () => {
  it('orders what the client accepts by q-value, then br, gzip, deflate; q=0 refuses; * stands for the rest', () => {
    expect(acceptedEncodings('gzip, deflate, br')).toEqual(['br', 'gzip', 'deflate']);
    expect(acceptedEncodings('gzip;q=1.0, br;q=0.5')).toEqual(['gzip', 'br']);
    expect(acceptedEncodings('br;q=0, gzip')).toEqual(['gzip']);
    expect(acceptedEncodings('*;q=0.1, gzip')).toEqual(['gzip', 'br', 'deflate']);
    expect(acceptedEncodings('identity')).toEqual([]);
    expect(acceptedEncodings(undefined)).toEqual([]);
    expect(acceptedEncodings('GZIP')).toEqual(['gzip']);
  });
});

describe('the API chain compresses large answers', () => {
  it('given accept-encoding gzip and a body over the threshold, then it answers gzip, base64, and the same JSON', async () => {
    const response = await large(eventWith({ 'accept-encoding': 'gzip' }), context());
    expect(response.statusCode).toBe(200);
    expect(response.isBase64Encoded).toBe(true);
    expect(response.headers?.['Content-Encoding']).toBe('gzip');
    expect(response.headers?.vary).toBe('accept-encoding');
    expect(response.headers?.['content-type']).toBe('application/json; charset=utf-8');
    const body = gunzipSync(Buffer.from(response.body ?? '', 'base64')).toString('utf8');
    expect(JSON.parse(body)).toEqual({ rows });
  });

  it('given a browser’s accept-encoding, then it prefers brotli', async () => {
    const response = await large(eventWith({ 'Accept-Encoding': 'gzip, deflate, br, zstd' }), context());
    expect(response.headers?.['Content-Encoding']).toBe('br');
    const body = brotliDecompressSync(Buffer.from(response.body ?? '', 'base64')).toString('utf8');
    expect(JSON.parse(body)).toEqual({ rows });
  });

  it('given no accept-encoding, or a small body, then the body goes out as it is, still saying it varies', async () => {
    const plain = await large(eventWith({}), context());
    expect(plain.isBase64Encoded).toBeFalsy();
    expect(plain.headers?.['Content-Encoding']).toBeUndefined();
    expect(JSON.parse(plain.body ?? '')).toEqual({ rows });
    expect(plain.headers?.vary).toBe('accept-encoding');
    const tiny = await small(eventWith({ 'accept-encoding': 'gzip' }), context());
    expect(Buffer.byteLength(tiny.body ?? '')).toBeLessThan(COMPRESS_FROM_BYTES);
    expect(tiny.isBase64Encoded).toBeFalsy();
    expect(JSON.parse(tiny.body ?? '')).toEqual({ ok: true });
  });

  it('given a large error answer, then it is compressed too and keeps the contract’s error shape and status', async () => {
    const response = await failing(eventWith({ 'accept-encoding': 'gzip' }), context());
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['Content-Encoding']).toBe('gzip');
    const body = JSON.parse(gunzipSync(Buffer.from(response.body ?? '', 'base64')).toString('utf8'));
    expect(body.error.code).toBe('VALIDATION_FAILED');
  });
});
