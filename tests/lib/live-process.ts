// A live server in a process of its own (`src/server/main.ts`, live games only), as an operator runs it: for tests
// and the benchmark that kill it, start it again on the same port, or run two of them sharing one Redis.
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './free-port.ts';

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
    proc.stderr!.on('data', (chunk: Buffer) => errors.push(...chunk.toString().split('\n').filter(Boolean)));
    let buffered = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`live server on port ${at} did not start within 15 s`)), 15_000);
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
