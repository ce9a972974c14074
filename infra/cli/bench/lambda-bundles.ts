/**
 * The Lambda bundles as deployed: `serverless package` (osls, no AWS credentials needed) writes
 * one zip per function; each holds the function's esbuild bundle (`handler.mjs`) and its
 * sourcemap. The budget counts the bundle only, minified as serverless.yml builds it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageService as packageServiceIn } from '../../local/package-service.js';
import { PROJECT_ROOT } from '../../local/stack.js';
import { unzip } from './zip.js';

/** Each function's bundle, minified, excluding its sourcemap. */
export const BUNDLE_BUDGET_BYTES = 250_000;

export interface LambdaBundle {
  /** The function's name in serverless.yml (its zip's name). */
  name: string;
  /** The bundle's path inside the zip, e.g. `functions/health/handler.mjs`. */
  path: string;
  code: Buffer;
  sourcemap: Buffer | undefined;
}

/** `serverless package --stage <stage> --package <dir>`, as CI would run it. */
export const packageService = (dir: string, stage = 'ci'): Promise<void> =>
  packageServiceIn(PROJECT_ROOT, dir, stage);

/** The bundles in a `serverless package` folder, one per function zip, by name. */
export function lambdaBundles(packageDir: string): LambdaBundle[] {
  return readdirSync(packageDir)
    .filter((file) => file.endsWith('.zip'))
    .sort()
    .map((file) => {
      const files = unzip(readFileSync(join(packageDir, file)));
      const bundles = [...files.keys()].filter((path) => path.endsWith('.mjs'));
      const [path] = bundles;
      if (bundles.length !== 1 || !path)
        throw new Error(`${file}: expected one .mjs bundle, found ${bundles}`);
      return {
        name: file.replace(/\.zip$/, ''),
        path,
        code: files.get(path) as Buffer,
        sourcemap: files.get(`${path}.map`),
      };
    });
}
