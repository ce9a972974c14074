import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LAMBDA_EVENT_LIMIT_BYTES, requestBodyText } from '../../shared/http/request-body.js';
import { apiEvent } from '../helpers/api-chain.js';

const json = { 'content-type': 'application/json' };
const gzipBinary = { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip' };
const limits = { maxBytes: 1_000_000, gzip: true };
/** As HTTP API (and serverless-offline) pass a binary body: base64, flagged. */
const binaryEvent = (bytes: Buffer, headers: Record<string, string> = gzipBinary) =>
  apiEvent({ headers, body: bytes.toString('base64'), isBase64Encoded: true });
const failureOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as { code: string; message: string; accepted?: string };
  }
  throw new Error('it did not fail');
};

describe('a request body within Lambda and the route', () => {
  it('given a gzip body passed base64-encoded, then it reads as the JSON that was compressed', () => {
    const text = JSON.stringify({ id: 'x', sections: Array(1000).fill({ id: '1', name: 'Sezione' }) });
    expect(requestBodyText(binaryEvent(gzipSync(text)), limits)).toBe(text);
  });

  it('given a plain JSON body, then it reads as it was sent, as before', () => {
    expect(requestBodyText(apiEvent({ headers: json, body: '{"a":1}' }), limits)).toBe('{"a":1}');
  });

  it('given bytes that are not gzip, then it is refused with INVALID_CONTENT_ENCODING', () => {
    expect(failureOf(() => requestBodyText(binaryEvent(Buffer.from('{"a":1}')), limits)).code).toBe(
      'INVALID_CONTENT_ENCODING',
    );
  });

  it('given a gzip body cut short, then it is refused with INVALID_CONTENT_ENCODING', () => {
    const truncated = gzipSync('{"a":1}'.repeat(100)).subarray(0, 20);
    expect(failureOf(() => requestBodyText(binaryEvent(truncated), limits)).code).toBe(
      'INVALID_CONTENT_ENCODING',
    );
  });

  it('given a gzip body that reached the function as text, then the answer says to send it as octet-stream', () => {
    const event = apiEvent({
      headers: { ...json, 'content-encoding': 'gzip' },
      body: gzipSync('{"a":1}').toString('utf8'),
    });
    const failure = failureOf(() => requestBodyText(event, limits));
    expect(failure.code).toBe('INVALID_CONTENT_ENCODING');
    expect(failure.message).toMatch(/application\/octet-stream/);
  });

  it('given a small gzip body that inflates past the limit (a zip bomb), then it is refused with 413 before it is inflated whole', () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(100_000);
    const failure = failureOf(() => requestBodyText(binaryEvent(bomb), { maxBytes: 1_000_000, gzip: true }));
    expect(failure.code).toBe('PAYLOAD_TOO_LARGE');
    expect(failure.message).toMatch(/inflates to more than 1000000 bytes/);
  });

  it('given a coding the route does not take, then it is refused with 415 UNSUPPORTED_CONTENT_ENCODING naming the one it takes', () => {
    const br = binaryEvent(Buffer.from('x'), { ...gzipBinary, 'content-encoding': 'br' });
    expect(failureOf(() => requestBodyText(br, limits))).toMatchObject({
      code: 'UNSUPPORTED_CONTENT_ENCODING',
      accepted: 'gzip',
    });
    const gzipElsewhere = binaryEvent(gzipSync('{}'));
    expect(failureOf(() => requestBodyText(gzipElsewhere, { maxBytes: 1000 }))).toMatchObject({
      code: 'UNSUPPORTED_CONTENT_ENCODING',
      accepted: 'identity',
    });
  });

  it('given an event over Lambda’s 6 MB, then it is refused with 413, as Lambda refuses it in AWS', () => {
    const event = apiEvent({ headers: json, body: `"${'x'.repeat(LAMBDA_EVENT_LIMIT_BYTES)}"` });
    expect(failureOf(() => requestBodyText(event, { maxBytes: 16_000_000, gzip: true }))).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringMatching(/Lambda's 6291456 bytes: send it gzipped/),
    });
  });

  it('given plain bytes as octet-stream, then they are refused as not JSON (415)', () => {
    const event = binaryEvent(Buffer.from('{}'), { 'content-type': 'application/octet-stream' });
    expect(failureOf(() => requestBodyText(event, limits)).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
