import { LOCAL_BUCKET, LOCAL_CREDENTIALS, LOCAL_TABLE, type Stack } from '../local/stack.js';

/**
 * The settings the shared modules read, pointing at the local stack of `npm start` (its ports
 * from the same variables), unless TABLE_NAME and BUCKET_NAME name AWS resources.
 */
export function localEnvironment(env = process.env): Record<string, string> {
  if (env.TABLE_NAME && env.BUCKET_NAME && !env.LOCAL) return {};
  return {
    TABLE_NAME: LOCAL_TABLE,
    BUCKET_NAME: LOCAL_BUCKET,
    DYNAMODB_ENDPOINT: `http://127.0.0.1:${env.DYNAMODB_PORT ?? '8000'}`,
    S3_ENDPOINT: `http://127.0.0.1:${env.S3_PORT ?? '4569'}`,
    AWS_REGION: env.AWS_REGION ?? 'eu-south-1',
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
  };
}

/**
 * Points this process's shared modules at a stack it started (bench, load, soak): the settings
 * above with that stack's DynamoDB and S3 ports. Before the first shared module is imported.
 */
export function useStackEnvironment(stack: Pick<Stack, 'dynamodbEndpoint' | 's3Endpoint'>): void {
  Object.assign(
    process.env,
    localEnvironment({
      DYNAMODB_PORT: new URL(stack.dynamodbEndpoint).port,
      S3_PORT: new URL(stack.s3Endpoint).port,
    }),
  );
}
