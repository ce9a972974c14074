/**
 * `npm run load [-- --sections 1000 --connections 16 --timeout 30 --duration 240]`
 *
 * A load test of the HTTP API as the officers' phones use it. On a fresh local stack (everything
 * on 127.0.0.1), staff define a generated election through the API and issue one officer token
 * per section; then every section submits at once through autocannon: its four turnout readings
 * and its count, in order, every 10th count re-sent identically as a phone that lost the answer
 * would. What got no stored answer (no answer at all, a 5xx, a write race, a rate limit) is then
 * sent again as the officer app's outbox does, with back-off. It prints the throughput, the
 * latency, the answers by status and the retries, then waits for the stream consumers and
 * reconciles: every section counted once, nothing lost, nothing counted twice. Exits 1 otherwise.
 *
 * The defaults fit a two-core machine in under three minutes: the local API saturates at 45 to 50
 * requests/s from 8 connections on, and past 16 more connections only add queueing and, at 64,
 * cold-start storms of serverless-offline's workers that end in Lambda timeouts (BENCHMARKS.md).
 */
import { parseArgs } from 'node:util';
import { generateToken } from '../../shared/domain/tokens.js';
import { startEphemeralStack } from '../local/stack.js';
import { peakMemoryMiB } from './bench/measure.js';
import { nationalElection } from './bench/national-election.js';
import { deliveryOf, firstPassOf } from './load/delivery.js';
import { drive } from './load/drive.js';
import { drainOutbox } from './load/outbox.js';
import { type LoadRun, passed, reportLines } from './load/report.js';
import { Schedule } from './load/schedule.js';
import { defineWithOfficers } from './load/staff-api.js';
import { sectionSubmissions } from './load/submissions.js';
import { useStackEnvironment } from './local-environment.js';

const { values } = parseArgs({
  options: {
    sections: { type: 'string', default: '1000' },
    connections: { type: 'string', default: '16' },
    timeout: { type: 'string', default: '30' },
    duration: { type: 'string', default: '240' },
  },
});
const [sectionCount, connections, timeoutSeconds, durationSeconds] = [
  values.sections,
  values.connections,
  values.timeout,
  values.duration,
].map(Number) as [number, number, number, number];
if (
  ![sectionCount, connections, timeoutSeconds, durationSeconds].every((n) => Number.isInteger(n) && n > 0)
) {
  console.error(
    'usage: npm run load [-- --sections N --connections C --timeout s --duration s] (positive integers)',
  );
  process.exit(2);
}
/** How long the outbox may keep retrying, and the stream consumers may take to catch up. */
const OUTBOX_SECONDS = 120;
const CATCH_UP_SECONDS = 120;

const log = (line: string) => console.log(`[load] ${line}`);
const seconds = (ms: number) => (ms / 1000).toFixed(1);

// Until the stack is up, a signal ends this process; its exit handler kills every child started so far.
const abortStart = (signal: string) => {
  log(`${signal} while starting: stopping`);
  process.exit(130);
};
process.once('SIGINT', abortStart);
process.once('SIGTERM', abortStart);
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
let started = Date.now();
// A staff token of its own, so the run neither needs nor touches the one `npm start` keeps in .local/.
const stack = await startEphemeralStack({ apiOutput: 'capture', log, adminToken: generateToken() });
process.off('SIGINT', abortStart);
process.off('SIGTERM', abortStart);
const interrupted = (signal: string) => {
  log(`${signal}: stopping the stack`);
  void stack.stop().finally(() => process.exit(130));
};
process.once('SIGINT', interrupted);
process.once('SIGTERM', interrupted);
try {
  log(`stack up in ${seconds(Date.now() - started)} s`);
  useStackEnvironment(stack);
  const { awaitPipeline } = await import('./load/pipeline.js');

  const election = nationalElection(`load-${sectionCount}`, sectionCount);
  started = Date.now();
  const tokens = await defineWithOfficers(stack.apiUrl, stack.adminToken, election);
  log(
    `defined ${sectionCount} sections and issued their officer tokens in ${seconds(Date.now() - started)} s`,
  );
  const sections = election.sections.map((section, index) => {
    const token = tokens[section.id];
    if (!token) throw new Error(`no officer token was issued for section ${section.id}`);
    return sectionSubmissions(election, index, token);
  });
  const schedule = new Schedule(sections, timeoutSeconds * 1000);

  log(`${schedule.total} submissions over ${connections} connections`);
  const load = await drive(schedule, {
    apiUrl: stack.apiUrl,
    connections,
    timeoutSeconds,
    deadlineSeconds: durationSeconds,
  });
  const firstPass = firstPassOf(sections);
  started = Date.now();
  const outbox = await drainOutbox(sections, {
    apiUrl: stack.apiUrl,
    concurrency: connections,
    timeoutSeconds,
    deadline: Date.now() + OUTBOX_SECONDS * 1000,
  });
  const outboxMs = Date.now() - started;
  log('waiting for the stream consumers, then reconciling');
  const pipeline = await awaitPipeline(election, Date.now() + CATCH_UP_SECONDS * 1000);

  const run: LoadRun = {
    sections: sectionCount,
    submissions: schedule.total,
    connections,
    load,
    firstPass,
    outOfOrder: schedule.outOfOrder,
    outbox: { ...outbox, ms: outboxMs },
    delivery: deliveryOf(sections),
    pipeline,
    memory: peakMemoryMiB(process.pid).filter((p) => !/^(bash|cat)\b/.test(p.command)),
  };
  console.log(`\n${reportLines(run).join('\n')}\n`);
  process.exitCode = passed(run) ? 0 : 1;
} finally {
  process.off('SIGINT', interrupted);
  process.off('SIGTERM', interrupted);
  await stack.stop();
}
