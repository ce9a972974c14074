/**
 * `npm run bench [-- --sections 61550 --concurrency 24] [--page-only] [--bundles-only] [--bulk [--city 2600]] [--overview-only]`
 *
 * `--overview-only` weighs the staff overview of `--sections` counted sections against Lambda's
 * answer limit (overview-size.ts), without a stack.
 *
 * `--bulk` measures the bulk operations alone (bulk.ts), on a stack of their own: Rome's sections
 * (`--city`) defined, their codes issued and revoked in one request each, their overview; Italy's
 * (`--sections`) defined gzipped, and their codes issued and revoked by jobs.
 *
 * First the Lambda bundles (bundles.ts): packaged as for a deploy, each weighed against its budget
 * and its module initialisation timed (`--bundles-only` stops there, before any stack starts;
 * `--page-only` skips them).
 *
 * Then the results page's budgets: the demo election's night is played, then the page's first
 * load, latest.json and the summary are weighed as served by the local site (`--page-only`
 * stops there).
 *
 * Then
 * Replays a generated national-scale night through the local stack: the definition, four
 * turnout readings and a count per section, 5% corrections and 10% duplicate re-sends, through
 * the submission use cases (the Lambda code without HTTP), while the stack's stream consumers
 * aggregate and publish. Prints throughput, capacity units per submission, the hot item's writes,
 * bytes per publish, submit-to-published latency and peak memory, then reconciles.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { inPool } from '../../../shared/in-pool.js';
import { PROJECT_ROOT, startEphemeralStack } from '../../local/stack.js';
import { useStackEnvironment } from '../local-environment.js';
import { generateNight, sectionNightOf } from '../night/demo-night.js';
import { benchBulk } from './bulk.js';
import { benchBundles } from './bundles.js';
import { folderBytes, meterCapacity, peakMemoryMiB, percentile } from './measure.js';
import { NATIONAL_DYNAMODB_HEAP, NATIONAL_SECTIONS, nationalElection } from './national-election.js';
import { benchOverviewSize } from './overview-size.js';
import { BUDGETS, measurePage, pageReport, verdict } from './page-budget.js';

const { values } = parseArgs({
  options: {
    sections: { type: 'string', default: String(NATIONAL_SECTIONS) },
    concurrency: { type: 'string', default: '24' },
    'latency-samples': { type: 'string', default: '200' },
    'page-only': { type: 'boolean', default: false },
    'overview-only': { type: 'boolean', default: false },
    'bundles-only': { type: 'boolean', default: false },
    bulk: { type: 'boolean', default: false },
    city: { type: 'string', default: '2600' },
  },
});
const sectionCount = Number(values.sections);
const concurrency = Number(values.concurrency);
const log = (line: string) => console.log(`[bench] ${line}`);
const seconds = (ms: number) => (ms / 1000).toFixed(1);

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// The submissions run in this process: their metrics would print an EMF line per hundred.
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
if (values.bulk) {
  const report = await benchBulk(log, { city: Number(values.city), national: sectionCount });
  console.log(`\nbulk operations through the local HTTP API:\n${report.join('\n')}\n`);
  process.exit(0);
}
if (values['overview-only']) {
  const report = await benchOverviewSize(sectionCount);
  console.log(`\nthe staff overview (GET /v1/admin/elections/{e}/sections):\n${report.join('\n')}\n`);
  process.exit(0);
}
// --page-only weighs the page alone, as before; every other run starts with the bundles.
const bundlesWithinBudget = values['page-only'] || (await benchBundles(log));
if (values['bundles-only']) process.exit(bundlesWithinBudget ? 0 : 1);
const stack = await startEphemeralStack({
  apiOutput: 'capture',
  log,
  // In memory, a national night's table holds about 7 GB (BENCHMARKS.md); a city's, under 1 GB.
  ...(sectionCount > 10_000 ? { dynamodbHeap: NATIONAL_DYNAMODB_HEAP } : {}),
});
try {
  useStackEnvironment(stack);
  const { db } = await import('../../../shared/db/client.js');
  const { defineElection } = await import('../../../shared/use-cases/define-election.js');
  const { submitResults, submitTurnout } = await import('../../../shared/use-cases/submit-section-data.js');
  const { readTotal } = await import('../../../shared/db/aggregates.js');
  const { getPublication } = await import('../../../shared/db/publications.js');
  const { s3Bucket } = await import('../../../shared/storage/s3-bucket.js');
  const { reconcileElection } = await import('../../../shared/use-cases/reconcile-election.js');
  const { readHealState } = await import('../../../shared/db/heal-state.js');
  const bucket = s3Bucket();
  // A stream batch that fails is retried by the stream; each is a failure this bench reports.
  const failures = { batches: 0, errors: 0 };
  // Where the time goes: every invocation's duration, per function, as serverless-offline prints it.
  const durations = new Map<string, number[]>();
  stack.onOutputLine((line) => {
    if (line.includes('the batch will be retried')) failures.batches++;
    if (line.includes('"level":"ERROR"')) failures.errors++;
    const invocation = /\(λ: (\w+)\) RequestId: \S+\s+Duration: ([\d.]+) ms/.exec(line);
    if (invocation?.[1] && invocation[2])
      durations.set(invocation[1], [...(durations.get(invocation[1]) ?? []), Number(invocation[2])]);
  });
  const benchActor = { role: 'staff' as const, credential: 'bench' };
  const meter = meterCapacity(db());
  // A file not yet published reads as undefined: "not yet" (the local S3 PUTs atomically, as S3 does).
  const tryGet = (key: string) => bucket.get(key);

  // The page budgets, on the demo election with its whole night counted.
  const demo = JSON.parse(readFileSync(join(PROJECT_ROOT, 'events', 'elections', 'demo.json'), 'utf8'));
  await defineElection(demo.id, demo, benchActor);
  for (const section of generateNight(demo)) {
    for (const [slotId, reading] of Object.entries(section.turnout))
      await submitTurnout({
        actor: benchActor,
        electionId: demo.id,
        sectionId: section.sectionId,
        slotId,
        body: reading,
      });
    await submitResults({
      actor: benchActor,
      electionId: demo.id,
      sectionId: section.sectionId,
      body: section.results,
    });
  }
  for (;;) {
    const pointer = await tryGet(`results/${demo.id}/latest.json`);
    const summary = pointer && (await tryGet((JSON.parse(pointer) as { summary: string }).summary.slice(1)));
    if (summary && (JSON.parse(summary) as { status: string }).status === 'final') break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const page = await measurePage(stack.siteUrl, `/results/${demo.id}/index.html`, demo.id);
  console.log(`\nresults page of the demo election (${demo.sections.length} sections, every one counted):`);
  console.log(`${pageReport(page).join('\n')}\n`);
  const pageWithinBudget =
    page.firstLoadGzipped <= BUDGETS.firstLoadGzipped && page.pointer.bytes <= BUDGETS.pointerBytes;
  if (values['page-only']) {
    process.exitCode = pageWithinBudget ? 0 : 1;
  } else {
    const electionId = `bench-${sectionCount}`;
    const election = nationalElection(electionId, sectionCount);
    let started = Date.now();
    await defineElection(electionId, election, benchActor);
    log(`defined ${sectionCount} sections in ${seconds(Date.now() - started)} s`);

    Object.assign(meter, { readUnits: 0, writeUnits: 0, calls: 0 });
    const sampleEvery = Math.max(1, Math.floor(sectionCount / Number(values['latency-samples'])));
    const submittedAt = new Map<string, number>();
    const publishedAfter: number[] = [];
    let submissions = 0;
    let next = 0;
    let done = false;

    // Submit-to-published: a sample of sections' public files, polled until they show the count.
    // Polled side by side: one after another, a few hundred reads of a loaded s3rver take longer
    // than the publisher does, and the figure would measure the sampler.
    const sampler = (async () => {
      while (!done || submittedAt.size > 0) {
        await inPool([...submittedAt], 16, async ([sectionId, at]) => {
          const file = await tryGet(`results/${electionId}/sections/${sectionId}.json`);
          if (file?.includes('"status":"reported"')) {
            publishedAfter.push(Date.now() - at);
            submittedAt.delete(sectionId);
          }
        });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();

    started = Date.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < election.sections.length) {
          const index = next++;
          const section = election.sections[index];
          if (!section) break;
          const night = sectionNightOf(election, index);
          for (const [slotId, reading] of Object.entries(night.turnout)) {
            await submitTurnout({
              actor: benchActor,
              electionId,
              sectionId: section.id,
              slotId,
              body: reading,
            });
            submissions++;
          }
          if (index % sampleEvery === 0) submittedAt.set(section.id, Date.now());
          await submitResults({ actor: benchActor, electionId, sectionId: section.id, body: night.results });
          submissions++;
          if (index % 10 === 0) {
            await submitResults({
              actor: benchActor,
              electionId,
              sectionId: section.id,
              body: night.results,
            });
            submissions++;
          }
          if (index % 20 === 0) {
            // A correction that still squares: one ballot counted invalid was in fact blank.
            await submitResults({
              actor: benchActor,
              electionId,
              sectionId: section.id,
              body: {
                ...night.results,
                blankBallots: night.results.blankBallots + 1,
                invalidBallots: night.results.invalidBallots - 1,
              },
            });
            submissions++;
          }
          if (index > 0 && index % 5000 === 0)
            log(`${index} sections submitted (${seconds(Date.now() - started)} s)`);
        }
      }),
    );
    const submitMs = Date.now() - started;
    done = true;
    log(`${submissions} submissions in ${seconds(submitMs)} s`);

    // Aggregated: the total counts every section's count and final turnout reading.
    const isComplete = (tally: Record<string, number> | undefined) =>
      tally?.sections === sectionCount && tally['turnout.T4.sections'] === sectionCount;
    for (;;) {
      if (isComplete((await readTotal(electionId)).tally)) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const aggregatedMs = Date.now() - started;
    for (;;) {
      const pointer = await bucket.get(`results/${electionId}/latest.json`);
      const summary =
        pointer && (await bucket.get((JSON.parse(pointer) as { summary: string }).summary.slice(1)));
      if (
        summary &&
        (JSON.parse(summary) as { sections: { reported: number } }).sections.reported === sectionCount
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const publishedMs = Date.now() - started;
    await Promise.race([sampler, new Promise((resolve) => setTimeout(resolve, 30_000))]);

    const total = await readTotal(electionId);
    const publication = await getPublication(electionId);
    const pointer = (await bucket.get(`results/${electionId}/latest.json`)) ?? '';
    const summary = (await bucket.get((JSON.parse(pointer) as { summary: string }).summary.slice(1))) ?? '';
    const bucketBytes = folderBytes(join(stack.dataDir, 's3'));
    const memory = peakMemoryMiB(process.pid).filter((p) => !p.command.startsWith('bash'));
    const reconcile = await reconcileElection(bucket, electionId);
    const healed = (await readHealState(electionId)).repairs.flatMap((r) => r.entries);
    const latencies = publishedAfter.sort((a, b) => a - b);

    const report = [
      `sections: ${sectionCount}; submissions: ${submissions} (4 turnout readings and a count per section, 10% duplicates, 5% corrections); concurrency ${concurrency}`,
      `submission rate: ${(submissions / (submitMs / 1000)).toFixed(0)} submissions/s over ${seconds(submitMs)} s`,
      `sections aggregated per second: ${(sectionCount / (aggregatedMs / 1000)).toFixed(1)} (all aggregated ${seconds(aggregatedMs)} s after the first submission, ${seconds(aggregatedMs - submitMs)} s after the last)`,
      `published with every section: ${seconds(publishedMs)} s after the first submission`,
      `capacity per submission (submission path, DynamoDB Local's ReturnConsumedCapacity): ${(meter.writeUnits / submissions).toFixed(2)} write units, ${(meter.readUnits / submissions).toFixed(2)} read units, ${(meter.calls / submissions).toFixed(2)} calls`,
      `the total's parts: ${Object.keys(total.revs).length} written, ${total.rev} writes in all, the busiest ${Math.max(0, ...Object.values(total.revs))} (${(Math.max(0, ...Object.values(total.revs)) / submissions).toFixed(3)} per submission)`,
      `publishes: ${publication?.seq ?? 0} snapshots; bucket ${(bucketBytes / 1024 / 1024).toFixed(1)} MiB in all, ${(bucketBytes / Math.max(1, publication?.seq ?? 1) / 1024).toFixed(1)} KiB per publish`,
      `summary: ${summary.length} bytes, ${gzipSync(summary).length} gzipped (budget ${BUDGETS.summaryGzipped}: ${verdict(gzipSync(summary).length, BUDGETS.summaryGzipped)}); latest.json: ${pointer.length} bytes (budget ${BUDGETS.pointerBytes}: ${verdict(pointer.length, BUDGETS.pointerBytes)})`,
      `submit-to-published latency (section file shows the count; ${latencies.length} samples): p50 ${seconds(percentile(latencies, 50))} s, p95 ${seconds(percentile(latencies, 95))} s`,
      ...memory.map((p) => `peak memory: ${p.peakMiB} MiB  ${p.command}`),
      ...[...durations].map(([name, all]) => {
        const sorted = [...all].sort((a, b) => a - b);
        const busy = all.reduce((a, b) => a + b, 0);
        return `invocations of ${name}: ${all.length}, p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms, ${seconds(busy)} s in all`;
      }),
      `failed stream batches: ${failures.batches}; error lines logged by the functions: ${failures.errors}`,
      `repaired by the periodic reconciliation during the run: ${healed.length}`,
      `reconcile: ${reconcile.differences.length} differences`,
      ...reconcile.differences
        .slice(0, 20)
        .map((d) => `  ${d.where}: ${d.counter} expected ${d.expected}, found ${d.actual}`),
    ];
    console.log(`\n${report.join('\n')}\n`);
    const withinBudget =
      bundlesWithinBudget &&
      pageWithinBudget &&
      gzipSync(summary).length <= BUDGETS.summaryGzipped &&
      pointer.length <= BUDGETS.pointerBytes;
    const clean = reconcile.differences.length === 0 && failures.batches === 0 && healed.length === 0;
    process.exitCode = clean && withinBudget ? 0 : 1;
  }
} finally {
  await stack.stop();
}
