/**
 * The API's origin check as it runs in AWS. No Secrets Manager runs on this machine, so its
 * client is mocked (aws-sdk-client-mock); everything above it (Powertools Parameters, the
 * middy chain, the comparison) is the real code.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';

const secrets = mockClient(SecretsManagerClient);
const CURRENT = 'c'.repeat(48);
const PREVIOUS = 'p'.repeat(48);
const context = { functionName: 'test', awsRequestId: 'r' } as Context;
const request = (headers: Record<string, string>) =>
  ({ headers, pathParameters: {}, isBase64Encoded: false }) as unknown as APIGatewayProxyEventV2;
let health: ReturnType<typeof api>;
let secretId = 0;

beforeAll(() => {
  Object.assign(process.env, {
    TABLE_NAME: 'unused-table',
    BUCKET_NAME: 'unused-bucket',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    AWS_REGION: 'eu-south-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
  health = api({ access: 'public' }, async () => jsonResponse(200, { ok: true }));
});

beforeEach(() => {
  secrets.reset();
  // A fresh secret id per test: Powertools caches a read secret for five minutes.
  secretId += 1;
  process.env.ORIGIN_SECRET_ID = `arn:aws:secretsmanager:eu-south-1:000000000000:secret:origin-${secretId}`;
  process.env.ORIGIN_CHECK = 'on';
});

afterEach(() => {
  delete process.env.ORIGIN_SECRET_ID;
  delete process.env.ORIGIN_CHECK;
});

const status = async (headers: Record<string, string>) =>
  (await health(request(headers), context)).statusCode;

describe('the origin check, in AWS', () => {
  it('given the secret, then a request with its current value passes and one without it is refused 403', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ current: CURRENT }) });
    expect(await status({ 'x-origin-verify': CURRENT })).toBe(200);
    expect(await status({})).toBe(403);
    expect(await status({ 'x-origin-verify': `${CURRENT}x` })).toBe(403);
  });

  it('given a rotation in progress, then the previous value still passes', async () => {
    secrets
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ current: CURRENT, previous: PREVIOUS }) });
    expect(await status({ 'x-origin-verify': PREVIOUS })).toBe(200);
    expect(await status({ 'x-origin-verify': CURRENT })).toBe(200);
  });

  it('given the secret cannot be read, then every request is refused (fails closed)', async () => {
    secrets.on(GetSecretValueCommand).rejects(new Error('AccessDeniedException'));
    expect(await status({ 'x-origin-verify': CURRENT })).toBe(403);
  });

  it('given no secret is configured, or one that is not the expected shape, then every request is refused', async () => {
    delete process.env.ORIGIN_SECRET_ID;
    expect(await status({ 'x-origin-verify': '' })).toBe(403);
    process.env.ORIGIN_SECRET_ID = 'arn:aws:secretsmanager:eu-south-1:000000000000:secret:malformed';
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ current: 'short' }) });
    expect(await status({ 'x-origin-verify': 'short' })).toBe(403);
  });

  it('given the check is off (npm start, where the API is called directly), then no header is needed', async () => {
    process.env.ORIGIN_CHECK = 'off';
    expect(await status({})).toBe(200);
    expect(secrets.calls()).toHaveLength(0);
  });
});
