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

export interface RoomStats {
  rooms: number;
  players: number;
}

export interface RoomRegistry {
  /** A new room with a fresh PIN, hosted by `hostSocket`, and the host's token (only its hash is kept). */
  open(hostSocket: string): Promise<{ pin: string; hostToken: string }>;
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
  start(pin: string): Promise<boolean>;
  join(pin: string, nickname: string, socket: string): Promise<{ player: Player; token: string } | ErrorCode>;
  /** A player back with their token: the same seat, whatever socket (or process) they come from. */
  resume(pin: string, token: string, socket: string): Promise<{ player: Player } | ErrorCode>;
  player(pin: string, id: string): Promise<Player | undefined>;
  /** The seat removed; what it was, to tell its socket. */
  kick(pin: string, id: string): Promise<Player | undefined>;
  /** The player's socket went away: the seat shows as away, if that socket was still theirs. */
  left(pin: string, id: string, socket: string): Promise<Player | undefined>;
  close(pin: string): Promise<void>;
  /** Rooms idle for longer than the registry's idle time, closed now; their PINs, to tell their players. */
  expire(now: number): Promise<string[]>;
  stats(): Promise<RoomStats>;
}

export { hashToken, newToken, sameToken };
/** A random six-digit PIN from the crypto generator (no leading zero, as Kahoot's). */
export const newPin = () => String(randomInt(100_000, 1_000_000));

/** The seat as the host sees it: no token hash, no socket id. */
export const seatOf = ({ id, nickname, connected }: Seat): Seat => ({ id, nickname, connected });

interface MemoryPlayer extends Player {
  tokenHash: Buffer;
}

interface MemoryRoom extends RoomState {
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
}

/** One process's rooms, in a Map: the default, and all a laptop in a classroom needs. */
export class MemoryRooms implements RoomRegistry {
  readonly #rooms = new Map<string, MemoryRoom>();
  readonly capacity: number;
  readonly idleMs: number;
  constructor({ capacity = ROOM_CAPACITY, idleMs = LIMITS.idleRoomMs }: RegistryOptions = {}) {
    this.capacity = capacity;
    this.idleMs = idleMs;
  }

  async open(hostSocket: string) {
    let pin: string;
    do pin = newPin();
    while (this.#rooms.has(pin));
    const hostToken = newToken();
    this.#rooms.set(pin, {
      pin,
      hostHash: hashToken(hostToken),
      hostSocket,
      locked: false,
      started: false,
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
    return { room: stateOf(room), players: [...room.players.values()].map(seatOf) };
  }

  touch(pin: string) {
    this.#touch(pin);
  }

  async hostLeft(pin: string, socket: string) {
    const room = this.#rooms.get(pin);
    if (room?.hostSocket === socket) room.hostSocket = null;
  }

  async setLocked(pin: string, locked: boolean) {
    const room = this.#touch(pin);
    if (room) room.locked = locked;
    return room !== undefined;
  }

  async start(pin: string) {
    const room = this.#touch(pin);
    if (room) room.started = true;
    return room !== undefined;
  }

  async join(pin: string, nickname: string, socket: string) {
    const room = this.#rooms.get(pin);
    if (!room) return 'no-room' as const;
    if (room.started) return 'started' as const;
    if (room.locked) return 'locked' as const;
    if (room.players.size >= this.capacity) return 'full' as const;
    const tidy = tidyNickname(nickname);
    if (!tidy.ok) return 'bad-nickname' as const;
    const name = tidy.nickname;
    if ([...room.players.values()].some((p) => nicknameKey(p.nickname) === nicknameKey(name))) return 'nickname-taken' as const;
    const token = newToken();
    const player: MemoryPlayer = { id: randomUUID(), nickname: name, connected: true, tokenHash: hashToken(token), socket };
    room.players.set(player.id, player);
    room.touched = Date.now();
    return { player: playerOf(player), token };
  }

  async resume(pin: string, token: string, socket: string) {
    const room = this.#rooms.get(pin);
    if (!room) return 'no-room' as const;
    // A wrong token is no activity: a guesser must not keep a room alive.
    const player = [...room.players.values()].find((p) => sameToken(token, p.tokenHash));
    if (!player) return 'bad-token' as const;
    room.touched = Date.now();
    player.socket = socket;
    player.connected = true;
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
    return playerOf(player);
  }

  async close(pin: string) {
    this.#rooms.delete(pin);
  }

  async expire(now: number) {
    const idle = [...this.#rooms.values()].filter((r) => now - r.touched > this.idleMs).map((r) => r.pin);
    for (const pin of idle) this.#rooms.delete(pin);
    return idle;
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
const playerOf = ({ id, nickname, connected, socket }: MemoryPlayer): Player => ({ id, nickname, connected, socket });
