import { config } from '../config.js';

/**
 * The options of every AWS SDK client the functions build. In AWS: the region, and the
 * function's role through the default credentials. Locally: the stand-in's endpoint and, inside a
 * function that serverless-offline runs, credentials that name that function, so that the local
 * IAM gate (infra/local/iam/) checks each call against that function's own role, as AWS would.
 */
export function clientOptions(endpoint: string | undefined) {
  const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME;
  const signAsFunction = endpoint !== undefined && process.env.IS_OFFLINE === 'true' && functionName;
  return {
    region: config().AWS_REGION,
    ...(endpoint ? { endpoint } : {}),
    ...(signAsFunction ? { credentials: { accessKeyId: functionName, secretAccessKey: 'local' } } : {}),
  };
}
