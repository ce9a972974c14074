/**
 * `npm start` rebuilds the functions when their sources change, with chokidar as
 * serverless-esbuild runs it. The patterns of serverless.yml must reach every source the
 * functions are built from, and walk no other folder: not the data folder, where s3rver keeps a
 * night's thousands of published files (a watcher that walks them slowed the API to a crawl).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import chokidar from 'chokidar';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../infra/local/stack.js';

const template = parse(readFileSync(join(PROJECT_ROOT, 'serverless.yml'), 'utf8'), { logLevel: 'error' }) as {
  custom: { functionSources: string[]; esbuild: { watch: { pattern: string } } };
};
const SOURCE_FOLDERS = ['functions', 'shared'];

describe("npm start's rebuild on change", () => {
  it('given the watch of serverless.yml, then it names the function sources by default', () => {
    expect(template.custom.esbuild.watch.pattern).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: serverless.yml's own variable syntax
      '${env:ESBUILD_WATCH_PATTERN, self:custom.functionSources}',
    );
    expect(template.custom.functionSources.length).toBeGreaterThan(0);
  });

  it('given a data folder full of published files inside the repository, then the watcher walks only the source folders', async () => {
    // Prepare: a data folder in the tree, as `npm start`'s default `.data` is
    const data = mkdtempSync(join(PROJECT_ROOT, '.data-watch-test-'));
    try {
      for (let i = 0; i < 20; i++) {
        mkdirSync(join(data, 's3', 'results', `e${i}`), { recursive: true });
        writeFileSync(join(data, 's3', 'results', `e${i}`, 'section.ts'), 'not a source');
      }
      // Act
      const watcher = chokidar.watch(template.custom.functionSources, {
        cwd: PROJECT_ROOT,
        ignoreInitial: true,
      });
      await new Promise<void>((resolve) => watcher.on('ready', () => resolve()));
      const watched = watcher.getWatched();
      await watcher.close();
      // Assess
      const folders = Object.keys(watched).map((folder) =>
        relative(PROJECT_ROOT, join(PROJECT_ROOT, folder)),
      );
      const outside = folders.filter(
        (folder) =>
          folder !== '' &&
          !SOURCE_FOLDERS.some((root) => folder === root || folder.startsWith(`${root}${sep}`)),
      );
      expect(outside).toEqual([]);
      const files = Object.entries(watched).flatMap(([folder, names]) =>
        names.map((name) => join(folder, name)),
      );
      expect(files).toContain(join('functions', 'submit-results', 'handler.ts'));
      expect(files).toContain(join('shared', 'db', 'stream-filters.json'));
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });
});
