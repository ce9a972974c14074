/**
 * `npm start`: the whole system on this machine, with no AWS account. Ports and secrets come
 * from the environment (CONTRACT.md section 1); Ctrl-C stops everything it started.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT, startStack } from './stack.js';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65_535).default(fallback);
const env = z
  .object({
    API_PORT: port(3000),
    SITE_PORT: port(8080),
    DYNAMODB_PORT: port(8000),
    S3_PORT: port(4569),
    OFFLINE_LAMBDA_PORT: port(3002),
    DATA_DIR: z.string().min(1).default('.data'),
    ADMIN_TOKEN: z.string().min(16).optional(),
    SEED: z.string().default('demo'),
  })
  .parse(process.env);

const log = (line: string) => console.log(`[start] ${line}`);

try {
  const stack = await startStack({
    apiPort: env.API_PORT,
    sitePort: env.SITE_PORT,
    dynamodbPort: env.DYNAMODB_PORT,
    s3Port: env.S3_PORT,
    lambdaPort: env.OFFLINE_LAMBDA_PORT,
    dataDir: join(PROJECT_ROOT, env.DATA_DIR),
    ...(env.ADMIN_TOKEN ? { adminToken: env.ADMIN_TOKEN } : {}),
    ...(env.SEED === 'none'
      ? {}
      : { seedFile: join(PROJECT_ROOT, 'events', 'elections', `${env.SEED}.json`) }),
    apiOutput: 'inherit',
    log,
  });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping every part`);
    await stack.stop();
    log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  console.log(`
  Election night is running (local, no AWS account).

  API          ${stack.apiUrl}   (health: ${stack.apiUrl}/v1/health)
  Public site  ${stack.siteUrl}
  DynamoDB     ${stack.dynamodbEndpoint}  table ${stack.tableName}
  S3           ${stack.s3Endpoint}  bucket ${stack.bucket}
  Admin token  ${stack.adminToken}   (kept in .local/admin-token)

  Ctrl-C stops everything.
`);
} catch (error) {
  console.error(`[start] ${(error as Error).message}`);
  process.exit(1);
}
