// A PostgreSQL of the test's own: Debian's PostgreSQL 15 binaries, a fresh cluster in a temporary folder owned by
// the postgres user (the server refuses to run as root), on a free loopback port, stopped and removed after.
// `postgresMissing()` says why it cannot run here, so that a suite skips with that message (CI installs it).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

const BIN = process.env['POSTGRES_BIN'] ?? '/usr/lib/postgresql/15/bin';
const USER = 'postgres';

export interface TestPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Why no test cluster can start here, or null when one can. */
export function postgresMissing(): string | null {
  if (!existsSync(join(BIN, 'initdb')) || !existsSync(join(BIN, 'pg_ctl'))) {
    return `PostgreSQL binaries not found in ${BIN} (install Debian's postgresql, or set POSTGRES_BIN)`;
  }
  if (spawnSync('id', ['-u', USER]).status !== 0) return `no "${USER}" user to run PostgreSQL as`;
  return null;
}

/** Runs a PostgreSQL binary as the postgres user (as root via runuser; as anyone else directly). */
function asPostgres(command: string, args: string[]) {
  const root = process.getuid?.() === 0;
  execFileSync(root ? 'runuser' : join(BIN, command), root ? ['-u', USER, '--', join(BIN, command), ...args] : args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    cwd: tmpdir(),
  });
}

export async function startPostgres(): Promise<TestPostgres> {
  const missing = postgresMissing();
  if (missing) throw new Error(missing);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'dbweek-pg-'));
  chmodSync(dir, 0o700);
  if (process.getuid?.() === 0) execFileSync('chown', [USER, dir]);
  asPostgres('initdb', ['-D', dir, '-U', USER, '--auth=trust', '--no-sync', '-E', 'UTF8']);
  // fsync stays on: the tests that kill a server must see what a real database keeps.
  asPostgres('pg_ctl', ['-D', dir, '-w', '-t', '30', '-l', join(dir, 'log'), '-o', `-p ${port} -k /tmp -h 127.0.0.1`, 'start']);
  return {
    url: `postgres://${USER}@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      try {
        asPostgres('pg_ctl', ['-D', dir, '-w', '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
