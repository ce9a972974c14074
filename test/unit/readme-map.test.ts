/** The README's map of the folders equals the tree: a folder added or renamed must be placed on it. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync('README.md', 'utf8');
const layout = readme.slice(readme.indexOf('## Layout'), readme.indexOf('## Access patterns'));
const folders = [
  ...new Set(
    execFileSync('git', ['ls-files'], { encoding: 'utf8' })
      .split('\n')
      .map((file) => file.split('/'))
      // Rooms and their folders (functions/<name> are listed by kind, not one by one).
      .filter((parts) => ['shared', 'site', 'infra', 'test', 'docs', 'events'].includes(parts[0] ?? ''))
      .flatMap((parts) => (parts.length > 2 ? [`${parts[0]}/${parts[1]}/`] : []))
      .filter((folder) => !folder.startsWith('infra/cli/') || folder === 'infra/cli/'),
  ),
];

describe('the README’s map', () => {
  it('names every folder of shared/, site/, infra/, test/, docs/ and events/', () => {
    const missing = folders.filter((folder) => {
      const [room, name] = folder.split('/');
      return (
        !layout.includes(folder) && !layout.includes(`\`${name}/\``) && !layout.includes(`${room}/${name}`)
      );
    });
    expect(missing).toEqual([]);
  });

  it('names no folder the tree does not have', () => {
    const named = [...layout.matchAll(/`((?:shared|site|infra|test|docs|events)\/[a-z-]+\/)/g)].map(
      (m) => m[1],
    );
    const existing = new Set(execFileSync('git', ['ls-files'], { encoding: 'utf8' }).split('\n'));
    const absent = named.filter((folder) => ![...existing].some((file) => file.startsWith(folder ?? '')));
    expect(absent).toEqual([]);
  });
});
