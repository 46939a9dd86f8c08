// The room registry: which PINs are open, who hosts each and who sits in it. It keeps only hashes of the
// host's and players' tokens, so a copy of it lets nobody act for anyone. It never sees a question or an answer
// key: the host's browser holds the game.
import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { ROOM_CAPACITY, type ErrorCode, type Seat } from '../../live/protocol.ts';

export interface Player extends Seat {
  tokenHash: Buffer;
  /** The socket the player is on now, or null while away. */
  socket: string | null;
}

export interface Room {
  pin: string;
  hostHash: Buffer;
  hostSocket: string | null;
  locked: boolean;
  started: boolean;
  players: Map<string, Player>;
  /** When anything last happened, for expiring rooms nobody uses. */
  touched: number;
}

const hash = (token: string) => createHash('sha256').update(token).digest();
const newToken = () => randomBytes(24).toString('base64url');
const same = (token: string, expected: Buffer) => timingSafeEqual(hash(token), expected);
/** Nicknames are unique ignoring case and spacing, as the solo lobby has them. */
export const tidyNickname = (name: string) => name.trim().replace(/\s+/g, ' ');

export class Rooms {
  readonly #rooms = new Map<string, Room>();
  readonly capacity: number;
  constructor(capacity = ROOM_CAPACITY) {
    this.capacity = capacity;
  }

  get size() {
    return this.#rooms.size;
  }

  get(pin: string): Room | undefined {
    return this.#rooms.get(pin);
  }

  open(hostSocket: string): { room: Room; hostToken: string } {
    let pin: string;
    // A random six-digit PIN from the crypto generator, never one in use (no leading zero, as Kahoot's).
    do pin = String(randomInt(100_000, 1_000_000));
    while (this.#rooms.has(pin));
    const hostToken = newToken();
    const room: Room = {
      pin,
      hostHash: hash(hostToken),
      hostSocket,
      locked: false,
      started: false,
      players: new Map(),
      touched: Date.now(),
    };
    this.#rooms.set(pin, room);
    return { room, hostToken };
  }

  isHost(room: Room, hostToken: string): boolean {
    return same(hostToken, room.hostHash);
  }

  join(pin: string, nickname: string, socket: string): { player: Player; token: string } | ErrorCode {
    const room = this.#rooms.get(pin);
    if (!room) return 'no-room';
    if (room.started) return 'started';
    if (room.locked) return 'locked';
    if (room.players.size >= this.capacity) return 'full';
    const name = tidyNickname(nickname);
    if (name === '') return 'bad-payload';
    if ([...room.players.values()].some((p) => p.nickname.toLowerCase() === name.toLowerCase())) return 'nickname-taken';
    const token = newToken();
    const player: Player = { id: randomUUID(), nickname: name, connected: true, tokenHash: hash(token), socket };
    room.players.set(player.id, player);
    room.touched = Date.now();
    return { player, token };
  }

  /** A player back with their token: the same seat, whatever socket they come from. */
  resume(pin: string, token: string, socket: string): { room: Room; player: Player } | ErrorCode {
    const room = this.#rooms.get(pin);
    if (!room) return 'no-room';
    const player = [...room.players.values()].find((p) => same(token, p.tokenHash));
    if (!player) return 'bad-token';
    player.socket = socket;
    player.connected = true;
    room.touched = Date.now();
    return { room, player };
  }

  close(pin: string) {
    this.#rooms.delete(pin);
  }

  /** Rooms idle for longer than `ms`, for the caller to close. */
  idle(now: number, ms: number): Room[] {
    return [...this.#rooms.values()].filter((r) => now - r.touched > ms);
  }

  get players(): number {
    let n = 0;
    for (const room of this.#rooms.values()) n += room.players.size;
    return n;
  }
}

/** The seat as the host sees it: no token hash, no socket id. */
export const seatOf = ({ id, nickname, connected }: Player): Seat => ({ id, nickname, connected });
