/**
 * The API takes a definition of at most Lambda's 6 MB of JSON once inflated: Italy's 61,550
 * sections fit, gzipped as `npm run bench -- --bulk` sends them; a larger one is told to use the
 * terminal. (test/e2e/bulk-operations.test.ts sends the same bodies through the local stack.)
 */
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { NATIONAL_SECTIONS, nationalElection } from '../../infra/cli/bench/national-election.js';
import { MAX_DEFINITION_BYTES } from '../../shared/http/api.js';
import { LAMBDA_EVENT_LIMIT_BYTES, requestBodyText } from '../../shared/http/request-body.js';
import { apiEvent, useApiEnvironment } from '../helpers/api-chain.js';

let DEFINITION_BODY: typeof import('../../functions/define-election/handler.js').DEFINITION_BODY;

beforeAll(async () => {
  useApiEnvironment();
  ({ DEFINITION_BODY } = await import('../../functions/define-election/handler.js'));
});

/** As HTTP API passes a gzip body sent as application/octet-stream: base64, flagged. */
const gzipEvent = (text: string) =>
  apiEvent({
    headers: { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip' },
    body: gzipSync(text).toString('base64'),
    isBase64Encoded: true,
  });

const failureOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('it did not fail');
};

/** Italy's sections with every optional field (electors by sex too): about 7.6 MB, past what the API takes. */
const withEveryField = () => {
  const definition = nationalElection('it-every-field', NATIONAL_SECTIONS);
  return {
    ...definition,
    sections: definition.sections.map((s) => ({
      ...s,
      registeredMale: Math.floor(s.registeredVoters / 2),
      registeredFemale: s.registeredVoters - Math.floor(s.registeredVoters / 2),
    })),
  };
};

describe('the size of a definition the API takes', () => {
  it('is at most Lambda’s 6 MB, once inflated', () => {
    expect(DEFINITION_BODY.maxBytes).toBe(MAX_DEFINITION_BYTES);
    expect(MAX_DEFINITION_BYTES).toBeLessThanOrEqual(LAMBDA_EVENT_LIMIT_BYTES);
  });

  it('given Italy’s 61,550 sections gzipped, as the bulk bench sends them, then the route reads them whole', () => {
    // Prepare
    const text = JSON.stringify(nationalElection('it-2026', NATIONAL_SECTIONS));

    // Act
    const read = requestBodyText(gzipEvent(text), DEFINITION_BODY);

    // Assess
    expect(read).toBe(text);
    expect(gzipSync(text).length).toBeLessThan(1024 * 1024);
  });

  it('given a gzipped definition that inflates past the limit, then 413 PAYLOAD_TOO_LARGE points to the terminal', () => {
    // Prepare
    const text = JSON.stringify(withEveryField());
    expect(Buffer.byteLength(text)).toBeGreaterThan(MAX_DEFINITION_BYTES);

    // Act
    const failure = failureOf(() => requestBodyText(gzipEvent(text), DEFINITION_BODY));

    // Assess
    expect(failure.code).toBe('PAYLOAD_TOO_LARGE');
    expect(failure.message).toContain(`inflates to more than ${MAX_DEFINITION_BYTES} bytes`);
    expect(failure.message).toContain('npm run admin -- define');
  });

  it('given a plain JSON definition over Lambda’s event, then 413 says to gzip it, or to use the terminal', () => {
    const event = apiEvent({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(withEveryField()),
    });
    const failure = failureOf(() => requestBodyText(event, DEFINITION_BODY));
    expect(failure.code).toBe('PAYLOAD_TOO_LARGE');
    expect(failure.message).toMatch(/send it gzipped.*npm run admin -- define/);
  });
});
