// The room registry: which PINs are open, who hosts each and who sits in it. It keeps only hashes of the
// host's and players' tokens, so a copy of it lets nobody act for anyone. It never sees a question or an answer
// key: the host's browser holds the game. Two implementations share this contract: in memory (one process,
// what `npm start` uses) and in Redis (`redis-rooms.ts`, shared by every process behind a load balancer).
// Every method is async so that the relay does not care which one it has.
import { randomInt, randomUUID } from 'node:crypto';
import { hashToken, newToken, sameToken } from '../tokens.ts';
import { LIMITS } from './limits.ts';
import { nicknameKey, tidyNickname } from '../../quiz/nickname.ts';
import { ROOM_CAPACITY, type ErrorCode, type Seat } from '../../live/protocol.ts';

/** A seat with where it sits now: the socket the player is on, or null while away. */
export interface Player extends Seat {
  socket: string | null;
}

/** What the relay needs to know about a room to route a message. */
export interface RoomState {
  pin: string;
  /** The host's socket now, or null while the host is away. */
  hostSocket: string | null;
  locked: boolean;
  started: boolean;
}

export interface RestoredRoom {
  pin: string;
  hostToken: string;
  locked: boolean;
  started: boolean;
  lateJoin: boolean;
  seats: { id: string; nickname: string; tokenHash: string }[];
}

export interface RoomStats {
  rooms: number;
  players: number;
}

export interface RoomRegistry {
  /** A new room with a fresh PIN, hosted by `hostSocket`, and the host's token (only its hash is kept). */
  /** Or 'server-full': as many rooms open as allowed, or no free PIN found in a bounded number of tries. */
  open(hostSocket: string): Promise<{ pin: string; hostToken: string } | 'server-full'>;
  /** The host back with its token: the room now answers to `socket`; every seat, in the order they joined. */
  resumeHost(
    pin: string,
    hostToken: string,
    socket: string,
  ): Promise<{ room: RoomState; players: Seat[] } | 'no-room' | 'bad-token'>;
  /** Something happened in the room: it stays open while used. Never awaited; cheap to call on every message. */
  touch(pin: string): void;
  /** The host's socket went away; only if it is still the room's host socket. */
  hostLeft(pin: string, socket: string): Promise<void>;
  /** False when the room is gone (closed, expired). */
  setLocked(pin: string, locked: boolean): Promise<boolean>;
  /**
   * Mark the room started; the seats in it at that moment (the game's players), or undefined when it is gone. With
   * `lateJoin`, joins are still taken afterwards (the host seats latecomers from the next question).
   */
  start(pin: string, lateJoin: boolean): Promise<Seat[] | undefined>;
  join(pin: string, nickname: string, socket: string): Promise<{ player: Player; token: string } | ErrorCode>;
  /** A player back with their token: the same seat, whatever socket (or process) they come from. */
  resume(pin: string, token: string, socket: string): Promise<{ player: Player } | ErrorCode>;
  player(pin: string, id: string): Promise<Player | undefined>;
  /** The seat removed; what it was, to tell its socket. */
  kick(pin: string, id: string): Promise<Player | undefined>;
  /** The player's socket went away: the seat shows as away, if that socket was still theirs. */
  left(pin: string, id: string, socket: string): Promise<Player | undefined>;
  /** Remove every seat whose phone is away; the seats removed, to tell their sockets. */
  kickAway(pin: string): Promise<Player[]>;
  /**
   * The first answer of a seat to a round, kept; 'repeat' for any later one (a repeat or a flood), which is not
   * relayed; 'no-player' when the seat is gone (kicked, perhaps through another process a moment ago).
   * Kept answers are handed again to a host that comes back (`answers`), so none is lost to a host's dropped link.
   */
  answer(pin: string, id: string, round: number, answer: unknown): Promise<'kept' | 'repeat' | 'no-player'>;
  /** Each seat's latest kept answer. */
  answers(pin: string): Promise<{ from: string; round: number; answer: unknown }[]>;
  /**
   * A room given back by its host after this server lost it (a restart without Redis): same PIN, same host token,
   * the seats with their token hashes (all away until their phones resume), in chunks: a later chunk with the same
   * host token adds seats. 'no-room' when the PIN is someone else's now.
   */
  restore(room: RestoredRoom, hostSocket: string): Promise<true | 'server-full' | 'no-room'>;
  close(pin: string): Promise<void>;
  /** Whether the room is still open (not closed, expired or never opened). */
  isOpen(pin: string): Promise<boolean>;
  /** Rooms idle for longer than the registry's idle time, closed now; their PINs, to tell their players. */
  expire(now: number): Promise<string[]>;
  stats(): Promise<RoomStats>;
}

export { hashToken, newToken, sameToken };
/** A random six-digit PIN from the crypto generator (no leading zero, as Kahoot's). */
export const newPin = (space: PinSpace = PINS) => String(randomInt(space.min, space.max));

/** The PINs rooms draw from: six digits, no leading zero. Tests shrink it to fill it. */
export interface PinSpace {
  min: number;
  max: number;
}
export const PINS: PinSpace = { min: 100_000, max: 1_000_000 };

/** The seat as the host sees it: no socket id; the token's hash only, so that the host can give a lost room back. */
export const seatOf = ({ id, nickname, connected, tokenHash }: Seat): Seat => ({
  id,
  nickname,
  connected,
  ...(tokenHash && { tokenHash }),
});

interface MemoryPlayer extends Player {
  hash: Buffer;
  /** When the phone went away; null while connected. */
  awayAt: number | null;
}

interface MemoryRoom extends RoomState {
  lateJoin: boolean;
  /** When the host's socket went away; null while it is there. */
  hostLeftAt: number | null;
  /** Each seat's latest kept answer. */
  answers: Map<string, { round: number; answer: unknown }>;
  hostHash: Buffer;
  players: Map<string, MemoryPlayer>;
  /** When anything last happened, for expiring rooms nobody uses. */
  touched: number;
}

export interface RegistryOptions {
  /** Players per room. */
  capacity?: number;
  /** A room nobody has touched for this long is closed. */
  idleMs?: number;
  /** Rooms open at once. */
  maxRooms?: number;
  pins?: PinSpace;
  /** A room whose host has been gone this long is closed (unless the host comes back first). */
  hostlessMs?: number;
  /** An away seat counts towards the room's capacity for this long, then frees its place (it keeps its seat). */
  awayGraceMs?: number;
}

/** One process's rooms, in a Map: the default, and all a laptop in a classroom needs. */
export class MemoryRooms implements RoomRegistry {
  readonly #rooms = new Map<string, MemoryRoom>();
  readonly capacity: number;
  readonly idleMs: number;
  readonly maxRooms: number;
  readonly pins: PinSpace;
  readonly hostlessMs: number;
  readonly awayGraceMs: number;
  constructor({
    capacity = ROOM_CAPACITY,
    idleMs = LIMITS.idleRoomMs,
    maxRooms = LIMITS.maxRooms,
    pins = PINS,
    hostlessMs = LIMITS.hostlessRoomMs,
    awayGraceMs = LIMITS.awayGraceMs,
  }: RegistryOptions = {}) {
    this.hostlessMs = hostlessMs;
    this.awayGraceMs = awayGraceMs;
    this.capacity = capacity;
    this.maxRooms = maxRooms;
    this.pins = pins;
    this.idleMs = idleMs;
  }

  async open(hostSocket: string) {
    if (this.#rooms.size >= this.maxRooms) return 'server-full' as const;
    // Bounded: a crowded PIN space answers at once rather than search it (an unbounded loop froze the server).
    const pin = Array.from({ length: LIMITS.pinAttempts }, () => newPin(this.pins)).find((p) => !this.#rooms.has(p));
    if (pin === undefined) return 'server-full' as const;
    const hostToken = newToken();
    this.#rooms.set(pin, {
      pin,
      hostHash: hashToken(hostToken),
      hostSocket,
      locked: false,
      started: false,
      lateJoin: false,
      hostLeftAt: null,
      answers: new Map(),
      players: new Map(),
      touched: Date.now(),
    });
    return { pin, hostToken };
  }

  async resumeHost(pin: string, hostToken: string, socket: string) {
    const room = this.#rooms.get(pin);
    if (!room) return 'no-room' as const;
    if (!sameToken(hostToken, room.hostHash)) return 'bad-token' as const;
    room.touched = Date.now();
    room.hostSocket = socket;
    room.hostLeftAt = null;
    return { room: stateOf(room), players: [...room.players.values()].map((p) => seatOf(playerOf(p))) };
  }

  touch(pin: string) {
    this.#touch(pin);
  }

  async isOpen(pin: string) {
    return this.#rooms.has(pin);
  }

  async hostLeft(pin: string, socket: string) {
    const room = this.#rooms.get(pin);
    if (room?.hostSocket !== socket) return;
    room.hostSocket = null;
    room.hostLeftAt = Date.now();
  }

  async setLocked(pin: string, locked: boolean) {
    const room = this.#touch(pin);
    if (room) room.locked = locked;
    return room !== undefined;
  }

  async start(pin: string, lateJoin: boolean) {
    const room = this.#touch(pin);
    if (!room) return undefined;
    room.started = true;
    room.lateJoin = lateJoin;
    return [...room.players.values()].map((p) => seatOf(playerOf(p)));
  }

  async join(pin: string, nickname: string, socket: string) {
    const room = this.#rooms.get(pin);
    if (!room) return 'no-room' as const;
    if (room.started && !room.lateJoin) return 'started' as const;
    if (room.locked) return 'locked' as const;
    const now = Date.now();
    // Away seats keep their place only for a grace period: then a newcomer may have it (the seat itself stays).
    const holding = [...room.players.values()].filter((p) => p.awayAt === null || now - p.awayAt < this.awayGraceMs);
    if (holding.length >= this.capacity) return 'full' as const;
    const tidy = tidyNickname(nickname);
    if (!tidy.ok) return 'bad-nickname' as const;
    const name = tidy.nickname;
    if ([...room.players.values()].some((p) => nicknameKey(p.nickname) === nicknameKey(name))) return 'nickname-taken' as const;
    const token = newToken();
    const player: MemoryPlayer = {
      id: randomUUID(),
      nickname: name,
      connected: true,
      hash: hashToken(token),
      socket,
      awayAt: null,
    };
    room.players.set(player.id, player);
    room.touched = Date.now();
    return { player: playerOf(player), token };
  }

  async resume(pin: string, token: string, socket: string) {
    const room = this.#rooms.get(pin);
    if (!room) return 'no-room' as const;
    // A wrong token is no activity: a guesser must not keep a room alive.
    const player = [...room.players.values()].find((p) => sameToken(token, p.hash));
    if (!player) return 'bad-token' as const;
    room.touched = Date.now();
    player.socket = socket;
    player.connected = true;
    player.awayAt = null;
    return { player: playerOf(player) };
  }

  async player(pin: string, id: string) {
    const player = this.#rooms.get(pin)?.players.get(id);
    return player && playerOf(player);
  }

  async kick(pin: string, id: string) {
    const room = this.#touch(pin);
    const player = room?.players.get(id);
    if (!room || !player) return undefined;
    room.players.delete(id);
    return playerOf(player);
  }

  async left(pin: string, id: string, socket: string) {
    const player = this.#rooms.get(pin)?.players.get(id);
    if (player?.socket !== socket) return undefined;
    player.socket = null;
    player.connected = false;
    player.awayAt = Date.now();
    return playerOf(player);
  }

  async kickAway(pin: string) {
    const room = this.#touch(pin);
    if (!room) return [];
    const away = [...room.players.values()].filter((p) => !p.connected);
    for (const p of away) room.players.delete(p.id);
    return away.map(playerOf);
  }

  async answer(pin: string, id: string, round: number, answer: unknown) {
    const room = this.#rooms.get(pin);
    if (!room?.players.has(id)) return 'no-player' as const;
    const kept = room.answers.get(id);
    if (kept && kept.round >= round) return 'repeat' as const;
    room.answers.set(id, { round, answer });
    return 'kept' as const;
  }

  async answers(pin: string) {
    return [...(this.#rooms.get(pin)?.answers ?? [])].map(([from, { round, answer }]) => ({ from, round, answer }));
  }

  async restore(given: RestoredRoom, hostSocket: string) {
    const now = Date.now();
    const existing = this.#rooms.get(given.pin);
    // A later chunk of the same room adds its seats; a PIN someone else holds now is not given back.
    if (existing && !sameToken(given.hostToken, existing.hostHash)) return 'no-room' as const;
    if (!existing && this.#rooms.size >= this.maxRooms) return 'server-full' as const;
    const { pin, locked, started, lateJoin } = given;
    const room: MemoryRoom = existing ?? {
      pin,
      hostHash: hashToken(given.hostToken),
      hostSocket,
      locked,
      started,
      lateJoin,
      hostLeftAt: null,
      answers: new Map(),
      players: new Map(),
      touched: now,
    };
    for (const s of given.seats) {
      if (room.players.has(s.id)) continue;
      const hash = Buffer.from(s.tokenHash, 'hex');
      room.players.set(s.id, { id: s.id, nickname: s.nickname, connected: false, socket: null, hash, awayAt: now });
    }
    room.hostSocket = hostSocket;
    this.#rooms.set(pin, room);
    return true as const;
  }

  async close(pin: string) {
    this.#rooms.delete(pin);
  }

  /** Rooms idle too long, or left by their host too long ago: closed now, their PINs returned to tell the players. */
  async expire(now: number) {
    const gone = [...this.#rooms.values()]
      .filter((r) => now - r.touched > this.idleMs || (r.hostLeftAt !== null && now - r.hostLeftAt > this.hostlessMs))
      .map((r) => r.pin);
    for (const pin of gone) this.#rooms.delete(pin);
    return gone;
  }

  async stats() {
    let players = 0;
    for (const room of this.#rooms.values()) players += room.players.size;
    return { rooms: this.#rooms.size, players };
  }

  #touch(pin: string): MemoryRoom | undefined {
    const room = this.#rooms.get(pin);
    if (room) room.touched = Date.now();
    return room;
  }
}

const stateOf = ({ pin, hostSocket, locked, started }: MemoryRoom): RoomState => ({ pin, hostSocket, locked, started });
const playerOf = ({ id, nickname, connected, socket, hash }: MemoryPlayer): Player => ({
  id,
  nickname,
  connected,
  socket,
  tokenHash: hash.toString('hex'),
});
