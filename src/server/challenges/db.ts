// The database under challenges, as one small interface with two implementations: SQLite (Node's built-in
// node:sqlite, a file under DATA_DIR, WAL mode: the default, nothing to install) and PostgreSQL (the pg driver,
// when DATABASE_URL is set, for several server processes behind a balancer). The SQL is written once, in the
// subset both speak (`?` placeholders, ON CONFLICT DO NOTHING, integers for times and flags); the migrations too.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import pg from 'pg';

export type Param = string | number | null;
export type Row = Record<string, unknown>;

export interface Db {
  readonly kind: 'sqlite' | 'postgres';
  /** A statement that changes rows; how many it changed (0 when ON CONFLICT DO NOTHING skipped the row). */
  run(sql: string, params?: Param[]): Promise<number>;
  all<T = Row>(sql: string, params?: Param[]): Promise<T[]>;
  /** Statements that must happen together or not at all. */
  transaction(statements: [string, Param[]][]): Promise<void>;
  close(): Promise<void>;
}

/**
 * One list, both databases. Append, never edit: a database remembers which versions it has run. Times are ms
 * since 1970 (BIGINT), flags 0 or 1, answers JSON text, token hashes hex.
 */
export const MIGRATIONS: readonly string[][] = [
  [
    `CREATE TABLE challenges (
      id TEXT PRIMARY KEY,
      pin TEXT NOT NULL UNIQUE,
      report_hash TEXT NOT NULL,
      pack TEXT NOT NULL,
      pack_label TEXT NOT NULL,
      question_ids TEXT NOT NULL,
      timer INTEGER NOT NULL,
      created_at BIGINT NOT NULL,
      deadline BIGINT NOT NULL,
      closed_at BIGINT
    )`,
    `CREATE TABLE players (
      id TEXT PRIMARY KEY,
      challenge_id TEXT NOT NULL REFERENCES challenges (id) ON DELETE CASCADE,
      nickname TEXT NOT NULL,
      nickname_key TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE,
      joined_at BIGINT NOT NULL,
      UNIQUE (challenge_id, nickname_key)
    )`,
    `CREATE TABLE deals (
      id TEXT PRIMARY KEY,
      challenge_id TEXT NOT NULL REFERENCES challenges (id) ON DELETE CASCADE,
      player_id TEXT NOT NULL REFERENCES players (id) ON DELETE CASCADE,
      round INTEGER NOT NULL,
      question_id TEXT NOT NULL,
      dealt_at BIGINT NOT NULL,
      resolved_at BIGINT,
      answer TEXT,
      correct INTEGER,
      points INTEGER,
      bonus INTEGER,
      time_ms INTEGER,
      UNIQUE (player_id, round)
    )`,
    `CREATE INDEX deals_by_challenge ON deals (challenge_id)`,
    `CREATE INDEX challenges_by_deadline ON challenges (deadline)`,
  ],
];

/** Runs the migrations this database has not run yet, each in its own transaction. */
export async function migrate(db: Db): Promise<void> {
  await db.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
  const done = new Set(
    (await db.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)),
  );
  for (const [index, statements] of MIGRATIONS.entries()) {
    const version = index + 1;
    if (done.has(version)) continue;
    await db
      .transaction([
        ...statements.map((sql) => [sql, []] as [string, Param[]]),
        ['INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', [version, Date.now()]],
      ])
      .catch(async (error: unknown) => {
        // Another process ran this version while this one waited for the lock: fine. Anything else is not.
        const now = await db.all<{ version: number }>('SELECT version FROM schema_migrations WHERE version = ?', [version]);
        if (now.length === 0) throw error;
      });
  }
}

/** SQLite in one file. Its calls are synchronous and fast; the interface is async so callers need not care which. */
export class SqliteDb implements Db {
  readonly kind = 'sqlite';
  readonly path: string;
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();
  readonly #checkpoints: Worker;

  constructor(dataDir: string, synchronous = process.env['CHALLENGE_SQLITE_SYNC'] ?? 'normal') {
    if (synchronous !== 'normal' && synchronous !== 'full') {
      throw new Error(`CHALLENGE_SQLITE_SYNC: "${synchronous}" is neither "normal" nor "full"`);
    }
    mkdirSync(dataDir, { recursive: true });
    this.path = join(dataDir, 'challenges.sqlite');
    this.#db = new DatabaseSync(this.path);
    // WAL: readers never wait for the writer. synchronous=NORMAL: a commit is in the WAL file (the operating system
    // holds it) before it is acknowledged, so it survives the server process being killed; the disk is flushed at
    // checkpoints. FULL flushes on every commit, which also survives a power cut, at one disk flush per answer
    // (measured here: about a third of the throughput): CHALLENGE_SQLITE_SYNC=full chooses it.
    const sync = synchronous === 'full' ? 'FULL' : 'NORMAL';
    this.#db.exec(
      `PRAGMA journal_mode = WAL; PRAGMA synchronous = ${sync}; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;`,
    );
    // Checkpoints (copying the WAL into the database file, and flushing it to disk) run in a thread of their own:
    // done by the commit that fills the WAL, as SQLite does by default (every 1,000 pages), one would hold every
    // request queued behind it. The commit's own checkpoint stays as a backstop, at 10,000 pages (40 MB), should the
    // thread fall behind; the WAL file is cut back to 64 MB after one.
    this.#db.exec('PRAGMA wal_autocheckpoint = 10000; PRAGMA journal_size_limit = 67108864;');
    this.#checkpoints = new Worker(CHECKPOINTER, { eval: true, workerData: { path: this.path, everyMs: CHECKPOINT_EVERY_MS } });
    this.#checkpoints.unref();
  }

  #prepare(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) this.#statements.set(sql, (statement = this.#db.prepare(sql)));
    return statement;
  }

  async run(sql: string, params: Param[] = []) {
    return Number(this.#prepare(sql).run(...params).changes);
  }

  async all<T = Row>(sql: string, params: Param[] = []) {
    return this.#prepare(sql).all(...params) as T[];
  }

  async transaction(statements: [string, Param[]][]) {
    // Synchronous from BEGIN to COMMIT: nothing else on this connection can run in between.
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      for (const [sql, params] of statements) {
        if (params.length === 0) this.#db.exec(sql);
        else this.#prepare(sql).run(...params);
      }
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  async close() {
    await this.#checkpoints.terminate();
    this.#db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    this.#db.close();
  }
}

const CHECKPOINT_EVERY_MS = 1000;
/** The checkpoint thread: its own connection to the same file, a passive checkpoint (it never waits for writers) a second. */
const CHECKPOINTER = `
const { DatabaseSync } = require('node:sqlite');
const { workerData } = require('node:worker_threads');
const db = new DatabaseSync(workerData.path);
db.exec('PRAGMA busy_timeout = 5000');
setInterval(() => {
  try {
    db.exec('PRAGMA wal_checkpoint(PASSIVE)');
  } catch (error) {
    console.error('challenges: SQLite checkpoint failed: ' + error.message);
  }
}, workerData.everyMs);
`;

/** `?` placeholders, as SQLite takes them, numbered for PostgreSQL. */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** PostgreSQL through a pool; BIGINT comes back as a JS number (ms timestamps fit), not as a string. */
export class PostgresDb implements Db {
  readonly kind = 'postgres';
  readonly #pool: pg.Pool;

  constructor(url: string, max = 10) {
    this.#pool = new pg.Pool({
      connectionString: url,
      max,
      types: {
        getTypeParser: (oid, format) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format)),
      } as pg.CustomTypesConfig,
    });
    // An idle client that loses its server must not crash the process: the next query gets a fresh one.
    this.#pool.on('error', (error) => console.error(`challenges: PostgreSQL connection lost (${error.message})`));
  }

  async run(sql: string, params: Param[] = []) {
    return (await this.#pool.query(numbered(sql), params)).rowCount ?? 0;
  }

  async all<T = Row>(sql: string, params: Param[] = []) {
    return (await this.#pool.query(numbered(sql), params)).rows as T[];
  }

  async transaction(statements: [string, Param[]][]) {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      // Several processes may start at once: one migrates, the others wait for it (a lock held until COMMIT).
      await client.query('SELECT pg_advisory_xact_lock(20260425)');
      for (const [sql, params] of statements) await client.query(numbered(sql), params);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close() {
    await this.#pool.end();
  }
}
