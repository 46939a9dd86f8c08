// The challenge store: what the server keeps about challenges, players and the questions dealt to them, on either
// database (db.ts). Each write that must happen once is one statement that can only succeed once (a unique key,
// or an update guarded by `resolved_at IS NULL`), so two processes, or a retried request, can never count twice.
import { resolve } from 'node:path';
import { migrate, PostgresDb, SqliteDb, type Db } from './db.ts';

export interface ChallengeRow {
  id: string;
  pin: string;
  reportHash: string;
  pack: string;
  packLabel: string;
  questionIds: string[];
  timer: number;
  createdAt: number;
  deadline: number;
  closedAt: number | null;
}

export interface PlayerRow {
  id: string;
  challengeId: string;
  nickname: string;
  nicknameKey: string;
  tokenHash: string;
  joinedAt: number;
}

export interface DealRow {
  id: string;
  challengeId: string;
  playerId: string;
  round: number;
  questionId: string;
  dealtAt: number;
  /** Set once: when the answer (or the time-up) was stored. */
  resolvedAt: number | null;
  /** The answer as JSON; null for a time-up or an open deal. */
  answer: string | null;
  correct: boolean | null;
  points: number | null;
  bonus: number | null;
  timeMs: number | null;
}

export type Resolution = Pick<DealRow, 'resolvedAt' | 'answer' | 'correct' | 'points' | 'bonus' | 'timeMs'>;

export interface ChallengeStore {
  readonly kind: Db['kind'];
  /** False when the PIN is taken (draw another). */
  createChallenge(challenge: ChallengeRow): Promise<boolean>;
  challengeByPin(pin: string): Promise<ChallengeRow | undefined>;
  /** False when the nickname's key is taken in this challenge. */
  addPlayer(player: PlayerRow): Promise<boolean>;
  playerByToken(challengeId: string, tokenHash: string): Promise<PlayerRow | undefined>;
  /** The challenge with this PIN and its player with this token, in one query (the hot path of every play request). */
  seat(pin: string, tokenHash: string): Promise<{ challenge: ChallengeRow; player: PlayerRow } | undefined>;
  players(challengeId: string): Promise<PlayerRow[]>;
  /** False when this player already has a deal for this round. */
  addDeal(deal: DealRow): Promise<boolean>;
  /** A player's deals, in round order. */
  dealsOf(playerId: string): Promise<DealRow[]>;
  deals(challengeId: string): Promise<DealRow[]>;
  /** False when the deal was already resolved (or does not exist): the first resolution wins. */
  resolveDeal(id: string, resolution: Resolution): Promise<boolean>;
  close(challengeId: string, at: number): Promise<boolean>;
  /** The challenge and everything about it; false when there was none. */
  delete(challengeId: string): Promise<boolean>;
  /** Challenges whose deadline is before `before`, deleted with their data; their PINs. */
  expire(before: number): Promise<string[]>;
  /** Every row of every table, in a stable order: for tests that prove a refusal changed nothing. */
  dump(): Promise<unknown>;
  end(): Promise<void>;
}

const CHALLENGE = `id, pin, report_hash AS "reportHash", pack, pack_label AS "packLabel", question_ids AS "questionIds", timer,
  created_at AS "createdAt", deadline, closed_at AS "closedAt"`;
const PLAYER = `id, challenge_id AS "challengeId", nickname, nickname_key AS "nicknameKey", token_hash AS "tokenHash", joined_at AS "joinedAt"`;
const DEAL = `id, challenge_id AS "challengeId", player_id AS "playerId", round, question_id AS "questionId", dealt_at AS "dealtAt",
  resolved_at AS "resolvedAt", answer, correct, points, bonus, time_ms AS "timeMs"`;

type Stored<T> = { [K in keyof T]: unknown };

const challengeOf = (r: Stored<ChallengeRow>): ChallengeRow => ({
  ...(r as ChallengeRow),
  timer: Number(r.timer),
  createdAt: Number(r.createdAt),
  deadline: Number(r.deadline),
  closedAt: r.closedAt === null ? null : Number(r.closedAt),
  questionIds: JSON.parse(String(r.questionIds)) as string[],
});
const playerOf = (r: Stored<PlayerRow>): PlayerRow => ({ ...(r as PlayerRow), joinedAt: Number(r.joinedAt) });
const num = (v: unknown) => (v === null ? null : Number(v));
const dealOf = (r: Stored<DealRow>): DealRow => ({
  ...(r as DealRow),
  round: Number(r.round),
  dealtAt: Number(r.dealtAt),
  resolvedAt: num(r.resolvedAt),
  correct: r.correct === null ? null : Number(r.correct) === 1,
  points: num(r.points),
  bonus: num(r.bonus),
  timeMs: num(r.timeMs),
});

export class SqlChallengeStore implements ChallengeStore {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  get kind() {
    return this.#db.kind;
  }

  async createChallenge(c: ChallengeRow) {
    const changed = await this.#db.run(
      `INSERT INTO challenges (id, pin, report_hash, pack, pack_label, question_ids, timer, created_at, deadline, closed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [
        c.id,
        c.pin,
        c.reportHash,
        c.pack,
        c.packLabel,
        JSON.stringify(c.questionIds),
        c.timer,
        c.createdAt,
        c.deadline,
        c.closedAt,
      ],
    );
    return changed === 1;
  }

  async challengeByPin(pin: string) {
    const [row] = await this.#db.all<Stored<ChallengeRow>>(`SELECT ${CHALLENGE} FROM challenges WHERE pin = ?`, [pin]);
    return row && challengeOf(row);
  }

  async addPlayer(p: PlayerRow) {
    const changed = await this.#db.run(
      `INSERT INTO players (id, challenge_id, nickname, nickname_key, token_hash, joined_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
      [p.id, p.challengeId, p.nickname, p.nicknameKey, p.tokenHash, p.joinedAt],
    );
    return changed === 1;
  }

  async playerByToken(challengeId: string, tokenHash: string) {
    const [row] = await this.#db.all<Stored<PlayerRow>>(
      `SELECT ${PLAYER} FROM players WHERE challenge_id = ? AND token_hash = ?`,
      [challengeId, tokenHash],
    );
    return row && playerOf(row);
  }

  async seat(pin: string, tokenHash: string) {
    const [row] = await this.#db.all<Stored<ChallengeRow> & Stored<Omit<PlayerRow, 'id' | 'challengeId'>> & { playerId: string }>(
      `SELECT c.id, c.pin, c.report_hash AS "reportHash", c.pack, c.pack_label AS "packLabel", c.question_ids AS "questionIds",
         c.timer, c.created_at AS "createdAt", c.deadline, c.closed_at AS "closedAt",
         p.id AS "playerId", p.nickname, p.nickname_key AS "nicknameKey", p.token_hash AS "tokenHash", p.joined_at AS "joinedAt"
       FROM challenges c JOIN players p ON p.challenge_id = c.id WHERE c.pin = ? AND p.token_hash = ?`,
      [pin, tokenHash],
    );
    if (!row) return undefined;
    const { playerId, nickname, nicknameKey, tokenHash: hash, joinedAt, ...challenge } = row;
    return {
      challenge: challengeOf(challenge),
      player: playerOf({ id: playerId, challengeId: row.id, nickname, nicknameKey, tokenHash: hash, joinedAt }),
    };
  }

  async players(challengeId: string) {
    const rows = await this.#db.all<Stored<PlayerRow>>(
      `SELECT ${PLAYER} FROM players WHERE challenge_id = ? ORDER BY joined_at, id`,
      [challengeId],
    );
    return rows.map(playerOf);
  }

  async addDeal(d: DealRow) {
    const changed = await this.#db.run(
      `INSERT INTO deals (id, challenge_id, player_id, round, question_id, dealt_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [d.id, d.challengeId, d.playerId, d.round, d.questionId, d.dealtAt],
    );
    return changed === 1;
  }

  async dealsOf(playerId: string) {
    const rows = await this.#db.all<Stored<DealRow>>(`SELECT ${DEAL} FROM deals WHERE player_id = ? ORDER BY round`, [playerId]);
    return rows.map(dealOf);
  }

  async deals(challengeId: string) {
    const rows = await this.#db.all<Stored<DealRow>>(
      `SELECT ${DEAL} FROM deals WHERE challenge_id = ? ORDER BY player_id, round`,
      [challengeId],
    );
    return rows.map(dealOf);
  }

  async resolveDeal(id: string, r: Resolution) {
    const changed = await this.#db.run(
      `UPDATE deals SET resolved_at = ?, answer = ?, correct = ?, points = ?, bonus = ?, time_ms = ?
       WHERE id = ? AND resolved_at IS NULL`,
      [r.resolvedAt, r.answer, r.correct === null ? null : Number(r.correct), r.points, r.bonus, r.timeMs, id],
    );
    return changed === 1;
  }

  async close(challengeId: string, at: number) {
    return (
      (await this.#db.run('UPDATE challenges SET closed_at = ? WHERE id = ? AND closed_at IS NULL', [at, challengeId])) === 1
    );
  }

  async delete(challengeId: string) {
    const [row] = await this.#db.all('SELECT id FROM challenges WHERE id = ?', [challengeId]);
    if (!row) return false;
    // Children first, in one transaction: nothing of the challenge is left behind if the process dies halfway.
    await this.#db.transaction([
      ['DELETE FROM deals WHERE challenge_id = ?', [challengeId]],
      ['DELETE FROM players WHERE challenge_id = ?', [challengeId]],
      ['DELETE FROM challenges WHERE id = ?', [challengeId]],
    ]);
    return true;
  }

  async expire(before: number) {
    const old = await this.#db.all<{ id: string; pin: string }>('SELECT id, pin FROM challenges WHERE deadline < ?', [before]);
    for (const { id } of old) await this.delete(id);
    return old.map((c) => c.pin);
  }

  async dump() {
    return {
      challenges: (await this.#db.all<Stored<ChallengeRow>>(`SELECT ${CHALLENGE} FROM challenges ORDER BY id`)).map(challengeOf),
      players: (await this.#db.all<Stored<PlayerRow>>(`SELECT ${PLAYER} FROM players ORDER BY id`)).map(playerOf),
      deals: (await this.#db.all<Stored<DealRow>>(`SELECT ${DEAL} FROM deals ORDER BY id`)).map(dealOf),
    };
  }

  end() {
    return this.#db.close();
  }
}

export interface StoreOptions {
  /** PostgreSQL when set; SQLite otherwise. */
  databaseUrl?: string | undefined;
  /** Where the SQLite file lives. */
  dataDir?: string;
}

/** The store the environment asks for, migrated: DATABASE_URL → PostgreSQL, else SQLite under DATA_DIR (default ./data). */
export async function openStore({
  databaseUrl = process.env['DATABASE_URL'] || undefined,
  dataDir = resolve(process.env['DATA_DIR'] || 'data'),
}: StoreOptions = {}): Promise<ChallengeStore> {
  const db = databaseUrl ? new PostgresDb(databaseUrl) : new SqliteDb(dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return new SqlChallengeStore(db);
}
