// A Redis of the test's own: Debian's redis-server on a free loopback port, in a temporary folder, stopped after.
// It writes its append-only file on every command, so a test may kill it and start it again on the same port and
// folder and find the rooms where they were (as a production Redis configured to persist would).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

const SERVER = process.env['REDIS_SERVER'] ?? 'redis-server';

export interface TestRedis {
  url: string;
  port: number;
  pid(): number;
  /** SIGKILL: no goodbye to clients, nothing flushed beyond what every command already wrote. */
  kill(): Promise<void>;
  /** Start again on the same port and folder, and wait until it answers. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** `persist: false` for a benchmark: no append-only file, as a cache-only Redis runs. */
export async function startRedis({ persist = true } = {}): Promise<TestRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'dbweek-redis-'));
  let child: ChildProcess | undefined;

  async function start() {
    child = spawn(
      SERVER,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        ...(persist ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
        '--protected-mode',
        'no',
        '--loglevel',
        'warning',
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const exited = new Promise<never>((_, reject) =>
      child!.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it answered`))),
    );
    exited.catch(() => undefined);
    await Promise.race([answers(port, 10_000), exited]);
  }

  async function kill() {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await gone;
  }

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: () => child!.pid!,
    kill,
    restart: start,
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** PING until PONG, or fail after `ms`. */
async function answers(port: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await ping(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`redis-server on port ${port} did not answer within ${ms} ms`);
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
