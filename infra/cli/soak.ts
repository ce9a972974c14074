/**
 * `npm run soak [-- --minutes 30 --sections 1000 --connections 16 --data .data/soak]`
 *
 * Whether `npm start` holds a whole election night, and the next: on `npm start`'s own
 * configuration (a data folder inside the repository, `.data/soak`, and the rebuild-on-change
 * watch on), it plays night after night of generated elections through the HTTP API as the load
 * test does (`npm run load`: every section's four turnout readings and count, every 10th count
 * sent twice, what got no stored answer sent again by an outbox) until the minutes are up. Per
 * window of 5 minutes it prints requests/s, p50 and p99 latency, errors, and the resident memory
 * of serverless-offline, DynamoDB Local and this process (which runs s3rver and the load). Then
 * it waits for the stream consumers, reconciles and verifies every night's election, and exits 1
 * if any submission was lost or counted twice.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateToken } from '../../shared/domain/tokens.js';
import { freePort } from '../local/ports.js';
import { PROJECT_ROOT, startStack } from '../local/stack.js';
import { residentMemoryMiB } from './bench/measure.js';
import { nationalElection } from './bench/national-election.js';
import { deliveryOf } from './load/delivery.js';
import { drive } from './load/drive.js';
import { drainOutbox } from './load/outbox.js';
import { Schedule } from './load/schedule.js';
import { defineWithOfficers } from './load/staff-api.js';
import { type Submission, sectionSubmissions } from './load/submissions.js';
import { useStackEnvironment } from './local-environment.js';
import { SoakWindows, soakVerdicts } from './soak/windows.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    sections: { type: 'string', default: '1000' },
    connections: { type: 'string', default: '16' },
    'window-minutes': { type: 'string', default: '5' },
    /** The data folder, from the repository's root (or absolute): inside it by default, as `npm start`'s. */
    data: { type: 'string', default: join('.data', 'soak') },
  },
});
const [minutes, sectionCount, connections, windowMinutes] = [
  values.minutes,
  values.sections,
  values.connections,
  values['window-minutes'],
].map(Number) as [number, number, number, number];
if (![minutes, sectionCount, connections, windowMinutes].every((n) => Number.isFinite(n) && n > 0)) {
  console.error(
    'usage: npm run soak [-- --minutes M --sections N --connections C --window-minutes W] (positive numbers)',
  );
  process.exit(2);
}
const TIMEOUT_SECONDS = 30;
const OUTBOX_SECONDS = 120;
const CATCH_UP_SECONDS = 300;
const log = (line: string) => console.log(`[soak] ${line}`);

/** Inside the repository, where `npm start` keeps its own `.data`: the layout the watch must survive. */
const dataDir = resolve(PROJECT_ROOT, values.data);
// The folder is the soak's own, emptied first and removed at the end: never someone's data.
const MARKER = '.soak-data';
if (existsSync(dataDir) && readdirSync(dataDir).length > 0 && !existsSync(join(dataDir, MARKER))) {
  console.error(`${dataDir} holds data that is not a soak's: name an empty or new folder`);
  process.exit(2);
}
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
writeFileSync(join(dataDir, MARKER), 'a folder of npm run soak, removed when it ends\n');
// Its own build folder, so a running `npm start` keeps its own.
const buildDir = join(PROJECT_ROOT, '.data', 'soak-build');
process.env.ESBUILD_WORK_FOLDER = '.data/soak-build';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const stack = await startStack({
  apiPort: await freePort(),
  sitePort: await freePort(),
  dynamodbPort: await freePort(),
  s3Port: await freePort(),
  lambdaPort: await freePort(),
  dataDir,
  adminToken: generateToken(),
  apiOutput: 'capture',
  log,
});
const interrupted = (signal: string) => {
  log(`${signal}: stopping the stack`);
  void stack.stop().finally(() => process.exit(130));
};
process.once('SIGINT', interrupted);
process.once('SIGTERM', interrupted);

/** Resident memory of the three long-lived parts, by a short name. */
function memoryNow(): Record<string, number> {
  const byName: Record<string, number> = {};
  for (const { pid, command, residentMiB } of residentMemoryMiB(process.pid)) {
    const name =
      pid === process.pid
        ? 'this process (s3rver, the load)'
        : /serverless\.js offline/.test(command)
          ? 'serverless-offline'
          : /^java /.test(command)
            ? 'DynamoDB Local'
            : undefined;
    if (name) byName[name] = (byName[name] ?? 0) + residentMiB;
  }
  return byName;
}

try {
  useStackEnvironment(stack);
  const { awaitPipeline } = await import('./load/pipeline.js');
  const startedAt = Date.now();
  const endsAt = startedAt + minutes * 60_000;
  const windows = new SoakWindows(startedAt, windowMinutes * 60_000);
  const sampler = setInterval(() => windows.sampleMemory(Date.now(), memoryNow()), 10_000);
  const nights: { election: ReturnType<typeof nationalElection>; sections: Submission[][] }[] = [];
  try {
    for (let night = 1; Date.now() < endsAt; night++) {
      const election = nationalElection(`soak-${night}`, sectionCount);
      const tokens = await defineWithOfficers(stack.apiUrl, stack.adminToken, election);
      const sections = election.sections.map((section, index) =>
        sectionSubmissions(election, index, tokens[section.id] ?? ''),
      );
      const schedule = new Schedule(sections, TIMEOUT_SECONDS * 1000);
      const load = await drive(schedule, {
        apiUrl: stack.apiUrl,
        connections,
        timeoutSeconds: TIMEOUT_SECONDS,
        deadlineSeconds: Math.max(60, (endsAt - Date.now()) / 1000 + 600),
        onAnswer: (status, ms) => windows.answer(Date.now(), status, ms),
      });
      await drainOutbox(sections, {
        apiUrl: stack.apiUrl,
        concurrency: connections,
        timeoutSeconds: TIMEOUT_SECONDS,
        deadline: Date.now() + OUTBOX_SECONDS * 1000,
      });
      nights.push({ election, sections });
      log(
        `night ${night}: ${schedule.total} submissions, ${((load.requests.total ?? 0) / load.duration).toFixed(1)} requests/s, ${((Date.now() - startedAt) / 60_000).toFixed(1)} minutes in`,
      );
    }
  } finally {
    clearInterval(sampler);
  }
  const endedAt = Date.now();
  windows.sampleMemory(endedAt - 1, memoryNow());

  const figures = windows.figures(endedAt);
  const names = Object.keys(figures.at(-1)?.memoryMiB ?? {});
  console.log(
    `\n${sectionCount} sections a night, ${connections} connections, ${nights.length} nights in ${((endedAt - startedAt) / 60_000).toFixed(1)} minutes; data in ${dataDir}, watch on\n`,
  );
  console.log(
    `| minutes | requests | requests/s | p50 ms | p99 ms | errors | ${names.map((n) => `${n} MiB`).join(' | ')} |`,
  );
  console.log(`| --- | --- | --- | --- | --- | --- | ${names.map(() => '---').join(' | ')} |`);
  for (const w of figures)
    console.log(
      `| ${w.fromMinute.toFixed(0)}-${w.toMinute.toFixed(0)} | ${w.requests} | ${w.perSecond.toFixed(1)} | ${Math.round(w.p50Ms)} | ${Math.round(w.p99Ms)} | ${w.errors} | ${names.map((n) => w.memoryMiB[n] ?? '').join(' | ')} |`,
    );
  console.log(`\n${soakVerdicts(figures).join('\n')}`);

  log('waiting for the stream consumers, then reconciling and verifying every night');
  let lost = 0;
  for (const { election, sections } of nights) {
    const delivery = deliveryOf(sections);
    const pipeline = await awaitPipeline(election, Date.now() + CATCH_UP_SECONDS * 1000);
    const wrong = pipeline.counts.filter((c) => c.found !== c.expected);
    const problems =
      delivery.notStored.length +
      delivery.refused.length +
      delivery.versionProblems.length +
      wrong.length +
      pipeline.reconcile.differences.length +
      pipeline.audit.problems.length;
    lost += problems;
    console.log(
      `${election.id}: ${delivery.notStored.length} not stored, ${delivery.refused.length} refused, ${delivery.versionProblems.length} stored twice; ${wrong.map((c) => `${c.what} ${c.found}/${c.expected}`).join(', ') || 'every count right'}; reconcile ${pipeline.reconcile.differences.length} differences; audit ${pipeline.audit.problems.length} problems`,
    );
  }
  console.log(lost === 0 ? '\nnothing lost, nothing counted twice' : `\n${lost} problems`);
  process.exitCode = lost === 0 ? 0 : 1;
} finally {
  process.off('SIGINT', interrupted);
  process.off('SIGTERM', interrupted);
  await stack.stop();
  for (const folder of [dataDir, buildDir]) rmSync(folder, { recursive: true, force: true });
}
