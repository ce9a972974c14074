import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  deployPlan,
  packagePlan,
  parseTarget,
  removePlan,
  runPlan,
  type Step,
  type Target,
} from '../../infra/cli/deploy-plan.js';
import { PROJECT_ROOT } from '../../infra/local/stack.js';

/** The stage and region a step passes, wherever in its arguments they are. */
const targetOf = (step: Step) => ({
  stage: step.args[step.args.indexOf('--stage') + 1],
  region: step.args[step.args.indexOf('--region') + 1],
  stages: step.args.filter((a) => a === '--stage').length,
  regions: step.args.filter((a) => a === '--region').length,
});

const everyStepCarries = (steps: Step[], { stage, region }: Target) => {
  for (const step of steps)
    expect(targetOf(step), step.title).toEqual({ stage, region, stages: 1, regions: 1 });
};

describe('the stage and region of deploy, remove and package', () => {
  it('given no arguments, then deploy and package mean stage prod in eu-south-1', () => {
    expect(parseTarget([])).toEqual({ stage: 'prod', region: 'eu-south-1' });
  });

  it('given --stage and --region (either form), then every step of every plan carries both, once', () => {
    const target = parseTarget(['--stage', 'staging', '--region=eu-west-1']);
    expect(target).toEqual({ stage: 'staging', region: 'eu-west-1' });
    if (target === 'help') throw new Error('unexpected');
    for (const plan of [deployPlan, removePlan, packagePlan]) everyStepCarries(plan(target), target);
  });

  it('given a deploy, then it is serverless deploy, then the site upload to the same stack', () => {
    const steps = deployPlan({ stage: 'staging', region: 'eu-west-1' });
    expect(steps.map((s) => s.args.find((a) => /serverless\.js$|upload-site\.ts$/.test(a)))).toEqual([
      expect.stringMatching(/serverless\/bin\/serverless\.js$/),
      expect.stringMatching(/infra\/cli\/upload-site\.ts$/),
    ]);
    expect(steps[0]?.args).toContain('deploy');
    expect(steps[1]?.args.slice(0, 2)).toEqual(['--import', 'tsx']);
  });

  it('given a teardown, then it empties the bucket first, then serverless remove; and it needs the stage named', () => {
    const steps = removePlan({ stage: 'staging', region: 'eu-west-1' });
    expect(steps[0]?.args.some((a) => a.endsWith('infra/cli/empty-site-bucket.ts'))).toBe(true);
    expect(steps[1]?.args).toContain('remove');
    expect(() => parseTarget(['--region', 'eu-west-1'], { requireStage: true })).toThrow(/--stage/);
    expect(packagePlan({ stage: 'ci', region: 'eu-south-1' })[0]?.args).toContain('package');
  });

  it('given a misspelt option, a stray argument or an odd name, then it refuses rather than deploy elsewhere', () => {
    expect(() => parseTarget(['--regoin', 'eu-west-1'])).toThrow(/regoin/);
    expect(() => parseTarget(['staging'])).toThrow();
    expect(() => parseTarget(['--stage', 'Prod!'])).toThrow(/not a valid name/);
    expect(() => parseTarget(['--region', ''])).toThrow(/not a valid name/);
    expect(parseTarget(['--help'])).toBe('help');
  });

  it('given the npm scripts, then each runs its plan, with no stage or region of its own to be overridden', () => {
    const { scripts } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
    expect(scripts.deploy).toBe('node --import tsx infra/cli/deploy.ts');
    expect(scripts.remove).toBe('node --import tsx infra/cli/remove.ts');
    expect(scripts.package).toBe('node --import tsx infra/cli/package.ts');
  });

  it('given the scripts run with a bad option or no stage to remove, then they exit 2 with their usage, touching nothing', () => {
    for (const [script, args] of [
      ['deploy.ts', ['--regoin', 'eu-west-1']],
      ['remove.ts', []],
      ['package.ts', ['extra']],
      ['empty-site-bucket.ts', ['--region', 'eu-west-1']],
    ] as const) {
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', join(PROJECT_ROOT, 'infra/cli', script), ...args],
        {
          cwd: PROJECT_ROOT,
          encoding: 'utf8',
        },
      );
      expect(run.status, script).toBe(2);
      expect(run.stderr, script).toContain('usage: ');
    }
  }, 30_000);
});

describe('running a plan', () => {
  it('runs the steps in order and stops at the first that fails, with its exit code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-'));
    const step = (title: string, code: string): Step => ({
      title,
      command: process.execPath,
      args: ['-e', code],
    });
    try {
      const lines: string[] = [];
      const code = runPlan(
        [
          step('first', `require('fs').writeFileSync(${JSON.stringify(join(dir, 'first'))}, '')`),
          step('second', 'process.exit(3)'),
          step('third', `require('fs').writeFileSync(${JSON.stringify(join(dir, 'third'))}, '')`),
        ],
        (line) => lines.push(line),
      );
      expect(code).toBe(3);
      expect(existsSync(join(dir, 'first'))).toBe(true);
      expect(existsSync(join(dir, 'third'))).toBe(false);
      expect(lines.join('\n')).toContain('second: failed with exit code 3');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
