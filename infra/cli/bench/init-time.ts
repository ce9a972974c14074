/**
 * A bundle's module initialisation: the time to `import()` it in a fresh `node` process, as a
 * Lambda cold start does before the first event (node's own start-up is not counted). Source
 * maps are enabled as serverless.yml's NODE_OPTIONS does in AWS, since node then reads the map.
 */
import { execFileSync } from 'node:child_process';

const IMPORT_AND_TIME = `
const { pathToFileURL } = await import('node:url');
const started = performance.now();
await import(pathToFileURL(process.argv[1]).href);
console.log(performance.now() - started);
`;

/** What the functions' config needs at import (serverless.yml's environment), with stand-in names. */
const BUNDLE_ENV = {
  TABLE_NAME: 'election-night-bench',
  BUCKET_NAME: 'election-night-bench',
  AWS_REGION: 'eu-south-1',
  POWERTOOLS_SERVICE_NAME: 'election-night',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** The median, over `runs` fresh processes, of the milliseconds `import(file)` takes. */
export function initTimeMs(file: string, runs = 5): number {
  const times = Array.from({ length: runs }, () =>
    Number(
      execFileSync(
        process.execPath,
        ['--enable-source-maps', '--input-type=module', '-e', IMPORT_AND_TIME, file],
        {
          env: { PATH: process.env.PATH ?? '', ...BUNDLE_ENV },
          encoding: 'utf8',
        },
      ).trim(),
    ),
  ).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}
