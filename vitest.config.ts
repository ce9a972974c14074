import { readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const PROJECTS = ['unit', 'integration', 'e2e'] as const;

// Every test file belongs to a project: one elsewhere under test/ would silently never run.
const strays = readdirSync('test', { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.ts'))
  .filter((file) => !PROJECTS.some((project) => file.startsWith(`${project}/`)));
if (strays.length > 0)
  throw new Error(`test files outside test/{${PROJECTS.join(',')}}/ would not run: ${strays.join(', ')}`);

/**
 * Unit and integration files call handlers and use cases in their own process, where each flush
 * (or each 100 values) of shared/metrics.ts would print an EMF line amid the test output;
 * test/unit/metrics.test.ts turns them back on to check the lines. The end-to-end stacks keep
 * them: serverless-offline's output is captured there, and the lines go through the real bundles.
 */
const QUIET_METRICS = { POWERTOOLS_METRICS_DISABLED: 'true' };

/**
 * Two groups, one after the other (sequence.groupOrder). First the unit files (pure) and the
 * integration files, two files at a time: each integration file starts its own DynamoDB Local
 * and s3rver on free ports, keeps its data in a folder of its own, sets process.env in its own
 * worker process, and packages in an esbuild folder of its own; while one waits for Java, a unit
 * file runs. Then the end-to-end files, one at a time: each starts a whole local stack, whose
 * serverless-offline bundles into the project's one .esbuild/ folder, and two stacks would
 * share the two cores besides. Timings: BENCHMARKS.md, "Test suite wall time".
 */
export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          env: QUIET_METRICS,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
          // Property tests on a loaded two-core machine: room enough, no timing asserted.
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          env: QUIET_METRICS,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
          // Real servers: give them time.
          testTimeout: 30_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
          testTimeout: 30_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
