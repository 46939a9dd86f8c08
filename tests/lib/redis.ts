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
  /**
   * Start again on the same port and folder, and wait until it answers PING with PONG. With `loadDelayUs`, its
   * loading is slowed down by that much per key (see `ballast`), so that clients reconnect to a Redis that is up
   * but still loading its data and answers `LOADING`, as after a restart with a large dataset; it then resolves
   * as soon as Redis answers at all, loading or not.
   */
  restart(options?: { loadDelayUs?: number }): Promise<void>;
  /** Write `keys` keys of no use to anyone, so that loading them back after a restart takes a while. */
  ballast(keys: number): Promise<void>;
  /** INFO's `section` as name → value (e.g. `commandstats`: `cmdstat_xadd` → `calls=3,…,rejected_calls=1,…`). */
  info(section: string): Promise<Map<string, string>>;
  stop(): Promise<void>;
}

/** `persist: false` for a benchmark: no append-only file, as a cache-only Redis runs. */
export async function startRedis({ persist = true } = {}): Promise<TestRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'dbweek-redis-'));
  let child: ChildProcess | undefined;

  async function start({ loadDelayUs = 0 } = {}) {
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
        // Redis' own test knobs: a delay per key loaded, and events (clients, PING) served often while loading.
        ...(loadDelayUs ? ['--key-load-delay', String(loadDelayUs), '--loading-process-events-interval-bytes', '1024'] : []),
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const exited = new Promise<never>((_, reject) =>
      child!.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it answered`))),
    );
    exited.catch(() => undefined);
    await Promise.race([answers(port, 10_000, loadDelayUs > 0), exited]);
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
    async ballast(keys) {
      // One script, one round trip: the keys go to the append-only file like any others.
      await command(port, [
        'EVAL',
        "for i = 1, tonumber(ARGV[1]) do redis.call('SET', 'ballast:' .. i, i) end",
        '0',
        String(keys),
      ]);
    },
    async info(section) {
      const text = await command(port, ['INFO', section]);
      return new Map(
        text
          .split('\r\n')
          .filter((line) => line.includes(':'))
          .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)] as const),
      );
    },
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One command in Redis' protocol. Its reply: a simple or integer reply's text, or a bulk reply's whole body; an
 * error reply rejects (`redis: LOADING …`), and so does no reply within `timeoutMs`.
 */
function command(port: number, args: string[], timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    let reply = Buffer.alloc(0);
    socket.setTimeout(timeoutMs);
    socket.once('connect', () =>
      socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`),
    );
    socket.on('data', (data) => {
      reply = Buffer.concat([reply, data]);
      const end = reply.indexOf('\r\n');
      if (end < 0) return;
      const head = reply.subarray(0, end).toString();
      if (head.startsWith('$')) {
        const length = Number(head.slice(1));
        if (reply.length < end + 2 + length) return;
        socket.destroy();
        resolve(reply.subarray(end + 2, end + 2 + length).toString());
        return;
      }
      socket.destroy();
      if (head.startsWith('-')) reject(new Error(`redis: ${head.slice(1)}`));
      else resolve(head.slice(1));
    });
    socket.once('error', reject);
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`redis: no reply within ${timeoutMs} ms`));
    });
  });
}

/** PING until PONG (or, with `loading`, until a reply at all: LOADING from a Redis still loading), or fail after `ms`. */
async function answers(port: number, ms: number, loading: boolean): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const reply = await command(port, ['PING'], 500).catch((error: Error) => error.message);
    if (reply === 'PONG' || (loading && reply.startsWith('redis: LOADING'))) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`redis-server on port ${port} did not answer within ${ms} ms`);
}
