// The room registry in Redis, for several server processes behind one address: a host on one process and its
// players on another see the same PIN, lock, seats and token hashes. Each room is four keys that share a hash tag
// (so a Redis Cluster keeps them on one node) and expire together when nobody has used the room for `idleMs`:
// an idle room closes by itself, even if every process that knew it is gone.
//   {pin}:room     hash: hostHash, hostSocket ('' while away), locked, started ('0', '1', or '2': started and taking
//                  latecomers), seq (join order)
//   {pin}:players  hash: player id → JSON { nickname, socket, connected, n, tokenHash }
//   {pin}:tokens   hash: token hash → player id (a seat found by its token without reading every seat)
//   {pin}:names    set of nickname keys (src/quiz/nickname.ts: unique in a room)
//   {pin}:answers  hash: player id → JSON { round, answer }, each seat's latest kept answer
// The steps that must not interleave between processes (open a PIN, take a seat, compare-and-set a socket) are
// Lua scripts, which Redis runs atomically.
import { randomUUID } from 'node:crypto';
import type { RedisClientType } from 'redis';
import { LIMITS } from './limits.ts';
import { nicknameKey, tidyNickname } from '../../quiz/nickname.ts';
import { ROOM_CAPACITY, type ErrorCode, type Seat } from '../../live/protocol.ts';
import {
  hashToken,
  newPin,
  PINS,
  type PinSpace,
  newToken,
  sameToken,
  seatOf,
  type Player,
  type RegistryOptions,
  type RoomRegistry,
  type RoomState,
  type RestoredRoom,
} from './rooms.ts';

interface StoredPlayer {
  nickname: string;
  socket: string;
  connected: boolean;
  /** Join order: HGETALL's order is not insertion order once a hash grows. */
  n: number;
  tokenHash: string;
  /** When the phone went away (ms); absent or 0 while connected. */
  awayAt?: number;
}

const OPEN = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'hostHash', ARGV[1], 'hostSocket', ARGV[2], 'locked', '0', 'started', '0', 'seq', '0')
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

const JOIN = `
local room = redis.call('HMGET', KEYS[1], 'started', 'locked')
if not room[1] then return 'no-room' end
if room[1] == '1' then return 'started' end
if room[2] == '1' then return 'locked' end
if redis.call('HLEN', KEYS[2]) >= tonumber(ARGV[6]) then
  -- Full, unless some seats have been away past the grace period (ARGV[8] now, ARGV[9] grace): they free their place.
  local holding = 0
  for _, stored in ipairs(redis.call('HVALS', KEYS[2])) do
    local p = cjson.decode(stored)
    if p.connected or not p.awayAt or tonumber(ARGV[8]) - p.awayAt < tonumber(ARGV[9]) then holding = holding + 1 end
  end
  if holding >= tonumber(ARGV[6]) then return 'full' end
end
if redis.call('SADD', KEYS[4], ARGV[3]) == 0 then return 'nickname-taken' end
local n = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('HSET', KEYS[2], ARGV[1],
  cjson.encode({ nickname = ARGV[2], socket = ARGV[5], connected = true, n = n, tokenHash = ARGV[4] }))
redis.call('HSET', KEYS[3], ARGV[4], ARGV[1])
for i = 1, 4 do redis.call('PEXPIRE', KEYS[i], ARGV[7]) end
return 'ok'`;

/** A seat moves to a socket (resume) or leaves one (left): only from the socket it is on, when ARGV[3] is set. */
const SEAT = `
local stored = redis.call('HGET', KEYS[1], ARGV[1])
if not stored then return false end
local player = cjson.decode(stored)
if ARGV[3] ~= '' and player.socket ~= ARGV[3] then return false end
player.socket = ARGV[2]
player.connected = ARGV[2] ~= ''
if player.connected then player.awayAt = nil else player.awayAt = tonumber(ARGV[4]) end
stored = cjson.encode(player)
redis.call('HSET', KEYS[1], ARGV[1], stored)
return stored`;

/** A room's field changed only while the room exists: a write to an expired room must not recreate it forever. */
const SET_FIELD = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`;

/** The host gone: the room now expires after the hostless time (ARGV[2]) unless the host resumes. */
const HOST_LEFT = `
if redis.call('HGET', KEYS[1], 'hostSocket') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'hostSocket', '')
for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
return 1`;

/** A seat removed if its phone is still away (ARGV[2]: its nickname key), with its token and name; what it was. */
const KICK_IF_AWAY = `
local stored = redis.call('HGET', KEYS[1], ARGV[1])
if not stored then return false end
local p = cjson.decode(stored)
if p.connected then return false end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], p.tokenHash)
redis.call('SREM', KEYS[3], ARGV[2])
return stored`;

/** A room given back by its host (host:restore), if its PIN is free or already its own (a later chunk of seats). */
const RESTORE = `
local held = redis.call('HGET', KEYS[1], 'hostHash')
if held and held ~= ARGV[1] then return 0 end
if not held then
  redis.call('HSET', KEYS[1], 'hostHash', ARGV[1], 'locked', ARGV[3], 'started', ARGV[4], 'seq', '0')
end
redis.call('HSET', KEYS[1], 'hostSocket', ARGV[2])
for _, seat in ipairs(cjson.decode(ARGV[6])) do
  if redis.call('HEXISTS', KEYS[2], seat.id) == 0 then
    local n = redis.call('HINCRBY', KEYS[1], 'seq', 1)
    redis.call('HSET', KEYS[2], seat.id, cjson.encode({ nickname = seat.nickname, socket = '', connected = false,
      n = n, tokenHash = seat.tokenHash, awayAt = tonumber(ARGV[7]) }))
    redis.call('HSET', KEYS[3], seat.tokenHash, seat.id)
    redis.call('SADD', KEYS[4], seat.key)
  end
end
for i = 1, 4 do redis.call('PEXPIRE', KEYS[i], ARGV[5]) end
return 1`;

/** A seat's answer kept only if the seat is still there and it is for a later round than the one kept. */
const ANSWER = `
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 0 then return 'no-player' end
local kept = redis.call('HGET', KEYS[1], ARGV[1])
if kept and cjson.decode(kept).round >= tonumber(ARGV[2]) then return 'repeat' end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 'kept'`;

export interface RedisRoomsOptions extends RegistryOptions {
  /** Key prefix, so that several sites (or tests) can share one Redis. */
  prefix?: string;
}

export class RedisRooms implements RoomRegistry {
  readonly #redis: RedisClientType;
  readonly #prefix: string;
  readonly capacity: number;
  readonly pins: PinSpace;
  readonly idleMs: number;
  readonly hostlessMs: number;
  readonly awayGraceMs: number;
  /** When this process last pushed each room's expiry back: once in a while is enough, not on every answer. */
  readonly #refreshed = new Map<string, number>();
  /** Rooms this process has served: when Redis expires one, this process tells its players (expire()). */
  readonly #known = new Set<string>();

  constructor(
    redis: RedisClientType,
    {
      capacity = ROOM_CAPACITY,
      idleMs = LIMITS.idleRoomMs,
      prefix = 'dbweek:live:',
      pins = PINS,
      hostlessMs = LIMITS.hostlessRoomMs,
      awayGraceMs = LIMITS.awayGraceMs,
    }: RedisRoomsOptions = {},
  ) {
    this.hostlessMs = hostlessMs;
    this.awayGraceMs = awayGraceMs;
    this.#redis = redis;
    this.capacity = capacity;
    this.idleMs = idleMs;
    this.#prefix = prefix;
    this.pins = pins;
  }

  #keys(pin: string) {
    const base = `${this.#prefix}{${pin}}:`;
    return {
      room: `${base}room`,
      players: `${base}players`,
      tokens: `${base}tokens`,
      names: `${base}names`,
      answers: `${base}answers`,
    };
  }

  async open(hostSocket: string) {
    const hostToken = newToken();
    // Bounded, as in memory: a crowded PIN space answers "server full" rather than loop for ever.
    for (let attempt = 0; attempt < LIMITS.pinAttempts; attempt++) {
      const pin = newPin(this.pins);
      const opened = await this.#redis.eval(OPEN, {
        keys: [this.#keys(pin).room],
        arguments: [hashToken(hostToken).toString('hex'), hostSocket, String(this.idleMs)],
      });
      if (opened === 1) {
        this.#refreshed.set(pin, Date.now());
        this.#known.add(pin);
        return { pin, hostToken };
      }
    }
    return 'server-full' as const;
  }

  async resumeHost(pin: string, hostToken: string, socket: string) {
    const keys = this.#keys(pin);
    const [hostHash] = await this.#redis.hmGet(keys.room, ['hostHash']);
    if (!hostHash) return 'no-room' as const;
    if (!sameToken(hostToken, Buffer.from(hostHash, 'hex'))) return 'bad-token' as const;
    await this.#setField(pin, 'hostSocket', socket);
    const [room, players] = await Promise.all([this.#state(pin), this.#seats(pin)]);
    if (!room) return 'no-room' as const;
    return { room, players };
  }

  /** Every seat, in the order they joined. */
  async #seats(pin: string): Promise<Seat[]> {
    const stored = await this.#redis.hGetAll(this.#keys(pin).players);
    return Object.entries(stored)
      .map(([id, json]) => ({ id, ...(JSON.parse(json) as StoredPlayer) }))
      .sort((a, b) => a.n - b.n)
      .map((p) => seatOf(playerOf(p.id, p)));
  }

  async #state(pin: string): Promise<RoomState | undefined> {
    const [hostSocket, locked, started] = await this.#redis.hmGet(this.#keys(pin).room, ['hostSocket', 'locked', 'started']);
    if (hostSocket === null || hostSocket === undefined) return undefined;
    this.#touch(pin);
    return { pin, hostSocket: hostSocket || null, locked: locked === '1', started: started === '1' || started === '2' };
  }

  async isOpen(pin: string) {
    return (await this.#redis.exists(this.#keys(pin).room)) === 1;
  }

  async hostLeft(pin: string, socket: string) {
    const keys = this.#keys(pin);
    await this.#redis.eval(HOST_LEFT, {
      keys: [keys.room, keys.players, keys.tokens, keys.names, keys.answers],
      arguments: [socket, String(this.hostlessMs)],
    });
    // Resumed later, the host's touch must reach Redis at once to lift the short expiry.
    this.#refreshed.delete(pin);
  }

  async setLocked(pin: string, locked: boolean) {
    return this.#setField(pin, 'locked', locked ? '1' : '0');
  }

  async start(pin: string, lateJoin: boolean) {
    // Joins check 'started' atomically (JOIN), so once it is set the seats read next are the game's, frozen.
    if (!(await this.#setField(pin, 'started', lateJoin ? '2' : '1'))) return undefined;
    return this.#seats(pin);
  }

  async join(pin: string, nickname: string, socket: string) {
    const tidy = tidyNickname(nickname);
    if (!tidy.ok) return 'bad-nickname' as const;
    const name = tidy.nickname;
    const keys = this.#keys(pin);
    const token = newToken();
    const id = randomUUID();
    const outcome = await this.#redis.eval(JOIN, {
      keys: [keys.room, keys.players, keys.tokens, keys.names],
      arguments: [
        id,
        name,
        nicknameKey(name),
        hashToken(token).toString('hex'),
        socket,
        String(this.capacity),
        String(this.idleMs),
        String(Date.now()),
        String(this.awayGraceMs),
      ],
    });
    if (outcome !== 'ok') return outcome as ErrorCode;
    this.#refreshed.set(pin, Date.now());
    this.#known.add(pin);
    return { player: { id, nickname: name, connected: true, socket }, token };
  }

  async resume(pin: string, token: string, socket: string) {
    const keys = this.#keys(pin);
    const id = await this.#redis.hGet(keys.tokens, hashToken(token).toString('hex'));
    // A wrong token is no activity: a guesser must not keep a room alive.
    if (!id) return (await this.#redis.exists(keys.room)) ? ('bad-token' as const) : ('no-room' as const);
    const player = await this.#seat(pin, id, socket, '');
    if (!player) return 'bad-token' as const;
    this.#touch(pin);
    return { player };
  }

  async player(pin: string, id: string) {
    const stored = await this.#redis.hGet(this.#keys(pin).players, id);
    return stored ? playerOf(id, JSON.parse(stored) as StoredPlayer) : undefined;
  }

  async kick(pin: string, id: string) {
    const keys = this.#keys(pin);
    const stored = await this.#redis.hGet(keys.players, id);
    if (!stored) return undefined;
    const player = JSON.parse(stored) as StoredPlayer;
    await this.#redis
      .multi()
      .hDel(keys.players, id)
      .hDel(keys.tokens, player.tokenHash)
      .sRem(keys.names, nicknameKey(player.nickname))
      .exec();
    return playerOf(id, player);
  }

  async left(pin: string, id: string, socket: string) {
    return this.#seat(pin, id, '', socket);
  }

  async kickAway(pin: string) {
    const keys = this.#keys(pin);
    const all = await this.#redis.hGetAll(keys.players);
    const removed: Player[] = [];
    for (const [id, json] of Object.entries(all)) {
      const player = JSON.parse(json) as StoredPlayer;
      if (player.connected) continue;
      const gone = await this.#redis.eval(KICK_IF_AWAY, {
        keys: [keys.players, keys.tokens, keys.names],
        arguments: [id, nicknameKey(player.nickname)],
      });
      if (typeof gone === 'string') removed.push(playerOf(id, JSON.parse(gone) as StoredPlayer));
    }
    return removed;
  }

  async answer(pin: string, id: string, round: number, answer: unknown) {
    const keys = this.#keys(pin);
    const kept = await this.#redis.eval(ANSWER, {
      keys: [keys.answers, keys.players],
      arguments: [id, String(round), JSON.stringify({ round, answer }), String(this.idleMs)],
    });
    return kept === 'kept' || kept === 'repeat' ? kept : ('no-player' as const);
  }

  async answers(pin: string) {
    const all = await this.#redis.hGetAll(this.#keys(pin).answers);
    return Object.entries(all).map(([from, json]) => ({ from, ...(JSON.parse(json) as { round: number; answer: unknown }) }));
  }

  async restore(given: RestoredRoom, hostSocket: string) {
    const keys = this.#keys(given.pin);
    const seats = given.seats.map((s) => ({ ...s, key: nicknameKey(s.nickname) }));
    const restored = await this.#redis.eval(RESTORE, {
      keys: [keys.room, keys.players, keys.tokens, keys.names],
      arguments: [
        hashToken(given.hostToken).toString('hex'),
        hostSocket,
        given.locked ? '1' : '0',
        given.started ? (given.lateJoin ? '2' : '1') : '0',
        String(this.idleMs),
        JSON.stringify(seats),
        String(Date.now()),
      ],
    });
    if (restored !== 1) return 'no-room' as const;
    this.#refreshed.set(given.pin, Date.now());
    this.#known.add(given.pin);
    return true as const;
  }

  async close(pin: string) {
    const keys = this.#keys(pin);
    this.#refreshed.delete(pin);
    await this.#redis.del([keys.room, keys.players, keys.tokens, keys.names, keys.answers]);
  }

  /** Redis expires idle rooms itself; this only forgets what this process remembered about them. */
  /**
   * Redis expires idle and hostless rooms itself; this finds which of the rooms this process served are gone, so
   * that their players are told (every process that served one tells its own; a phone hears it once).
   */
  async expire(now: number) {
    for (const [pin, at] of this.#refreshed) if (now - at > this.idleMs) this.#refreshed.delete(pin);
    const pins = [...this.#known];
    if (pins.length === 0) return [];
    const exists = await Promise.all(pins.map((pin) => this.#redis.exists(this.#keys(pin).room)));
    const gone = pins.filter((_, i) => exists[i] === 0);
    for (const pin of gone) {
      this.#known.delete(pin);
      this.#refreshed.delete(pin);
    }
    return gone;
  }

  /** Every room and seat in Redis, whichever process opened them: for /healthz and the minute's log line. */
  async stats() {
    let rooms = 0;
    let players = 0;
    let cursor = '0';
    do {
      const page = await this.#redis.scan(cursor, { MATCH: `${this.#prefix}*:room`, COUNT: 1000 });
      cursor = String(page.cursor);
      rooms += page.keys.length;
      const counts = await Promise.all(page.keys.map((key) => this.#redis.hLen(key.replace(/:room$/, ':players'))));
      players += counts.reduce((a, b) => a + b, 0);
    } while (cursor !== '0');
    return { rooms, players };
  }

  async #setField(pin: string, field: string, value: string): Promise<boolean> {
    return (await this.#redis.eval(SET_FIELD, { keys: [this.#keys(pin).room], arguments: [field, value] })) === 1;
  }

  async #seat(pin: string, id: string, socket: string, ifOn: string): Promise<Player | undefined> {
    const stored = await this.#redis.eval(SEAT, {
      keys: [this.#keys(pin).players],
      arguments: [id, socket, ifOn, String(Date.now())],
    });
    return typeof stored === 'string' ? playerOf(id, JSON.parse(stored) as StoredPlayer) : undefined;
  }

  touch(pin: string) {
    this.#touch(pin);
  }

  /** Push the room's expiry back, at most ten times per idle period per process (never awaited: best effort). */
  #touch(pin: string) {
    this.#known.add(pin);
    const now = Date.now();
    if (now - (this.#refreshed.get(pin) ?? 0) < Math.min(60_000, this.idleMs / 10)) return;
    this.#refreshed.set(pin, now);
    const keys = this.#keys(pin);
    void this.#redis
      .multi()
      .pExpire(keys.room, this.idleMs)
      .pExpire(keys.players, this.idleMs)
      .pExpire(keys.tokens, this.idleMs)
      .pExpire(keys.names, this.idleMs)
      .pExpire(keys.answers, this.idleMs)
      .exec()
      .catch(() => undefined);
  }
}

const playerOf = (id: string, { nickname, socket, connected, tokenHash }: StoredPlayer): Player => ({
  id,
  nickname,
  connected,
  socket: socket || null,
  tokenHash,
});
