// Counting limits against abuse: how many events a connection may send in a window, and how many join
// attempts (PIN guesses) a connection and an address may make. Fixed windows: cheap and good enough to stop a flood.
export class Window {
  readonly #counts = new Map<string, { start: number; count: number }>();
  readonly limit: number;
  readonly ms: number;
  constructor(limit: number, ms: number) {
    this.limit = limit;
    this.ms = ms;
  }

  /** Count one more for `key`; false once the limit for the current window is passed. */
  take(key: string, now = Date.now()): boolean {
    const entry = this.#counts.get(key);
    if (!entry || now - entry.start >= this.ms) {
      this.#counts.set(key, { start: now, count: 1 });
      if (this.#counts.size > 10_000) this.#sweep(now);
      return true;
    }
    entry.count++;
    return entry.count <= this.limit;
  }

  /** Whether `key` has used up the current window, without counting one more. */
  spent(key: string, now = Date.now()): boolean {
    const entry = this.#counts.get(key);
    return entry !== undefined && now - entry.start < this.ms && entry.count >= this.limit;
  }

  forget(key: string) {
    this.#counts.delete(key);
  }

  #sweep(now: number) {
    for (const [key, entry] of this.#counts) if (now - entry.start >= this.ms) this.#counts.delete(key);
  }
}

export const LIMITS = {
  /** Events per second from a phone (or a socket not yet in a room): it sends a few per question. */
  eventsPerSecond: 10,
  /** Events per second from a host, which sends a screen to every player at each change (2,000 in a big room). */
  hostEventsPerSecond: 10_000,
  /** Join or resume attempts per connection per minute. */
  joinsPerConnection: 10,
  /** Failed join or resume attempts (a PIN or token that fits nothing) per address per minute; successes are free. */
  joinsPerAddress: 30,
  /** A room nobody has touched for this long is closed. */
  idleRoomMs: 6 * 60 * 60 * 1000,
  /** A room whose host has been gone this long closes, and its players are told (the host may come back before). */
  hostlessRoomMs: Number(process.env['HOSTLESS_ROOM_MS']) || 10 * 60 * 1000,
  /** An away phone holds its place in a full room this long; then a newcomer may take the place (the seat stays). */
  awayGraceMs: 60 * 1000,
  /** Rooms open at once on this server (MAX_ROOMS): past it, opening answers "server full" at once. */
  maxRooms: Number(process.env['MAX_ROOMS']) || 2_000,
  /**
   * Rooms open at once from one address (MAX_ROOMS_PER_ADDRESS), counted by each server process: a script cannot
   * take every room, while a school's or an office's few hosts behind one NAT each open theirs.
   */
  maxRoomsPerAddress: Number(process.env['MAX_ROOMS_PER_ADDRESS']) || 20,
  /** Random PINs tried before a crowded PIN space answers "server full" instead of searching on. */
  pinAttempts: 20,
  /** How often the in-memory registry looks for idle rooms (Redis expires them by itself). */
  sweepMs: 60_000,
};
