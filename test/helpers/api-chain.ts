/** What unit tests of the API's middy chain share: the environment and a bare event. */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

/** The environment an API function reads at cold start; the origin check off, as `npm start` runs it. */
export function useApiEnvironment(overrides: Record<string, string> = {}): void {
  Object.assign(process.env, {
    TABLE_NAME: 'unused-table',
    BUCKET_NAME: 'unused-bucket',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    // No distribution in front (test/unit/origin-check.test.ts tests the check).
    ORIGIN_CHECK: 'off',
    ...overrides,
  });
}

export const apiEvent = (overrides: Partial<APIGatewayProxyEventV2> = {}): APIGatewayProxyEventV2 =>
  ({ headers: {}, pathParameters: {}, isBase64Encoded: false, ...overrides }) as APIGatewayProxyEventV2;

export const lambdaContext = { functionName: 'test', awsRequestId: 'r' } as Context;
