import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * `serverless package --stage <stage> --package <dir>` in `root`, as CI would run it: offered no
 * AWS credentials, nor the operator's TABLE_NAME or BUCKET_NAME (unset, not empty: osls takes an
 * empty one as a value, and would name the table ""), nor the ALARM_EMAIL a deploy puts in the
 * template (infra/cloudformation/monitoring.cjs). esbuild works in a folder of its own, so a
 * packaging never meets another one, or a running `npm start`, in `.esbuild/`.
 */
export async function packageService(root: string, dir: string, stage: string): Promise<void> {
  const serverless = createRequire(import.meta.url).resolve('serverless/bin/serverless.js');
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('AWS_') && !['TABLE_NAME', 'BUCKET_NAME', 'ALARM_EMAIL'].includes(key),
    ),
  );
  const workFolder = join('.esbuild', `package-${randomUUID()}`);
  try {
    await run(process.execPath, [serverless, 'package', '--stage', stage, '--package', dir], {
      cwd: root,
      env: {
        ...env,
        SLS_TELEMETRY_DISABLED: '1',
        SLS_NOTIFICATIONS_MODE: 'off',
        ESBUILD_WORK_FOLDER: workFolder,
      },
      maxBuffer: 16 * 1024 * 1024,
    });
  } finally {
    rmSync(join(root, workFolder), { recursive: true, force: true });
  }
}
