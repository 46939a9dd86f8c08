// Live games' realtime endpoint: Socket.IO on the site's HTTP server. The server opens rooms, seats players,
// relays between the host and the phones and guards the way: every event is checked against the protocol's
// schema, sized, rate-limited and allowed only to the role that may send it. Each relayed message is stamped
// with the sender's identity as the server knows it (never as the sender claims), so nobody can act for
// someone else. It keeps no question and no answer key: the host's browser runs the game.
import type { Server as HttpServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import {
  CLIENT_EVENTS,
  LIVE_PATH,
  parsePayload,
  playerAnswer,
  MAX_PAYLOAD,
  payloadBytes,
  refuse,
  type ClientEvent,
  type ClientToServer,
  type ErrorCode,
  type PayloadOf,
  type Refusal,
  type ReplyOf,
  type ServerToClient,
} from '../../live/protocol.ts';
import { LIMITS, Window } from './limits.ts';
import { MemoryRooms, seatOf, type RoomRegistry } from './rooms.ts';

type Role = { role: 'host'; pin: string } | { role: 'player'; pin: string; id: string } | { role: 'none' };
type LiveServer = Server<ClientToServer, ServerToClient, Record<string, never>, Role>;
type LiveSocket = Socket<ClientToServer, ServerToClient, Record<string, never>, Role>;
// ReplyOf<E> holds the refusal too; spelt out so that a generic handler may refuse without knowing E.
type Ack<E extends ClientEvent> = (reply: ReplyOf<E> | Refusal) => void;
/** One handler per event: its payload already parsed by the event's schema; it answers through `ack`, always. */
type Handlers = { [E in ClientEvent]: (payload: PayloadOf<E>, ack: Ack<E>) => Promise<void> };

export interface LiveOptions {
  rooms?: RoomRegistry;
  /** Origins allowed to connect besides the site's own (ALLOWED_ORIGINS); default: the site's own, or any on loopback. */
  origins?: string[] | undefined;
  /** Socket.IO's adapter: the Redis one (`redis.ts`) when several processes share rooms; default: in memory. */
  adapter?: ServerOptions['adapter'];
  /**
   * Behind a reverse proxy every connection comes from the proxy's address: trust its X-Forwarded-For instead,
   * so that the per-address PIN throttle counts phones, not the proxy. Only where the proxy sets that header.
   */
  trustProxy?: boolean;
  /** Tighter limits, for tests that cross them quickly. */
  limits?: Partial<typeof LIMITS>;
  /**
   * How often the server pings each socket and how long it waits for the pong. A phone that drops off shows as away
   * after about their sum. Default 5 s + 5 s; tests of dropped networks set them short (LIVE_PING_MS).
   */
  heartbeatMs?: { interval: number; timeout: number };
}

/** What the process has relayed since it started: for the operator's log line. */
export interface LiveCounters {
  messages: number;
}

export function attachLive(
  http: HttpServer,
  {
    rooms = new MemoryRooms(),
    origins,
    adapter,
    trustProxy = false,
    limits: overrides,
    heartbeatMs = { interval: 5_000, timeout: 5_000 },
  }: LiveOptions = {},
) {
  const limits = { ...LIMITS, ...overrides };
  const io: LiveServer = new Server(http, {
    path: LIVE_PATH,
    serveClient: false,
    // Socket.IO drops a connection over this size before any handler runs; below it, MAX_PAYLOAD answers with an error.
    maxHttpBufferSize: 64 * 1024,
    // A locked phone or a lost network shows as away within ten seconds, not Socket.IO's default 45.
    pingInterval: heartbeatMs.interval,
    pingTimeout: heartbeatMs.timeout,
    ...(adapter && { adapter }),
    ...(origins && { cors: { origin: origins } }),
    // Which pages may open a WebSocket here: the site's own (same origin) always, the ALLOWED_ORIGINS ones, and
    // any while the server listens on loopback only (a developer's machine). Bound to the network, a page on another
    // site cannot drive a room from a visitor's browser. Clients without an Origin (scripts) are not browsers to guard.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(
        null,
        !origin || origins?.includes(origin) || sameHost(origin, req.headers.host) || (!origins && loopbackOnly(http)),
      );
    },
  });
  const events = new Window(limits.eventsPerSecond, 1000);
  const hostEvents = new Window(limits.hostEventsPerSecond, 1000);
  const joinsBySocket = new Window(limits.joinsPerConnection, 60_000);
  // Per address, only the attempts that fail (a PIN or token that fits nothing) count: a whole office behind one NAT
  // joins freely, while guessing PINs from one address is held to a few a second.
  const failedByAddress = new Window(limits.joinsPerAddress, 60_000);
  const counters: LiveCounters = { messages: 0 };
  // Rooms opened from each address on this process, their PINs: pruned of closed ones when the address opens again.
  const roomsByAddress = new Map<string, Set<string>>();

  /** Whether `address` may open one more room: fewer than the limit of its rooms are still open. */
  async function mayOpenFrom(address: string): Promise<boolean> {
    const pins = roomsByAddress.get(address);
    if (!pins || pins.size < limits.maxRoomsPerAddress) return true;
    for (const pin of pins) if (!(await rooms.isOpen(pin))) pins.delete(pin);
    return pins.size < limits.maxRoomsPerAddress;
  }
  function openedFrom(address: string, pin: string) {
    if (!roomsByAddress.has(address) && roomsByAddress.size > 10_000) {
      // Addresses whose rooms all closed long ago are forgotten first; a flood of addresses cannot grow this for ever.
      for (const [a, pins] of roomsByAddress) if (pins.size === 0) roomsByAddress.delete(a);
    }
    roomsByAddress.set(address, (roomsByAddress.get(address) ?? new Set()).add(pin));
  }
  // Routing is by Socket.IO rooms, which the adapter keeps across processes: every emission goes through
  // io.to(...) and reaches its sockets on whichever process holds them. A player's socket is in the game's room
  // and in its seat's room, the host's socket in the game's host room. Membership also says who may do what
  // (socket.rooms is local and synchronous), so relaying a screen or an answer asks the registry nothing: it is
  // consulted to open, join, resume, kick, lock, start and close, which is where it must be right.
  const playerRoom = (pin: string) => `room:${pin}`;
  const hostRoom = (pin: string) => `host:${pin}`;
  const seatRoom = (pin: string, id: string) => `seat:${pin}:${id}`;
  // Seats known to exist, per game, so that a screen for one player checks the id without a registry round trip.
  const knownSeats = new Map<string, Set<string>>();

  /**
   * Every socket in `room`, on every process, leaves the rooms `left`; `except` (a socket id) stays. Awaited: with
   * a cluster adapter the local sockets leave only once the message is in Redis, and what follows must see them gone.
   */
  async function leave(room: string, left: string[], except?: string) {
    // Typed as void by the in-memory adapter; the cluster adapters return a promise.
    await Promise.resolve(
      io.of('/').adapter.delSockets({ rooms: new Set([room]), except: new Set(except ? [except] : []) }, left),
    );
  }

  /**
   * Tell a closed room's sockets and drop them from it. Called once the registry has closed the room, so that a
   * join arriving meanwhile, on any process, is refused by the registry rather than seated in a room about to go.
   */
  async function dropRoom(pin: string) {
    io.to(playerRoom(pin)).emit('room:closed');
    knownSeats.delete(pin);
    await Promise.all([leave(playerRoom(pin), [playerRoom(pin)]), leave(hostRoom(pin), [hostRoom(pin)])]);
  }

  const sweep = setInterval(
    () =>
      void rooms.expire(Date.now()).then(
        (pins) => Promise.all(pins.map(dropRoom)),
        () => undefined,
      ),
    limits.sweepMs,
  );
  sweep.unref();
  io.engine.on('close', () => clearInterval(sweep));

  async function seatExists(pin: string, id: string): Promise<boolean> {
    if (knownSeats.get(pin)?.has(id)) return true;
    if (!(await rooms.player(pin, id))) return false;
    if (knownSeats.size > 10_000) knownSeats.clear();
    knownSeats.set(pin, (knownSeats.get(pin) ?? new Set()).add(id));
    return true;
  }

  io.on('connection', (socket: LiveSocket) => {
    socket.data = { role: 'none' };
    const headers = socket.handshake.headers;
    const address = (trustProxy && forwardedFor(headers['x-forwarded-for'])) || socket.handshake.address;
    const scheme = (trustProxy && forwardedFor(headers['x-forwarded-proto'])) || (socket.handshake.secure ? 'https' : 'http');
    // One socket's events are handled one after the other, as they arrived: a join is seated before the answer
    // sent right after it is looked at, even though the registry answers asynchronously.
    let queue = Promise.resolve();

    const handlers: Handlers = {
      'host:open': async ({ base }, ack) => {
        if (socket.data.role !== 'none') return ack(refuse('bad-payload'));
        if (!(await mayOpenFrom(address))) return ack(refuse('too-many-rooms'));
        const opened = await rooms.open(socket.id);
        if (typeof opened === 'string') return ack(refuse(opened));
        const { pin, hostToken } = opened;
        openedFrom(address, pin);
        socket.data = { role: 'host', pin };
        await socket.join(hostRoom(pin));
        ack({ ok: true, pin, hostToken, join: joinAddress(http, scheme, headers.host, base) });
      },
      'host:resume': async ({ pin, hostToken }, ack) => {
        if (!joinAllowed()) return ack(refuse('too-many'));
        const resumed = await rooms.resumeHost(pin, hostToken, socket.id);
        if (typeof resumed === 'string') return ack(failed(resumed));
        // The room answers to this socket now: any older host socket, on any process, stops being its host.
        await leave(hostRoom(pin), [hostRoom(pin)], socket.id);
        socket.data = { role: 'host', pin };
        await socket.join(hostRoom(pin));
        const { locked, started } = resumed.room;
        ack({ ok: true, locked, started, players: resumed.players });
        // Answers kept while the host was away (or on its way back) reach it now; it keeps those of its open round.
        for (const kept of await rooms.answers(pin)) {
          const parsed = playerAnswer.safeParse(kept);
          if (parsed.success) socket.emit('room:answer', { from: kept.from, ...parsed.data });
        }
      },
      'host:restore': async ({ seats, ...room }, ack) => {
        // Not rate-limited as joins are: only the host token it was opened with lets a chunk add to a room, and a new
        // room counts against MAX_ROOMS like host:open.
        if (socket.data.role === 'player') return ack(refuse('bad-payload'));
        const isNew = !(await rooms.isOpen(room.pin));
        if (isNew && !(await mayOpenFrom(address))) return ack(refuse('too-many-rooms'));
        const restored = await rooms.restore({ ...room, seats }, socket.id);
        if (restored !== true) return ack(refuse(restored));
        if (isNew) openedFrom(address, room.pin);
        socket.data = { role: 'host', pin: room.pin };
        await socket.join(hostRoom(room.pin));
        ack({ ok: true });
      },
      'host:kick-away': async (_, ack) => {
        const pin = hosted();
        if (typeof pin !== 'string') return ack(pin);
        const removed = await rooms.kickAway(pin);
        for (const player of removed) {
          knownSeats.get(pin)?.delete(player.id);
          io.to(seatRoom(pin, player.id)).emit('room:kicked');
          await leave(seatRoom(pin, player.id), [playerRoom(pin), seatRoom(pin, player.id)]);
        }
        ack({ ok: true, removed: removed.map((p) => p.id) });
      },
      'host:kick': async ({ id }, ack) => {
        const pin = hosted();
        if (typeof pin !== 'string') return ack(pin);
        const player = await rooms.kick(pin, id);
        if (!player) return ack(refuse('no-player'));
        knownSeats.get(pin)?.delete(id);
        // The kicked socket may be on another process: tell it and take it out of the game through the adapter.
        io.to(seatRoom(pin, id)).emit('room:kicked');
        await leave(seatRoom(pin, id), [playerRoom(pin), seatRoom(pin, id)]);
        ack({ ok: true });
      },
      'host:lock': async ({ locked }, ack) => {
        const pin = hosted();
        if (typeof pin !== 'string') return ack(pin);
        if (!(await rooms.setLocked(pin, locked))) return ack(refuse('no-room'));
        ack({ ok: true, locked });
      },
      'host:start': async ({ lateJoin = true }, ack) => {
        const pin = hosted();
        if (typeof pin !== 'string') return ack(pin);
        const players = await rooms.start(pin, lateJoin);
        if (!players) return ack(refuse('no-room'));
        ack({ ok: true, players });
      },
      'host:show': async ({ to, screen }, ack) => {
        const pin = hosted();
        if (typeof pin !== 'string') return ack(pin);
        if (to === '*') io.to(playerRoom(pin)).emit('room:show', { from: 'host', screen });
        else {
          if (!(await seatExists(pin, to))) return ack(refuse('no-player'));
          io.to(seatRoom(pin, to)).emit('room:show', { from: 'host', screen });
        }
        rooms.touch(pin);
        ack({ ok: true });
      },
      'host:close': async (_, ack) => {
        const pin = hosted();
        if (typeof pin !== 'string') return ack(pin);
        await rooms.close(pin);
        await dropRoom(pin);
        socket.data = { role: 'none' };
        ack({ ok: true });
      },
      'player:join': async ({ pin, nickname }, ack) => {
        if (socket.data.role === 'host' || seated()) return ack(refuse('bad-payload'));
        if (!joinAllowed()) return ack(refuse('too-many'));
        const joined = await rooms.join(pin, nickname, socket.id);
        if (typeof joined === 'string') return ack(failed(joined));
        await seat(pin, joined.player);
        ack({ ok: true, id: joined.player.id, nickname: joined.player.nickname, token: joined.token });
      },
      'player:resume': async ({ pin, token }, ack) => {
        if (socket.data.role === 'host') return ack(refuse('bad-payload'));
        if (!joinAllowed()) return ack(refuse('too-many'));
        const back = await rooms.resume(pin, token, socket.id);
        // Not counted against the address: after a restart every phone of a room (one office, one address) finds no
        // room until its host gives it back. A token cannot be guessed; the per-connection limit still holds.
        if (typeof back === 'string') return ack(refuse(back));
        // The seat is this socket's now: an older socket of the same seat, on any process, no longer answers for it.
        await leave(seatRoom(pin, back.player.id), [seatRoom(pin, back.player.id)], socket.id);
        await seat(pin, back.player);
        ack({ ok: true, id: back.player.id, nickname: back.player.nickname });
      },
      'player:answer': async ({ round, answer }, ack) => {
        const data = socket.data;
        // Kicked (perhaps by a host on another process), or the seat taken over by a newer socket.
        if (!seated() || data.role !== 'player') return ack(refuse('not-player'));
        if (!socket.rooms.has(playerRoom(data.pin))) return ack(refuse('no-room'));
        // The first answer per seat per round is kept and relayed; a repeat is acknowledged and dropped here, so a
        // bot repeating itself never reaches the host's page (whose clock gives the points). A host that missed the
        // first gets it again from the kept answers when it resumes.
        const kept = await rooms.answer(data.pin, data.id, round, answer);
        // The registry is the word on who is seated: a kick through another process may not have reached here yet.
        if (kept === 'no-player') return ack(refuse('not-player'));
        if (kept === 'repeat') return ack({ ok: true });
        io.to(hostRoom(data.pin)).emit('room:answer', { from: data.id, round, answer });
        rooms.touch(data.pin);
        ack({ ok: true });
      },
    };

    function joinAllowed() {
      return joinsBySocket.take(socket.id) && !failedByAddress.spent(address);
    }

    /** A join or resume that fit nothing: counted against the address. */
    function failed(code: ErrorCode): Refusal {
      if (code === 'no-room' || code === 'bad-token') failedByAddress.take(address);
      return refuse(code);
    }

    /** Whether this socket holds a seat; one that lost it (kicked, taken over) may join again as someone new. */
    function seated(): boolean {
      const data = socket.data;
      if (data.role !== 'player') return false;
      if (socket.rooms.has(seatRoom(data.pin, data.id))) return true;
      socket.data = { role: 'none' };
      return false;
    }

    async function seat(pin: string, player: { id: string; nickname: string; connected: boolean }) {
      socket.data = { role: 'player', pin, id: player.id };
      knownSeats.set(pin, (knownSeats.get(pin) ?? new Set()).add(player.id));
      await socket.join([playerRoom(pin), seatRoom(pin, player.id)]);
      io.to(hostRoom(pin)).emit('room:seat', seatOf(player));
    }

    /** The game this socket hosts, or the refusal to answer with: only the host's own socket may act as host. */
    function hosted(): string | Refusal {
      const data = socket.data;
      if (data.role === 'host' && socket.rooms.has(hostRoom(data.pin))) return data.pin;
      return refuse(data.role === 'host' ? 'no-room' : 'not-host');
    }

    /** Parse with the event's schema, then run its handler; every path ends in exactly one acknowledgement. */
    function handle<E extends ClientEvent>(event: E, raw: unknown, ack: Ack<E>) {
      const payload = parsePayload(event, raw);
      if (payload === undefined) return ack(refuse('bad-payload'));
      const handler: Handlers[E] = handlers[event];
      queue = queue
        .then(() => handler(payload, ack))
        // The registry unreachable (Redis down past its retries): the sender is told at once, and its own retry
        // or resume takes over. The next event is still handled.
        .catch((error: unknown) => {
          console.error(JSON.stringify({ level: 'error', msg: 'live event failed', event, error: String(error) }));
          ack(refuse('unavailable'));
        });
    }

    socket.onAny((event: string, ...args: unknown[]) => {
      counters.messages++;
      const last = args.at(-1);
      // Without an acknowledgement callback, a refusal goes back as a live:error event instead.
      const ack = (reply: { ok: true } | Refusal) => {
        if (typeof last === 'function') last(reply);
        else if (!reply.ok) socket.emit('live:error', { error: reply.error, message: reply.message });
      };
      if (!(socket.data.role === 'host' ? hostEvents : events).take(socket.id)) {
        // One refusal, then the connection goes: a flood gets no stream of replies to keep it busy. A host (who
        // sends a screen per player) is only refused: dropping it would stall its whole room.
        ack(refuse('too-many'));
        if (socket.data.role !== 'host') socket.disconnect(true);
        return;
      }
      if (!isClientEvent(event)) return ack(refuse('unknown-event'));
      const payload = args[0];
      let size: number;
      try {
        size = payloadBytes(payload);
      } catch {
        return ack(refuse('bad-payload'));
      }
      if (size > MAX_PAYLOAD) return ack(refuse('too-large'));
      handle(event, payload, ack);
    });

    socket.on('disconnect', () => {
      events.forget(socket.id);
      hostEvents.forget(socket.id);
      joinsBySocket.forget(socket.id);
      const data = socket.data;
      queue = queue
        .then(async () => {
          if (data.role === 'host') await rooms.hostLeft(data.pin, socket.id);
          else if (data.role === 'player') {
            const player = await rooms.left(data.pin, data.id, socket.id);
            if (player) io.to(hostRoom(data.pin)).emit('room:seat', seatOf(player));
          }
        })
        .catch(() => undefined);
    });
  });

  return { io, rooms, counters };
}

const sameHost = (origin: string, host: string | undefined) => {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
};

/** Whether the server listens on loopback only, where only this machine's own pages can reach it anyway. */
function loopbackOnly(http: HttpServer): boolean {
  const bound = http.address();
  if (!bound || typeof bound !== 'object') return true;
  return bound.address === '::1' || bound.address.startsWith('127.') || bound.address === '::ffff:127.0.0.1';
}

const isClientEvent = (event: string): event is ClientEvent => Object.hasOwn(CLIENT_EVENTS, event);

/** The client's address as the nearest proxy saw it: the last entry, the one no client can forge past the proxy. */
function forwardedFor(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header.at(-1) : header;
  return value?.split(',').at(-1)?.trim() || undefined;
}

/**
 * Where phones join: the site's play page under its base path, by the scheme the host's browser used (behind a
 * TLS proxy, the one it reports). Bound to every interface (HOST=0.0.0.0), the machine's own network address,
 * which phones on the same Wi-Fi can reach; otherwise the address the host's browser used.
 */
export function joinAddress(http: HttpServer, scheme: string, hostHeader: string | undefined, base = '/'): string {
  const path = `${base.replace(/\/?$/, '/')}play/`;
  const bound = http.address();
  if (bound && typeof bound === 'object' && (bound.address === '0.0.0.0' || bound.address === '::')) {
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (lan) return `${scheme}://${lan.address}:${bound.port}${path}`;
  }
  return `${scheme}://${hostHeader ?? 'localhost'}${path}`;
}
