/**
 * The bench's Lambda step (`npm run bench -- --bundles-only` runs only this; no stack needed):
 * packages the service as a deploy does, then prints, per function, its bundle's minified and
 * gzipped bytes against the budget and its module initialisation time in a fresh process.
 *
 * The bundles are unpacked beside a link to the project's node_modules, so what serverless.yml
 * leaves external (`@aws-sdk/*`, which AWS's nodejs22.x runtime provides) resolves to the
 * versions the tests run; in AWS it resolves to the runtime's own.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PROJECT_ROOT } from '../../local/stack.js';
import { initTimeMs } from './init-time.js';
import { BUNDLE_BUDGET_BYTES, lambdaBundles, packageService } from './lambda-bundles.js';

export interface BundleFigures {
  name: string;
  bytes: number;
  gzipped: number;
  initMs: number;
}

/** Weighs and times the bundles of a `serverless package` folder. */
export function measureBundles(packageDir: string, runs = 5): BundleFigures[] {
  const unpacked = mkdtempSync(join(tmpdir(), 'election-night-bundles-'));
  try {
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(unpacked, 'node_modules'), 'dir');
    return lambdaBundles(packageDir).map((bundle) => {
      const file = join(unpacked, bundle.path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, bundle.code);
      if (bundle.sourcemap) writeFileSync(`${file}.map`, bundle.sourcemap);
      return {
        name: bundle.name,
        bytes: bundle.code.length,
        gzipped: gzipSync(bundle.code).length,
        initMs: initTimeMs(file, runs),
      };
    });
  } finally {
    rmSync(unpacked, { recursive: true, force: true });
  }
}

const versionOf = (name: string) =>
  (
    JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
const SDK_PACKAGES = [
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/lib-dynamodb',
  '@aws-sdk/util-dynamodb',
  '@aws-sdk/client-s3',
];

export function bundleReport(figures: BundleFigures[], runs = 5): string[] {
  const pad = (value: string | number, width: number) => String(value).padStart(width);
  const number = (n: number) => n.toLocaleString('en-US');
  return [
    `Lambda bundles (serverless package; minified .mjs, sourcemap excluded; budget ${number(BUNDLE_BUDGET_BYTES)} bytes each):`,
    `  ${'function'.padEnd(22)}${pad('bytes', 10)}${pad('gzipped', 10)}${pad('init ms', 10)}`,
    ...figures.map(
      (f) =>
        `  ${f.name.padEnd(22)}${pad(number(f.bytes), 10)}${pad(number(f.gzipped), 10)}${pad(f.initMs.toFixed(1), 10)}${f.bytes > BUNDLE_BUDGET_BYTES ? '  OVER BUDGET' : ''}`,
    ),
    `  init ms: median of ${runs} fresh node processes importing the bundle (node --enable-source-maps, as in AWS)`,
    `  @aws-sdk/* is external: resolved here from node_modules (${SDK_PACKAGES.map((p) => `${p.slice(9)} ${versionOf(p)}`).join(', ')}), in AWS from the nodejs22.x runtime`,
  ];
}

/** Packages the service into a temporary folder, prints the figures; true when every bundle is within budget. */
export async function benchBundles(log: (line: string) => void): Promise<boolean> {
  const packageDir = mkdtempSync(join(tmpdir(), 'election-night-package-'));
  try {
    log('packaging the functions (serverless package --stage ci)');
    await packageService(packageDir);
    const figures = measureBundles(packageDir);
    console.log(`\n${bundleReport(figures).join('\n')}\n`);
    return figures.every((f) => f.bytes <= BUNDLE_BUDGET_BYTES);
  } finally {
    rmSync(packageDir, { recursive: true, force: true });
  }
}
