/**
 * `npm start`: the whole system on this machine, with no AWS account. Ports and secrets come
 * from the environment (docs/interface.md, Running it locally); Ctrl-C stops everything it started.
 */
import { resolve } from 'node:path';
import * as z from 'zod';
import { TOKEN_PATTERN } from '../../shared/http/api.js';
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
    ADMIN_TOKEN: z
      .string()
      .regex(TOKEN_PATTERN, 'ADMIN_TOKEN: 16 to 512 characters of A-Z a-z 0-9 . _ ~ + / = -')
      .optional(),
    SEED: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, 'SEED names a file of events/elections/, or none')
      .default('demo'),
  })
  .parse(process.env);

const log = (line: string) => console.log(`[start] ${line}`);
// Lambda runs Node 22; Node 20 is supported here for local use, so the SDK need not warn.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// Until the stack is up, a signal ends this process; its exit handler kills every child started so far.
const abortStart = (signal: string) => {
  log(`${signal} while starting: stopping`);
  process.exit(130);
};
process.once('SIGINT', abortStart);
process.once('SIGTERM', abortStart);

try {
  const stack = await startStack({
    apiPort: env.API_PORT,
    sitePort: env.SITE_PORT,
    dynamodbPort: env.DYNAMODB_PORT,
    s3Port: env.S3_PORT,
    lambdaPort: env.OFFLINE_LAMBDA_PORT,
    dataDir: resolve(PROJECT_ROOT, env.DATA_DIR),
    ...(env.ADMIN_TOKEN ? { adminToken: env.ADMIN_TOKEN } : {}),
    ...(env.SEED === 'none'
      ? {}
      : { seedFile: resolve(PROJECT_ROOT, 'events', 'elections', `${env.SEED}.json`) }),
    apiOutput: 'inherit',
    log,
  });
  process.off('SIGINT', abortStart);
  process.off('SIGTERM', abortStart);
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
  Officer app  ${stack.siteUrl}officer/   (sign in with a section's token, or open ${stack.siteUrl}officer/#token=<token>)
  Staff page   ${stack.siteUrl}staff/   (sign in with the admin token below)
  DynamoDB     ${stack.dynamodbEndpoint}  table ${stack.tableName}
  S3           ${stack.s3Endpoint}  bucket ${stack.bucket}
  Admin token  ${stack.adminToken}   (kept in .local/admin-token)

  Ctrl-C stops everything.
`);
} catch (error) {
  console.error(`[start] ${(error as Error).message}`);
  process.exit(1);
}
