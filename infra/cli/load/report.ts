import type { Result } from 'autocannon';
import type { Delivery, FirstPass } from './delivery.js';
import type { PipelineReport } from './pipeline.js';

/** Everything a load run measured, from the load itself to the reconciliation. */
export interface LoadRun {
  sections: number;
  submissions: number;
  connections: number;
  load: Result;
  firstPass: FirstPass;
  outOfOrder: number;
  outbox: { submissions: number; requests: number; ms: number };
  delivery: Delivery;
  pipeline: PipelineReport;
  memory: { command: string; peakMiB: number }[];
}

const SHOWN = 10;

/** Clean: every submission stored once at version 1 and accepted, every count right, no difference. */
export function passed(run: LoadRun): boolean {
  const { delivery, pipeline } = run;
  return (
    delivery.notStored.length === 0 &&
    delivery.refused.length === 0 &&
    delivery.versionProblems.length === 0 &&
    delivery.resendsSameVersion === delivery.resends &&
    Object.keys(delivery.states).every((state) => state === 'accepted') &&
    pipeline.counts.every((c) => c.found === c.expected) &&
    pipeline.reconcile.differences.length === 0 &&
    pipeline.audit.problems.length === 0
  );
}

export function reportLines(run: LoadRun): string[] {
  const { load, delivery, pipeline } = run;
  const answers = load.requests.total ?? 0;
  const counts = (tally: Record<string, number>) =>
    Object.entries(tally)
      .sort(([, a], [, b]) => b - a)
      .map(([key, count]) => `${key} × ${count}`);
  const received = Object.fromEntries(
    Object.entries(load.statusCodeStats).map(([status, { count }]) => [status, count]),
  );
  const lambdaFailures = Object.values(run.firstPass.lambdaFailures).reduce((a, b) => a + b, 0);
  const stored = Object.entries(delivery.states)
    .map(([state, count]) => `${count} ${state}`)
    .join(', ');
  return [
    `sections: ${run.sections}; submissions: ${run.submissions} (4 turnout readings and a count per section, ${delivery.resends} identical re-sends of a count); ${run.connections} connections`,
    `load: ${answers} answers in ${load.duration.toFixed(1)} s: ${(answers / load.duration).toFixed(0)} requests/s (per-second samples: mean ${load.requests.mean}, max ${load.requests.max})`,
    `latency: p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms, max ${load.latency.max} ms`,
    `answers by status: ${counts(run.firstPass.byStatus).join(', ')} (none: no answer in time)`,
    `  as received: ${counts(received).join(', ')}; autocannon's errors ${load.errors}, timeouts ${load.timeouts}`,
    `Lambda failures (serverless-offline answers them 200; counted above as the 5xx they stand for): ${lambdaFailures}`,
    ...counts(run.firstPass.lambdaFailures)
      .slice(0, 3)
      .map((line) => `  ${line}`),
    `sent ahead of their section's previous submission: ${run.outOfOrder}`,
    `outbox: ${run.outbox.submissions} submissions sent again in ${run.outbox.requests} requests, ${(run.outbox.ms / 1000).toFixed(1)} s; not stored in the end: ${delivery.notStored.length}`,
    `refused (4xx other than 409 CONCURRENT_WRITE and 429): ${delivery.refused.length}`,
    ...delivery.refused
      .slice(0, SHOWN)
      .map((s) => `  section ${s.sectionId} ${s.what}: ${s.answer?.status} ${s.answer?.code ?? ''}`),
    `stored: ${stored}; re-sends answered with their count's version: ${delivery.resendsSameVersion} of ${delivery.resends}`,
    `items at a version other than 1: ${delivery.versionProblems.length}`,
    ...delivery.versionProblems.slice(0, SHOWN).map((line) => `  ${line}`),
    `pipeline caught up ${(pipeline.caughtUpMs / 1000).toFixed(1)} s after the outbox:`,
    ...pipeline.counts.map(
      (c) => `  ${c.what}: ${c.found} of ${c.expected}${c.found === c.expected ? '' : '  DIFFERENT'}`,
    ),
    ...run.memory.map((p) => `peak memory: ${p.peakMiB} MiB  ${p.command}`),
    `reconcile: ${pipeline.reconcile.differences.length} differences`,
    ...pipeline.reconcile.differences
      .slice(0, 2 * SHOWN)
      .map((d) => `  ${d.where}: ${d.counter} expected ${d.expected}, found ${d.actual}`),
    `audit trail: ${pipeline.audit.entries} entries for ${pipeline.audit.records} records, head ${pipeline.audit.head?.seq ?? 'none'}, ${pipeline.audit.problems.length} problems`,
    ...pipeline.audit.problems.slice(0, SHOWN).map((p) => `  ${p.where}: ${p.problem}`),
  ];
}
