import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** Every process group still running; killed synchronously if this process exits first. */
const running = new Set<number>();
process.on('exit', () => {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** Fails clearly when a port is taken (another `npm start`?), instead of talking to a stranger. */
export async function assertPortFree(port: number, what: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () =>
      reject(
        new Error(
          `port ${port} (${what}) is already in use: is another instance running? Choose another with its environment variable.`,
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** A child process in its own process group, so stopping it stops everything it started. */
export interface ManagedProcess {
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Runs the command under a guard that stops it when this process's end of its stdin pipe
 * closes: however this process dies (even SIGKILL, which runs no exit hook), its children follow.
 */
const GUARD = [
  '-c',
  'exec 3<&0; "$@" <&- & child=$!; (cat <&3 >/dev/null; kill -TERM "$child" 2>/dev/null; sleep 5; kill -KILL "$child" 2>/dev/null) & wait "$child"',
  'guard',
];

export function startProcess(command: string, args: string[], options: SpawnOptions): ManagedProcess {
  const [, stdout = 'ignore', stderr = 'ignore'] = Array.isArray(options.stdio) ? options.stdio : [];
  const child = spawn('bash', [...GUARD, command, ...args], {
    ...options,
    stdio: ['pipe', stdout, stderr],
    detached: true,
  });
  if (child.pid) running.add(child.pid);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once('exit', () => {
      if (child.pid) running.delete(child.pid);
      resolve();
    });
    child.once('error', () => resolve());
  });
  const signal = (sig: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  return {
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      // The group may outlive its leader (a worker, a JVM): make sure nothing stays behind.
      signal('SIGKILL');
    },
  };
}

/** Polls until `ready` answers true, or fails with a message naming what did not come up. */
export async function waitFor(
  what: string,
  ready: () => Promise<boolean>,
  timeoutMs: number,
  failed?: () => string | undefined,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const failure = failed?.();
    if (failure) throw new Error(`${what} failed to start: ${failure}`);
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} did not become ready within ${Math.round(timeoutMs / 1000)} s`);
}
