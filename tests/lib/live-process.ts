// A live server in a process of its own (`src/server/main.ts`, live games only), as an operator runs it: for tests
// and the benchmark that kill it, start it again on the same port, or run two of them sharing one Redis.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { freePort } from './free-port.ts';

/** Every server process started here and not yet gone: killed when this process exits. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const proc of running) proc.kill('SIGKILL');
});

export interface LiveProcess {
  url: string;
  port: number;
  pid(): number;
  /** Lines the process wrote on stdout (its log), and on stderr (warnings). */
  lines: string[];
  errors: string[];
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Start again on the same port. */
  restart(): Promise<void>;
}

/** A limit, not a wait: the process is ready the moment it says so. Generous for a machine running a build beside. */
const START_MS = 30_000;

export async function startLive(env: Record<string, string> = {}, port?: number): Promise<LiveProcess> {
  const at = port ?? (await freePort());
  const lines: string[] = [];
  const errors: string[] = [];
  let child: ChildProcess | undefined;

  async function start() {
    child = spawn(process.execPath, ['src/server/main.ts'], {
      env: { ...process.env, PORT: String(at), HOST: '127.0.0.1', LIVE_ONLY: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const proc = child;
    // However the test ends (a timeout cancelling it mid-start included), its process never waits on this one, and
    // takes it down on the way out.
    proc.unref();
    (proc.stdout as Socket).unref();
    (proc.stderr as Socket).unref();
    running.add(proc);
    proc.once('exit', () => running.delete(proc));
    proc.stderr!.on('data', (chunk: Buffer) => errors.push(...chunk.toString().split('\n').filter(Boolean)));
    let buffered = '';
    await new Promise<void>((resolve, reject) => {
      // A process that never listened is killed, not left behind: its open pipes would keep the test's own
      // process alive after the test failed (seen: a unit test file hanging for half an hour on a starved machine).
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        reject(new Error(`live server on port ${at} did not start within ${START_MS / 1000} s`));
      }, START_MS);
      proc.stdout!.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const parts = buffered.split('\n');
        buffered = parts.pop()!;
        for (const line of parts) {
          lines.push(line);
          if (line.includes(' is served on ')) {
            clearTimeout(timer);
            resolve();
          }
        }
      });
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`live server on port ${at} exited (${code ?? signal}) before it listened`));
      });
    });
  }

  async function kill(signal: NodeJS.Signals = 'SIGKILL') {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill(signal);
    await gone;
  }

  await start();
  return { url: `http://127.0.0.1:${at}`, port: at, pid: () => child!.pid!, lines, errors, kill, restart: start };
}
