/**
 * What `npm run deploy`, `npm run remove` and `npm run package` run, as plans of commands that
 * all carry the same stage and region: the arguments are read once, here, and every step gets
 * them (npm would append extra arguments to the last command of a script only). The plans are
 * pure, so a test checks them without AWS; `runPlan` executes one.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const DEFAULT_STAGE = 'prod';
export const DEFAULT_REGION = 'eu-south-1';

export interface Target {
  stage: string;
  region: string;
}

export interface Step {
  /** What the step does, as the runner prints it. */
  title: string;
  command: string;
  args: string[];
}

/** A stage or region as AWS names them: the stack is `election-night-<stage>`. */
const NAME = /^[a-z0-9][a-z0-9-]{0,30}$/;

export class UsageError extends Error {}

/**
 * `--stage s --region r` (or `--stage=s`), nothing else: an unknown or misspelt option is an
 * error, not silently ignored. `requireStage` makes the stage mandatory (for a teardown).
 */
export function parseTarget(argv: string[], options: { requireStage?: boolean } = {}): Target | 'help' {
  const parsed = parseTargetAndFlags(argv, [], options);
  return parsed === 'help' ? parsed : parsed.target;
}

/**
 * As parseTarget, and the boolean options a script names besides (`--no-wait`): each is true
 * when given, false when not. Anything else is still refused.
 */
export function parseTargetAndFlags<Flag extends string>(
  argv: string[],
  flags: readonly Flag[],
  options: { requireStage?: boolean } = {},
): { target: Target; flags: Record<Flag, boolean> } | 'help' {
  let values: { stage?: string; region?: string; help?: boolean } & Partial<Record<string, string | boolean>>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        ...Object.fromEntries(flags.map((flag) => [flag, { type: 'boolean' as const }])),
        stage: { type: 'string' },
        region: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  if (options.requireStage && values.stage === undefined)
    throw new UsageError('name the stage to remove: --stage <stage>');
  const target = { stage: values.stage ?? DEFAULT_STAGE, region: values.region ?? DEFAULT_REGION };
  for (const [name, value] of Object.entries(target))
    if (!NAME.test(value)) throw new UsageError(`--${name} "${value}" is not a valid name`);
  const given = flags.map((flag) => [flag, values[flag] === true]);
  return { target, flags: Object.fromEntries(given) as Record<Flag, boolean> };
}

const serverlessBin = () =>
  createRequire(join(PROJECT_ROOT, 'package.json')).resolve('serverless/bin/serverless.js');

/** `serverless <command>` with the target's stage and region. */
const serverless = (command: string, { stage, region }: Target, extra: string[] = []): Step => ({
  title: `serverless ${command} --stage ${stage} --region ${region}`,
  command: process.execPath,
  args: [serverlessBin(), command, '--stage', stage, '--region', region, ...extra],
});

/** One of this folder's scripts, run as npm runs them. */
const script = (file: string, title: string, { stage, region }: Target): Step => ({
  title,
  command: process.execPath,
  args: ['--import', 'tsx', join(PROJECT_ROOT, 'infra', 'cli', file), '--stage', stage, '--region', region],
});

/** Deploy the stack, then build the site's assets and put them in its bucket. */
export const deployPlan = (target: Target): Step[] => [
  serverless('deploy', target),
  script('upload-site.ts', `upload the site to the stack's bucket (${target.region})`, target),
];

/**
 * Empty the site's bucket (CloudFormation deletes no bucket that has objects), then remove the
 * stack. The table is retained (its DeletionPolicy is Retain).
 */
export const removePlan = (target: Target): Step[] => [
  script('empty-site-bucket.ts', `empty the site bucket of election-night-${target.stage}`, target),
  serverless('remove', target),
];

/** The CloudFormation template and the functions' zips in .serverless/, without credentials. */
export const packagePlan = (target: Target): Step[] => [serverless('package', target)];

/** Runs the steps in order; the first that fails stops the plan, with its exit code. */
export function runPlan(steps: Step[], log: (line: string) => void = console.log): number {
  for (const [index, step] of steps.entries()) {
    log(`\n[${index + 1}/${steps.length}] ${step.title}`);
    const run = spawnSync(step.command, step.args, { cwd: PROJECT_ROOT, stdio: 'inherit' });
    const code = run.status ?? 1;
    if (run.error || code !== 0) {
      log(`\n${step.title}: failed${run.error ? ` (${run.error.message})` : ` with exit code ${code}`}`);
      return code || 1;
    }
  }
  return 0;
}

/** The entry point of deploy.ts, remove.ts and package.ts. */
export function main(
  usage: string,
  plan: (target: Target) => Step[],
  options: { requireStage?: boolean } = {},
): never {
  let target: Target | 'help';
  try {
    target = parseTarget(process.argv.slice(2), options);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\nusage: ${usage}`);
    process.exit(2);
  }
  if (target === 'help') {
    console.log(`usage: ${usage}`);
    process.exit(0);
  }
  process.exit(runPlan(plan(target)));
}
