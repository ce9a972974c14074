import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { packageService } from '../package-service.js';
import type { PackagedTemplate } from './function-roles.js';

/** The files `serverless package` turns into the template's roles and functions. */
function templateInputs(root: string): string[] {
  const folder = (dir: string) =>
    existsSync(join(root, dir))
      ? readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
          .map((name) => join(root, dir, name))
          .filter((file) => /\.(ya?ml|json|cjs)$/.test(file))
      : [];
  return [
    join(root, 'serverless.yml'),
    join(root, 'package-lock.json'),
    ...folder('infra/cloudformation'),
    ...folder('infra/iam'),
  ].sort();
}

/**
 * The CloudFormation template `serverless package --stage <stage>` writes, the one AWS would
 * be given. Packaging takes seconds, so the template is kept under `.local/packaged/`, named by
 * a hash of everything it is made from: a change to serverless.yml or a fragment packages anew.
 */
export async function packagedTemplate(root: string, stage: string): Promise<PackagedTemplate> {
  const hash = createHash('sha256');
  for (const file of templateInputs(root))
    hash.update(relative(root, file)).update('\0').update(readFileSync(file));
  const cacheDir = join(root, '.local', 'packaged');
  const cached = join(cacheDir, `${stage}-${hash.digest('hex').slice(0, 16)}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as PackagedTemplate;

  const packageDir = mkdtempSync(join(tmpdir(), 'election-night-package-'));
  try {
    await packageService(root, packageDir, stage);
    const template = readFileSync(join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8');
    mkdirSync(cacheDir, { recursive: true });
    const partial = `${cached}.${process.pid}.tmp`;
    writeFileSync(partial, template);
    renameSync(partial, cached);
    return JSON.parse(template) as PackagedTemplate;
  } finally {
    rmSync(packageDir, { recursive: true, force: true });
  }
}
