import { spawn } from 'node:child_process';
import { PROJECT_ROOT, type Stack } from '../../infra/local/stack.js';

/**
 * Runs one of the operator tools (`infra/cli/<script>.ts`) against a test's stack, as staff
 * would from a terminal. Asynchronously: the local S3 stand-in runs in the test's own process
 * and must keep answering.
 */
export function runOperatorCli(
  stack: Pick<Stack, 'dynamodbEndpoint' | 's3Endpoint' | 'siteUrl'>,
  script: string,
  args: string[],
): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `infra/cli/${script}.ts`, ...args], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        DYNAMODB_PORT: new URL(stack.dynamodbEndpoint).port,
        S3_PORT: new URL(stack.s3Endpoint).port,
        SITE_URL: stack.siteUrl,
        TABLE_NAME: '',
        BUCKET_NAME: '',
      },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (status) => resolve({ status, output }));
  });
}
