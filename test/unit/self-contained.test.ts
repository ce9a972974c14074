/**
 * The repository stands alone: a clone with nothing beside it passes its tests, and nothing in
 * it sends a reader or a program to a file outside it. And docs/interface.md stays true of the
 * code: every route serverless.yml routes, who may call it, and every error code with its status.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import * as errors from '../../shared/errors.js';
import { errorResponse, statusOf } from '../../shared/http/error-response.js';
import { logger } from '../../shared/logger.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const at = (path: string) => `${ROOT}${path}`;

/** Every file git knows of, committed or about to be (not the ignored ones), that still exists. */
const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
  cwd: ROOT,
  encoding: 'utf8',
})
  .split('\0')
  .filter((path) => path !== '' && existsSync(at(path)) && statSync(at(path)).isFile());
const tracked = new Set(files);
const basenames = new Set(files.map((path) => posix.basename(path)));

/** This file, whose own examples of what is refused are checked by the third test below. */
const SELF = 'test/unit/self-contained.test.ts';

/** Text files only (a NUL byte means binary), this one aside. */
const texts = files.flatMap((path) => {
  if (path === SELF) return [];
  const bytes = readFileSync(at(path));
  return bytes.includes(0) ? [] : [{ path, text: bytes.toString('utf8') }];
});

/**
 * What may name a path outside the repository, each with its reason. A rule that no longer
 * matches anything fails too, so this list never keeps a stale exception.
 */
const ALLOWED: { path: string; text: string; why: string }[] = [
  { path: '.ci/run', text: '/usr/bin/env', why: 'the shebang: the system’s env, on every machine' },
  { path: 'infra/ci/lint-template.sh', text: '/usr/bin/env', why: 'the shebang' },
  {
    path: 'test/helpers/browser.ts',
    text: '/usr/bin/chromium',
    why: 'where Debian’s chromium package installs the browser (a prerequisite; CHROMIUM_PATH overrides it)',
  },
  { path: 'docs/interface.md', text: '/usr/bin/chromium', why: 'says that default' },
];

interface Finding {
  path: string;
  line: number;
  text: string;
  problem: string;
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** A path inside the repository, from its root, or undefined when it leads out of it. */
function inside(path: string): string | undefined {
  const normal = posix.normalize(path);
  return normal === '..' || normal.startsWith('../') ? undefined : normal.replace(/\/$/, '');
}

/** True when the repository has that file or folder (an import's `.js` is its `.ts` source). */
function exists(path: string): boolean {
  if (path === '.' || path === '') return true;
  const candidates = [path, path.replace(/\.js$/, '.ts'), path.replace(/\.mjs$/, '.mts')];
  return candidates.some((c) => tracked.has(c) || files.some((f) => f.startsWith(`${c}/`)));
}

/** Paths of the machine: its home folders, temporary folders, mounts, system folders. */
const MACHINE_PATH =
  /(?<![\w.~:/-])\/(?:work|home|Users|tmp|root|mnt|media|opt|srv|var|etc|usr|private|Volumes)\/[^\s'"`)\]]*/g;
const WINDOWS_PATH = /\b[A-Za-z]:\\(?:Users|Windows|work)\b[^\s'"`]*/g;

/** A relative path that climbs: `../x`, `../../x/y.js`. */
const CLIMBING_PATH = /(?<![\w.~-])((?:\.\.\/)+\.{0,2})([^\s'"`()<>[\]{},;*|\\]*)/g;

/** `join(...)` or `resolve(...)`, with up to two levels of parentheses inside (`dirname(fileURLToPath(...))`). */
const PATH_CALL = /\b(?:join|resolve)\(((?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\)/g;

/** A Markdown file named in the text: `README.md`, `docs/interface.md`. */
const MARKDOWN_NAME = /(?<![\w/.-])((?:[\w.-]+\/)*[\w-]+\.md)\b/g;

/** The top-level arguments of a call's argument text. */
function argumentsOf(text: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of text) {
    if (c === '(' || c === '[' || c === '{') depth++;
    if (c === ')' || c === ']' || c === '}') depth--;
    if (c === ',' && depth === 0) {
      args.push(current.trim());
      current = '';
    } else current += c;
  }
  if (current.trim()) args.push(current.trim());
  return args;
}

const literal = (arg: string) => /^(['"])([^'"]*)\1$/.exec(arg)?.[2];

/** Where a call's first argument points, from the root, or undefined when it cannot be told. */
function baseOf(arg: string, file: { path: string; text: string }): string | undefined {
  const here = posix.dirname(file.path);
  if (/import\.meta\.(url|dirname)/.test(arg)) return here;
  if (arg === 'PROJECT_ROOT' || arg === 'ROOT') return '.';
  if (/^[A-Za-z_$][\w$]*$/.test(arg)) {
    const definition = new RegExp(`(?:const|let)\\s+${arg}\\s*=\\s*([^;]*)`).exec(file.text)?.[1];
    if (definition && /import\.meta\.(url|dirname)/.test(definition) && !/['"]\.\.['"]/.test(definition))
      return here;
  }
  return undefined;
}

function findingsIn(file: { path: string; text: string }): Finding[] {
  const found: Finding[] = [];
  const add = (index: number, text: string, problem: string) =>
    found.push({ path: file.path, line: lineOf(file.text, index), text, problem });
  const here = posix.dirname(file.path);

  for (const pattern of [MACHINE_PATH, WINDOWS_PATH])
    for (const match of file.text.matchAll(pattern)) add(match.index, match[0], 'a path of one machine');

  for (const match of file.text.matchAll(CLIMBING_PATH)) {
    const path = `${match[1]}${match[2]}`;
    if (path.includes('${')) continue;
    const target = inside(posix.join(here, path));
    if (target === undefined) add(match.index, path, `leads out of the repository (from ${here}/)`);
    else if (!exists(target))
      add(match.index, path, `points at ${target}, which the repository does not have`);
  }

  for (const match of file.text.matchAll(PATH_CALL)) {
    const args = argumentsOf(match[1] ?? '');
    const climbs = args.filter((a) => literal(a) === '..').length;
    if (climbs === 0) continue;
    const base = baseOf(args[0] ?? '', file);
    if (base === undefined) {
      add(match.index, match[0], 'climbs with ".." from a folder this test cannot tell: say where it leads');
      continue;
    }
    const parts = args.slice(1).map(literal);
    const target = inside(posix.join(base, ...parts.map((p) => p ?? '')));
    if (target === undefined) add(match.index, match[0], 'leads out of the repository');
    else if (parts.every((p) => p !== undefined) && !exists(target))
      add(match.index, match[0], `points at ${target}, which the repository does not have`);
  }

  for (const match of file.text.matchAll(MARKDOWN_NAME)) {
    const name = match[1] ?? '';
    const target = inside(posix.join(here, name));
    if (tracked.has(name) || (target && tracked.has(target)) || basenames.has(posix.basename(name))) continue;
    add(match.index, name, 'names a document the repository does not have');
  }
  return found;
}

const isAllowed = (f: Finding) => ALLOWED.some((a) => a.path === f.path && f.text.startsWith(a.text));

describe('the repository alone', () => {
  const findings = texts.flatMap(findingsIn);

  it('given every file git tracks, then none names a path outside the repository or a document it lacks', () => {
    const refused = findings.filter((f) => !isAllowed(f));
    expect(refused.map((f) => `${f.path}:${f.line}: ${f.text} (${f.problem})`)).toEqual([]);
  });

  it('given the allowed exceptions, then each is still needed (a stale one is removed)', () => {
    const unused = ALLOWED.filter(
      (a) => !findings.some((f) => f.path === a.path && f.text.startsWith(a.text)),
    );
    expect(unused).toEqual([]);
  });

  it('given the scan, then it sees the repository’s own text files and tells a climb out from a climb within', () => {
    expect(texts.map((t) => t.path)).toEqual(expect.arrayContaining(['README.md', 'serverless.yml']));
    const probe = (path: string, text: string) => findingsIn({ path, text }).map((f) => f.problem);
    expect(probe('test/helpers/x.ts', "join(PROJECT_ROOT, '..', 'shared', 'schemas')")).toEqual([
      'leads out of the repository',
    ]);
    expect(probe('README.md', 'see `../shared/CONTRACT.md`')).toEqual([
      'leads out of the repository (from ./)',
      'names a document the repository does not have',
    ]);
    expect(probe('test/unit/x.ts', "readFileSync('../shared/schemas/x.json')")).toEqual([
      'points at test/shared/schemas/x.json, which the repository does not have',
    ]);
    expect(probe('README.md', 'cp /work/shared/x .')).toEqual(['a path of one machine']);
    expect(probe('functions/a/handler.ts', "import { api } from '../../shared/http/api.js';")).toEqual([]);
    expect(
      probe('infra/local/x.ts', "join(dirname(fileURLToPath(import.meta.url)), '..', 'cloudformation')"),
    ).toEqual([]);
  });
});

describe('docs/interface.md against the code', () => {
  const doc = readFileSync(at('docs/interface.md'), 'utf8');
  const lines = doc.split('\n');

  /** The httpApi events of serverless.yml: each route and the handler file it runs. */
  const template = parse(readFileSync(at('serverless.yml'), 'utf8'), { logLevel: 'error' }) as {
    functions: Record<string, { handler: string; events?: { httpApi?: unknown }[] }>;
  };
  const routes = Object.entries(template.functions).flatMap(([name, fn]) =>
    (fn.events ?? [])
      .map((event) => event.httpApi)
      .filter((route) => route !== undefined)
      .map((route) => ({ name, route, file: `${fn.handler.replace(/\.[^.]+$/, '')}.ts` })),
  );
  /** How the docs' "who" column words each access rule of shared/http/api.ts. */
  const WHO: Record<string, string> = {
    'staff:viewer': 'viewer',
    'staff:clerk': 'clerk',
    'staff:supervisor': 'supervisor',
    'staff:admin': 'admin',
    'staff:viewer+officer': 'officer or viewer',
    'section-officer': 'officer',
    'own-session': 'staff session',
    'password-change': 'staff session',
    'signed-in': 'any token',
    public: 'anyone',
  };
  /** A handler's access rule as a WHO key: `'public'`, or `{ staff: 'clerk', orOwnSection: true }` as staff:clerk+officer. */
  const accessOf = (source: string) => {
    const named = /access: '([a-z-]+)'/.exec(source)?.[1];
    if (named) return named;
    const staff = /access: \{ staff: '([a-z]+)'([^}]*)\}/.exec(source);
    return staff ? `staff:${staff[1]}${staff[2]?.includes('orOwnSection: true') ? '+officer' : ''}` : '';
  };
  const rowOf = (route: string) => lines.find((line) => line.startsWith(`| \`${route}\` |`));

  it('given every route of serverless.yml, then its row says who may call it, as its handler’s access rule does', () => {
    expect(routes.length).toBeGreaterThan(10);
    const wrong = routes.flatMap(({ name, route, file }) => {
      if (route === '*') {
        const row = lines.find((line) => line.includes('`$default`') && line.includes('ROUTE_NOT_FOUND'));
        return row ? [] : [`${name}: the $default route (ROUTE_NOT_FOUND) has no row`];
      }
      const { method, path } = route as { method: string; path: string };
      const row = rowOf(`${method} ${path}`);
      if (!row) return [`${name}: no row for ${method} ${path}`];
      const access = accessOf(readFileSync(at(file), 'utf8'));
      const who = row.split('|')[2]?.trim();
      return who === WHO[access] ? [] : [`${name}: the row says "${who}", the handler's access is ${access}`];
    });
    expect(wrong).toEqual([]);
  });

  it('given the routes the document lists, then serverless.yml routes every one of them', () => {
    const routed = new Set(
      routes.flatMap(({ route }) =>
        route === '*' ? [] : [`${(route as { method: string }).method} ${(route as { path: string }).path}`],
      ),
    );
    const listed = lines.flatMap(
      (line) => /^\| `((?:GET|PUT|POST|PATCH|DELETE) \/v1\/[^`]*)` \|/.exec(line)?.[1] ?? [],
    );
    expect(listed.filter((route) => !routed.has(route))).toEqual([]);
    expect(listed.length).toBe(routed.size);
  });

  it('given every error of shared/errors.ts and the unexpected failure, then the Errors table has its code and status', () => {
    /** Every concrete error class (RateLimitedError's second argument is its Retry-After). */
    type ErrorClass = new (message: string, retryAfterSeconds: number) => errors.AppError;
    const classes = (Object.values(errors) as unknown[]).filter(
      (value): value is ErrorClass =>
        typeof value === 'function' && value.prototype instanceof errors.AppError,
    );
    // Anything else is the unexpected failure, logged; the log is not this test's business.
    const quiet = vi.spyOn(logger, 'error').mockImplementation(() => {});
    const internal = JSON.parse(String(errorResponse(new Error('not an AppError')).body)).error.code;
    quiet.mockRestore();
    const expected = new Map<string, number>([
      ...classes.map((type) => {
        const error = new type('message', 1);
        return [error.code, statusOf(error)] as [string, number];
      }),
      [internal, 500],
    ]);
    expect(expected.size).toBeGreaterThan(10);
    const table = new Map(
      lines.flatMap((line) => {
        const match = /^\| `([A-Z_]+)` \| (\d{3}) \|/.exec(line);
        return match ? [[match[1] ?? '', Number(match[2])] as [string, number]] : [];
      }),
    );
    expect(Object.fromEntries(table)).toEqual(Object.fromEntries(expected));
  });
});
