import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { LAMBDA_EVENT_LIMIT_BYTES } from '../../shared/http/request-body.js';
import { apiEvent, lambdaContext, useApiEnvironment } from '../helpers/api-chain.js';

beforeAll(() => useApiEnvironment());

// 7 MB of a section list that compresses well, as an overview does.
const sections = Array.from({ length: 90_000 }, (_, i) => ({
  id: String(i + 1),
  name: `Sezione ${i + 1}`,
  district: 'Municipio I - Centro storico',
}));
const huge = api({ access: 'public' }, async () => jsonResponse(200, { sections }));
const call = (headers: Record<string, string>) =>
  huge(
    apiEvent({ headers }) as APIGatewayProxyEventV2,
    lambdaContext as Context,
  ) as Promise<APIGatewayProxyStructuredResultV2>;

describe('an answer within Lambda’s 6 MB', () => {
  it('given an answer over 6 MB that goes out as it is, then it is replaced by 500 ANSWER_TOO_LARGE, as AWS would not deliver it', async () => {
    expect(JSON.stringify({ sections }).length).toBeGreaterThan(LAMBDA_EVENT_LIMIT_BYTES);
    const response = await call({});
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(String(response.body)).error).toMatchObject({
      code: 'ANSWER_TOO_LARGE',
      message: expect.stringMatching(/Accept-Encoding: gzip/),
    });
  });

  it('given the same answer asked for gzipped, then it goes out whole, well within the limit', async () => {
    const response = await call({ 'accept-encoding': 'gzip' });
    expect(response.statusCode).toBe(200);
    expect(response.isBase64Encoded).toBe(true);
    expect(String(response.body).length).toBeLessThan(LAMBDA_EVENT_LIMIT_BYTES);
  });
});
