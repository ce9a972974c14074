import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { bucketOn } from '../../shared/storage/s3-bucket.js';
import { buildSite } from '../../site/build.js';
import { uploadSite } from '../../site/upload.js';
import { DEFAULT_DYNAMODB_HEAP, startDynamoDbLocal } from './dynamodb-local.js';
import { type FunctionRole, functionRoles } from './iam/function-roles.js';
import { type IamGate, startIamGate } from './iam/gate.js';
import { LOCAL_ACCOUNT_ID, localContext } from './iam/local-resources.js';
import { packagedTemplate } from './iam/packaged-template.js';
import { ensureLogSigningKey } from './log-signing-key.js';
import { freePort } from './ports.js';
import { assertPortFree, startProcess, waitFor } from './processes.js';
import { startS3 } from './s3.js';
import { startSiteServer } from './site-server.js';
import { installStaffToken, resolveAdminToken } from './staff-token.js';
import { startStreamMappings } from './streams/stream-mappings.js';
import { ensureTable } from './table.js';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const LOCAL_TABLE = 'election-night-local';
export const LOCAL_BUCKET = 'election-night-local-site';
/** The private bucket of officer code sheets (infra/cloudformation/code-sheets.yml). */
export const LOCAL_CODE_SHEETS_BUCKET = 'election-night-local-code-sheets';
const REGION = 'eu-south-1';
/** serverless-offline runs the service as stage `local`: functions are named `election-night-local-<key>`. */
const SERVICE_STAGE = 'election-night-local';
/** s3rver accepts only its own key pair; DynamoDB Local accepts any, so both use this one. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface StackOptions {
  apiPort: number;
  sitePort: number;
  dynamodbPort: number;
  s3Port: number;
  lambdaPort: number;
  /** Where data survives restarts; with `ephemeral`, a temporary folder removed on stop. */
  dataDir: string;
  ephemeral?: boolean;
  adminToken?: string;
  /** An election definition file to PUT once the API is up. */
  seedFile?: string;
  /** Where the API's own output goes: the terminal, or kept for error messages. */
  apiOutput: 'inherit' | 'capture';
  log: (line: string) => void;
  /** Changes the roles the IAM gate enforces (a test removing a permission); the packaged ones by default. */
  adjustRoles?: (roles: FunctionRole[]) => FunctionRole[];
  /** Seconds between runs of the periodic reconciliation; RECONCILE_INTERVAL_S, else 60. */
  reconcileIntervalS?: number;
  /** DynamoDB Local's heap (a JVM size); DYNAMODB_HEAP, else DEFAULT_DYNAMODB_HEAP. */
  dynamodbHeap?: string;
}

export interface Stack {
  apiUrl: string;
  siteUrl: string;
  adminToken: string;
  dynamodbEndpoint: string;
  s3Endpoint: string;
  tableName: string;
  bucket: string;
  /** Where this stack keeps its data (the bucket's objects under s3/). */
  dataDir: string;
  /** Each function's role as the IAM gate enforces it, and what the functions used or were refused. */
  iam: { roles: FunctionRole[] } & Pick<IamGate, 'usage' | 'denials'>;
  /** Hears every line the functions and serverless-offline print (with `apiOutput: 'capture'`). */
  onOutputLine(listener: (line: string) => void): void;
  stop(): Promise<void>;
}

/** Starts every part of the system on 127.0.0.1; `stop` ends all of them, in reverse order. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const stoppers: (() => Promise<void>)[] = [];
  let stopping = false;
  const stop = async () => {
    stopping = true;
    for (const stopOne of stoppers.reverse()) await stopOne().catch(() => undefined);
  };
  try {
    for (const [port, what] of [
      [options.dynamodbPort, 'DYNAMODB_PORT'],
      [options.s3Port, 'S3_PORT'],
      [options.sitePort, 'SITE_PORT'],
      [options.apiPort, 'API_PORT'],
      [options.lambdaPort, 'OFFLINE_LAMBDA_PORT'],
    ] as const) {
      await assertPortFree(port, what);
    }
    // Packaging takes seconds (when serverless.yml changed): start it now, use it once the stand-ins run.
    const template = packagedTemplate(PROJECT_ROOT, 'local');
    template.catch(() => undefined);
    const dataDir = options.ephemeral
      ? mkdtempSync(join(tmpdir(), 'election-night-'))
      : resolve(options.dataDir);
    if (options.ephemeral) stoppers.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const dynamodbEndpoint = `http://127.0.0.1:${options.dynamodbPort}`;
    const s3Endpoint = `http://127.0.0.1:${options.s3Port}`;

    options.log(`starting DynamoDB Local on ${dynamodbEndpoint}`);
    const dynamodb = await startDynamoDbLocal({
      port: options.dynamodbPort,
      ...(options.ephemeral ? {} : { dbPath: join(dataDir, 'dynamodb') }),
      heap: options.dynamodbHeap ?? process.env.DYNAMODB_HEAP ?? DEFAULT_DYNAMODB_HEAP,
    });
    stoppers.push(() => dynamodb.stop());
    const client = new DynamoDBClient({
      endpoint: dynamodbEndpoint,
      region: REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    stoppers.push(async () => client.destroy());
    options.log(`table ${LOCAL_TABLE}: ${await ensureTable(client, LOCAL_TABLE)}`);

    const adminToken = resolveAdminToken(options.adminToken, join(PROJECT_ROOT, '.local', 'admin-token'));
    // A throw-away stack's log has a throw-away key; a kept one's stays in .local/ beside its token.
    const logSigningKey = ensureLogSigningKey(
      options.ephemeral ? join(dataDir, 'log-signing-key') : join(PROJECT_ROOT, '.local', 'log-signing-key'),
    );
    await installStaffToken(DynamoDBDocumentClient.from(client), LOCAL_TABLE, adminToken);

    options.log(`starting S3 (s3rver) on ${s3Endpoint}`);
    const s3 = await startS3({
      port: options.s3Port,
      directory: join(dataDir, 's3'),
      bucket: LOCAL_BUCKET,
      others: [LOCAL_CODE_SHEETS_BUCKET],
    });
    stoppers.push(() => s3.stop());
    const s3Client = new S3Client({
      endpoint: s3Endpoint,
      forcePathStyle: true,
      region: REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    stoppers.push(async () => s3Client.destroy());
    const siteFiles = await buildSite();
    await uploadSite(
      bucketOn(() => s3Client, LOCAL_BUCKET),
      siteFiles,
    );
    options.log(`site assets built and uploaded: ${siteFiles.map((f) => f.key).join(', ')}`);
    const site = await startSiteServer({
      port: options.sitePort,
      s3Endpoint,
      bucket: LOCAL_BUCKET,
      apiUrl: `http://127.0.0.1:${options.apiPort}`,
    });
    stoppers.push(() => site.stop());

    const roles = (options.adjustRoles ?? ((r) => r))(
      functionRoles(
        await template,
        localContext(await template, {
          region: REGION,
          stackName: SERVICE_STAGE,
          table: LOCAL_TABLE,
          bucket: LOCAL_BUCKET,
          buckets: { OfficerCodeSheetsBucket: LOCAL_CODE_SHEETS_BUCKET },
        }),
      ),
    );
    const gate = await startIamGate({
      upstream: {
        dynamodb: dynamodbEndpoint,
        s3: s3Endpoint,
        lambda: `http://127.0.0.1:${options.lambdaPort}`,
      },
      upstreamAccessKeyId: LOCAL_CREDENTIALS.accessKeyId,
      roles,
      accountId: LOCAL_ACCOUNT_ID,
      region: REGION,
      log: options.log,
    });
    stoppers.push(() => gate.stop());
    options.log(`IAM gate on ${gate.url}: every function's AWS calls are checked against its own role`);

    options.log(`starting the API and the stream consumers (serverless offline) on port ${options.apiPort}`);
    const serverlessBin = createRequire(import.meta.url).resolve('serverless/bin/serverless.js');
    let apiOutput = '';
    const api = startProcess(process.execPath, [serverlessBin, 'offline', 'start', '--stage', 'local'], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        API_PORT: String(options.apiPort),
        OFFLINE_LAMBDA_PORT: String(options.lambdaPort),
        TABLE_NAME: LOCAL_TABLE,
        BUCKET_NAME: LOCAL_BUCKET,
        // The functions reach DynamoDB, S3 and Lambda through the IAM gate; the stream's event
        // source mappings (AWS's own, below) read DynamoDB Local directly.
        DYNAMODB_ENDPOINT: gate.url,
        S3_ENDPOINT: gate.url,
        LAMBDA_ENDPOINT: gate.url,
        CODE_SHEETS_BUCKET: LOCAL_CODE_SHEETS_BUCKET,
        // The stand-in for the log's secret: serverless.yml hands it, as LOG_SIGNING_KEY_FILE, to
        // the log writer's environment alone (no other function's code is told where it is).
        LOCAL_LOG_SIGNING_KEY_FILE: logSigningKey,
        AWS_REGION: REGION,
        AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
        SLS_TELEMETRY_DISABLED: '1',
        ...(options.ephemeral ? { ESBUILD_WATCH_PATTERN: '.no-watch-in-throw-away-stacks' } : {}),
        // No distribution in front locally: no origin header to check; CORS names the site server.
        ORIGIN_CHECK: 'off',
        SITE_ORIGIN: `http://127.0.0.1:${options.sitePort}`,
        // Lambda runs Node 22; this machine's Node 20 is supported for local use only.
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        SLS_NOTIFICATIONS_MODE: 'off',
        // The reconciliation runs on the stack's own timer (below), at RECONCILE_INTERVAL_S.
        RECONCILE_SCHEDULE: 'false',
      },
      stdio: options.apiOutput === 'inherit' ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
    });
    stoppers.push(() => api.stop());
    const lineListeners: ((line: string) => void)[] = [];
    let partial = '';
    const hear = (chunk: Buffer) => {
      apiOutput = (apiOutput + chunk).slice(-20_000);
      if (lineListeners.length === 0) return;
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) for (const listener of lineListeners) listener(line);
    };
    api.child.stdout?.on('data', hear);
    api.child.stderr?.on('data', hear);
    // Every function runs in it: if it dies mid-night, say so at once, with what it last printed.
    api.child.once('exit', (code, signal) => {
      if (!stopping)
        options.log(
          `serverless offline exited (${code ?? signal}) while the stack ran: ${apiOutput.slice(-4000)}`,
        );
    });

    // Lambda's event source mappings of the table's stream, as the packaged template sets them.
    await waitFor(
      "serverless-offline's Lambda API",
      async () =>
        (await fetch(`http://127.0.0.1:${options.lambdaPort}/`).catch(() => undefined)) !== undefined,
      120_000,
      () =>
        api.child.exitCode !== null ? `serverless offline exited: ${apiOutput.slice(-4000)}` : undefined,
    );
    const mappings = await startStreamMappings({
      template: await template,
      dynamodbEndpoint,
      credentials: LOCAL_CREDENTIALS,
      region: REGION,
      tableName: LOCAL_TABLE,
      lambdaPort: options.lambdaPort,
      queueArnOf: (queueId) => `arn:aws:sqs:${REGION}:${LOCAL_ACCOUNT_ID}:${queueId}`,
      positionsFile: join(dataDir, 'stream-positions.json'),
      log: options.log,
    });
    stoppers.push(() => mappings.stop());

    const apiUrl = `http://127.0.0.1:${options.apiPort}`;
    // probeStream runs every minute on serverless-offline's schedule, as on EventBridge in AWS;
    // until the stack is ready it is also invoked here (Lambda's Invoke API), every few seconds.
    let probedAt = 0;
    const probe = async () => {
      if (Date.now() - probedAt < 5_000) return;
      probedAt = Date.now();
      await fetch(
        `http://127.0.0.1:${options.lambdaPort}/2015-03-31/functions/${SERVICE_STAGE}-probeStream/invocations`,
        { method: 'POST', body: '{}' },
      );
    };
    await waitFor(
      'the API, the stream trigger and the publisher',
      async () => {
        await probe();
        const response = await fetch(`${apiUrl}/v1/health`);
        return response.status === 200 && ((await response.json()) as { ready?: boolean }).ready === true;
      },
      180_000,
      () =>
        api.child.exitCode !== null
          ? `serverless offline exited (${api.child.exitCode}): ${apiOutput.slice(-4000)}`
          : gate.denials()[0]?.message,
    );

    const reconcileEveryS = options.reconcileIntervalS ?? Number(process.env.RECONCILE_INTERVAL_S ?? 60);
    stoppers.push(
      everyInterval(reconcileEveryS * 1000, () =>
        fetch(
          `http://127.0.0.1:${options.lambdaPort}/2015-03-31/functions/${SERVICE_STAGE}-reconcileElections/invocations`,
          {
            method: 'POST',
            body: '{}',
          },
        ).then((response) => response.arrayBuffer()),
      ),
    );
    options.log(`periodic reconciliation every ${reconcileEveryS} s (RECONCILE_INTERVAL_S)`);

    if (options.seedFile) {
      const definition = JSON.parse(readFileSync(options.seedFile, 'utf8')) as { id: string };
      const response = await fetch(`${apiUrl}/v1/admin/elections/${encodeURIComponent(definition.id)}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(definition),
      });
      if (!response.ok)
        throw new Error(`seeding ${options.seedFile} failed: ${response.status} ${await response.text()}`);
      options.log(`seeded election "${definition.id}" from ${options.seedFile}`);
    }

    return {
      apiUrl,
      siteUrl: `http://127.0.0.1:${options.sitePort}/`,
      adminToken,
      dynamodbEndpoint,
      s3Endpoint,
      tableName: LOCAL_TABLE,
      bucket: LOCAL_BUCKET,
      dataDir,
      iam: { roles, usage: gate.usage, denials: gate.denials },
      onOutputLine: (listener) => void lineListeners.push(listener),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Runs `work` every `ms`, never two at once (a run longer than the interval delays the next);
 * answers the stopper, which waits for a run in flight.
 */
function everyInterval(ms: number, work: () => Promise<unknown>): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    running = work()
      .catch(() => undefined)
      .finally(() => {
        busy = false;
      });
  }, ms);
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/** A throw-away stack on free ports, its data in a temporary folder: for tests and benchmarks. */
export async function startEphemeralStack(
  options: Pick<StackOptions, 'apiOutput' | 'log'> &
    Partial<
      Pick<StackOptions, 'adminToken' | 'seedFile' | 'adjustRoles' | 'reconcileIntervalS' | 'dynamodbHeap'>
    >,
): Promise<Stack> {
  return startStack({
    apiPort: await freePort(),
    sitePort: await freePort(),
    dynamodbPort: await freePort(),
    s3Port: await freePort(),
    lambdaPort: await freePort(),
    dataDir: '',
    ephemeral: true,
    ...options,
  });
}
