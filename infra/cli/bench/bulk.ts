/**
 * `npm run bench -- --bulk [--city 2600] [--sections 61550]`: the bulk operations at Rome's and
 * Italy's size, through the local HTTP API (the real handlers under serverless-offline, behind
 * the IAM gate), on a fresh stack. Prints, for each, its time and the size of what went over the
 * wire; asserts nothing about time (the machine is shared).
 */
import { gzipSync } from 'node:zlib';
import { type Stack, startEphemeralStack } from '../../local/stack.js';
import { NATIONAL_DYNAMODB_HEAP, nationalElection } from './national-election.js';

type Log = (line: string) => void;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

/** One call to the local API, timed, with the bytes of its answer as they crossed the wire. */
async function timed(
  stack: Stack,
  method: string,
  path: string,
  init: { body?: BodyInit; headers?: Record<string, string>; allow?: number[] } = {},
) {
  const started = Date.now();
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${stack.adminToken}`, ...init.headers },
    ...(init.body !== undefined ? { body: init.body } : {}),
    // A job's sheet or a national overview can take a while on a loaded machine.
    signal: AbortSignal.timeout(120_000),
  });
  const wire = Buffer.from(await response.arrayBuffer());
  const ms = Date.now() - started;
  const encoding = response.headers.get('content-encoding');
  // fetch has already inflated a compressed answer; its size on the wire is the header's.
  const wireBytes = Number(response.headers.get('content-length') ?? wire.length);
  const text = wire.toString('utf8');
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: reported by its status
  }
  if (!response.ok && !init.allow?.includes(response.status))
    throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
  return {
    ms,
    status: response.status,
    body,
    bytes: text.length,
    wireBytes,
    encoding,
    headers: response.headers,
  };
}

const json = { 'content-type': 'application/json' };
const gzipped = { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip' };

async function define(stack: Stack, sections: number, report: string[]) {
  const election = nationalElection(`bulk-${sections}`, sections);
  const text = JSON.stringify(election);
  const body = gzipSync(text);
  const started = Date.now();
  // A definition not stored whole in one request's time answers 503 DEFINITION_INCOMPLETE: sent again, as a client would.
  const attempts: string[] = [];
  for (;;) {
    const answer = await timed(stack, 'PUT', `/v1/admin/elections/${election.id}`, {
      body: new Uint8Array(body),
      headers: gzipped,
      allow: [503],
    });
    attempts.push(`${answer.status} in ${seconds(answer.ms)}`);
    if (answer.status !== 503 || attempts.length >= 5) break;
  }
  report.push(
    `define ${sections} sections, gzipped, PUT: ${seconds(Date.now() - started)} (${attempts.join(', then ')}; ${kib(text.length)} of JSON, ${kib(body.length)} gzipped)`,
  );
  return election.id;
}

/** A job to its end: started, polled every 500 ms, its sheet read part by part. */
async function job(stack: Stack, electionId: string, operation: 'issue' | 'revoke', report: string[]) {
  const admin = `/v1/admin/elections/${electionId}`;
  const started = Date.now();
  const start = await timed(stack, 'POST', `${admin}/officer-token-jobs`, {
    body: JSON.stringify({ operation, sections: 'all' }),
    headers: { ...json, 'idempotency-key': `bench-${operation}-${Date.now()}` },
  });
  const location = String(start.headers.get('location'));
  let progress = start.body;
  while (progress.status !== 'done' && progress.status !== 'failed') {
    await new Promise((resolve) => setTimeout(resolve, 500));
    progress = (await timed(stack, 'GET', location)).body;
  }
  const doneMs = Date.now() - started;
  if (progress.status !== 'done') throw new Error(`the ${operation} job failed: ${JSON.stringify(progress)}`);
  let line = `job ${operation} all ${progress.total} sections: 202 in ${seconds(start.ms)}, done ${seconds(doneMs)} after the POST (${progress.changed} changed, ${progress.failed} failed)`;
  if (operation === 'issue') {
    const sheetStarted = Date.now();
    let codes = 0;
    let bytes = 0;
    let largest = 0;
    const parts = Number((progress.sheet as { parts: number }).parts);
    for (let part = 0; part < parts; part++) {
      const sheet = await timed(stack, 'GET', `${location}/sheet?part=${part}`);
      codes += Object.keys(sheet.body.tokens as object).length;
      bytes += sheet.bytes;
      largest = Math.max(largest, sheet.bytes);
    }
    line += `; sheet: ${parts} parts, ${codes} codes, ${kib(bytes)} in all (largest part ${kib(largest)}), read in ${seconds(Date.now() - sheetStarted)}`;
  }
  report.push(line);
}

async function overview(stack: Stack, electionId: string, report: string[]) {
  const answer = await timed(stack, 'GET', `/v1/admin/elections/${electionId}/sections`, {
    headers: { 'accept-encoding': 'gzip' },
  });
  const sections = (answer.body.sections as unknown[]).length;
  report.push(
    `overview GET .../sections of ${sections} sections: ${seconds(answer.ms)}, ${kib(answer.bytes)} of JSON, ${kib(answer.wireBytes)} on the wire (${answer.encoding ?? 'identity'})`,
  );
}

export async function benchBulk(log: Log, sizes: { city: number; national: number }): Promise<string[]> {
  const stack = await startEphemeralStack({
    apiOutput: 'capture',
    log,
    dynamodbHeap: NATIONAL_DYNAMODB_HEAP,
  });
  const report: string[] = [];
  try {
    const city = await define(stack, sizes.city, report);
    const admin = `/v1/admin/elections/${city}`;
    const issued = await timed(stack, 'POST', `${admin}/officer-tokens`, {
      body: JSON.stringify({ sections: 'all' }),
      headers: { ...json, 'accept-encoding': 'gzip' },
    });
    report.push(
      `issue all ${Object.keys(issued.body.tokens as object).length} codes in one request: ${seconds(issued.ms)}, ${kib(issued.bytes)} of JSON (${kib(issued.wireBytes)} ${issued.encoding ?? 'identity'})${issued.body.failed ? `, ${(issued.body.failed as unknown[]).length} failed` : ''}`,
    );
    const reissued = await timed(stack, 'POST', `${admin}/officer-tokens`, {
      body: JSON.stringify({ sections: 'all' }),
      headers: json,
    });
    report.push(`issue all again (each replacing a code): ${seconds(reissued.ms)}`);
    await overview(stack, city, report);
    const revoked = await timed(stack, 'POST', `${admin}/officer-tokens/revoke`, {
      body: JSON.stringify({ sections: 'all' }),
      headers: json,
    });
    report.push(
      `revoke all ${(revoked.body.revoked as unknown[]).length} codes in one request: ${seconds(revoked.ms)}`,
    );
    log(`${sizes.city} sections done; now ${sizes.national}`);
    if (sizes.national === 0) return report;
    const national = await define(stack, sizes.national, report);
    await job(stack, national, 'issue', report);
    await job(stack, national, 'revoke', report);
    await overview(stack, national, report).catch((error: Error) =>
      report.push(`overview of ${sizes.national} sections: failed, ${error.message.slice(0, 200)}`),
    );
    const denials = stack.iam.denials();
    report.push(`IAM gate: ${denials.length} calls refused${denials[0] ? ` (${denials[0].message})` : ''}`);
    return report;
  } finally {
    await stack.stop();
  }
}
