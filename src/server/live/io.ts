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
  MAX_PAYLOAD,
  refuse,
  type ClientEvent,
  type ErrorCode,
  type LiveError,
  type ServerEvents,
} from '../../live/protocol.ts';
import { LIMITS, Window } from './limits.ts';
import { MemoryRooms, seatOf, type RoomRegistry } from './rooms.ts';

type Role = { role: 'host'; pin: string } | { role: 'player'; pin: string; id: string } | { role: 'none' };
type LiveSocket = Socket<Record<string, never>, ServerEvents, Record<string, never>, Role>;
type Ack = (reply: object) => void;

export interface LiveOptions {
  rooms?: RoomRegistry;
  /** Origins allowed to connect; default: any (a host on the Wi-Fi uses its own address). */
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
}

/** What the process has relayed since it started: for the operator's log line. */
export interface LiveCounters {
  messages: number;
}

export function attachLive(
  http: HttpServer,
  { rooms = new MemoryRooms(), origins, adapter, trustProxy = false, limits: overrides }: LiveOptions = {},
) {
  const limits = { ...LIMITS, ...overrides };
  const io = new Server<Record<string, never>, ServerEvents, Record<string, never>, Role>(http, {
    path: LIVE_PATH,
    serveClient: false,
    // Socket.IO drops a connection over this size before any handler runs; below it, MAX_PAYLOAD answers with an error.
    maxHttpBufferSize: 64 * 1024,
    // A locked phone or a lost network shows as away within ten seconds, not Socket.IO's default 45.
    pingInterval: 5_000,
    pingTimeout: 5_000,
    ...(adapter && { adapter }),
    ...(origins && {
      cors: { origin: origins },
      allowRequest: (req, callback) => callback(null, !req.headers.origin || origins.includes(req.headers.origin)),
    }),
  });
  const events = new Window(limits.eventsPerSecond, 1000);
  const joinsBySocket = new Window(limits.joinsPerConnection, 60_000);
  const joinsByAddress = new Window(limits.joinsPerAddress, 60_000);
  const counters: LiveCounters = { messages: 0 };
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

  async function closeRoom(pin: string) {
    io.to(playerRoom(pin)).emit('room:closed');
    knownSeats.delete(pin);
    await Promise.all([leave(playerRoom(pin), [playerRoom(pin)]), leave(hostRoom(pin), [hostRoom(pin)])]);
  }

  const sweep = setInterval(
    () =>
      void rooms.expire(Date.now()).then(
        (pins) => Promise.all(pins.map(closeRoom)),
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
    const address = (trustProxy && forwardedFor(socket.handshake.headers['x-forwarded-for'])) || socket.handshake.address;
    // One socket's events are handled one after the other, as they arrived: a join is seated before the answer
    // sent right after it is looked at, even though the registry answers asynchronously.
    let queue = Promise.resolve();

    const handlers: Record<ClientEvent, (payload: never, ack: Ack) => Promise<void>> = {
      'host:open': async (_: object, ack) => {
        if (socket.data.role !== 'none') return fail(ack, 'bad-payload');
        const { pin, hostToken } = await rooms.open(socket.id);
        socket.data = { role: 'host', pin };
        await socket.join(hostRoom(pin));
        ack({ ok: true, pin, hostToken, join: joinAddress(http, socket.handshake.headers.host) });
      },
      'host:resume': async ({ pin, hostToken }: { pin: string; hostToken: string }, ack) => {
        if (!joinAllowed()) return fail(ack, 'too-many');
        const resumed = await rooms.resumeHost(pin, hostToken, socket.id);
        if (typeof resumed === 'string') return fail(ack, resumed);
        // The room answers to this socket now: any older host socket, on any process, stops being its host.
        await leave(hostRoom(pin), [hostRoom(pin)], socket.id);
        socket.data = { role: 'host', pin };
        await socket.join(hostRoom(pin));
        const { locked, started } = resumed.room;
        ack({ ok: true, locked, started, players: resumed.players });
      },
      'host:kick': async ({ id }: { id: string }, ack) => {
        const pin = hosted(ack);
        if (!pin) return;
        const player = await rooms.kick(pin, id);
        if (!player) return fail(ack, 'no-player');
        knownSeats.get(pin)?.delete(id);
        // The kicked socket may be on another process: tell it and take it out of the game through the adapter.
        io.to(seatRoom(pin, id)).emit('room:kicked');
        await leave(seatRoom(pin, id), [playerRoom(pin), seatRoom(pin, id)]);
        ack({ ok: true });
      },
      'host:lock': async ({ locked }: { locked: boolean }, ack) => {
        const pin = hosted(ack);
        if (!pin) return;
        if (!(await rooms.setLocked(pin, locked))) return fail(ack, 'no-room');
        ack({ ok: true, locked });
      },
      'host:start': async (_: object, ack) => {
        const pin = hosted(ack);
        if (!pin) return;
        if (!(await rooms.start(pin))) return fail(ack, 'no-room');
        ack({ ok: true });
      },
      'host:show': async ({ to, screen }: { to: string; screen: never }, ack) => {
        const pin = hosted(ack);
        if (!pin) return;
        if (to === '*') io.to(playerRoom(pin)).emit('room:show', { from: 'host', screen });
        else {
          if (!(await seatExists(pin, to))) return fail(ack, 'no-player');
          io.to(seatRoom(pin, to)).emit('room:show', { from: 'host', screen });
        }
        rooms.touch(pin);
        ack({ ok: true });
      },
      'host:close': async (_: object, ack) => {
        const pin = hosted(ack);
        if (!pin) return;
        await closeRoom(pin);
        await rooms.close(pin);
        socket.data = { role: 'none' };
        ack({ ok: true });
      },
      'player:join': async ({ pin, nickname }: { pin: string; nickname: string }, ack) => {
        if (socket.data.role === 'host' || seated()) return fail(ack, 'bad-payload');
        if (!joinAllowed()) return fail(ack, 'too-many');
        const joined = await rooms.join(pin, nickname, socket.id);
        if (typeof joined === 'string') return fail(ack, joined);
        await seat(pin, joined.player);
        ack({ ok: true, id: joined.player.id, nickname: joined.player.nickname, token: joined.token });
      },
      'player:resume': async ({ pin, token }: { pin: string; token: string }, ack) => {
        if (socket.data.role === 'host') return fail(ack, 'bad-payload');
        if (!joinAllowed()) return fail(ack, 'too-many');
        const back = await rooms.resume(pin, token, socket.id);
        if (typeof back === 'string') return fail(ack, back);
        // The seat is this socket's now: an older socket of the same seat, on any process, no longer answers for it.
        await leave(seatRoom(pin, back.player.id), [seatRoom(pin, back.player.id)], socket.id);
        await seat(pin, back.player);
        ack({ ok: true, id: back.player.id, nickname: back.player.nickname });
      },
      'player:answer': async ({ round, answer }: { round: number; answer: never }, ack) => {
        const data = socket.data;
        // Kicked (perhaps by a host on another process), or the seat taken over by a newer socket.
        if (!seated() || data.role !== 'player') return fail(ack, 'not-player');
        if (!socket.rooms.has(playerRoom(data.pin))) return fail(ack, 'no-room');
        io.to(hostRoom(data.pin)).emit('room:answer', { from: data.id, round, answer });
        rooms.touch(data.pin);
        ack({ ok: true });
      },
    };

    function joinAllowed() {
      return joinsBySocket.take(socket.id) && joinsByAddress.take(address);
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

    /** The game this socket hosts, or a refusal: only the host's own socket may act as host. */
    function hosted(ack: Ack): string | undefined {
      const data = socket.data;
      if (data.role === 'host' && socket.rooms.has(hostRoom(data.pin))) return data.pin;
      fail(ack, data.role === 'host' ? 'no-room' : 'not-host');
      return undefined;
    }

    function fail(ack: Ack, code: ErrorCode) {
      ack(refuse(code));
    }

    socket.onAny((event: string, ...args: unknown[]) => {
      counters.messages++;
      const last = args.at(-1);
      const ack: Ack =
        typeof last === 'function'
          ? (last as Ack)
          : (reply) => {
              if ('ok' in reply && reply.ok === false) socket.emit('live:error', reply as unknown as LiveError);
            };
      if (!events.take(socket.id)) return fail(ack, 'too-many');
      if (!Object.hasOwn(CLIENT_EVENTS, event)) return fail(ack, 'unknown-event');
      const payload = args[0];
      let size: number;
      try {
        size = JSON.stringify(payload ?? null).length;
      } catch {
        return fail(ack, 'bad-payload');
      }
      if (size > MAX_PAYLOAD) return fail(ack, 'too-large');
      const parsed = CLIENT_EVENTS[event as ClientEvent].safeParse(payload);
      if (!parsed.success) return fail(ack, 'bad-payload');
      queue = queue
        .then(() => handlers[event as ClientEvent](parsed.data as never, ack))
        // The registry unreachable (Redis down past its retries): the sender hears nothing, as from a lost
        // packet, and the client's own retry or resume takes over. The next event is still handled.
        .catch((error: unknown) =>
          console.error(JSON.stringify({ level: 'error', msg: 'live event failed', event, error: String(error) })),
        );
    });

    socket.on('disconnect', () => {
      events.forget(socket.id);
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

/** The client's address as the nearest proxy saw it: the last entry, the one no client can forge past the proxy. */
function forwardedFor(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header.at(-1) : header;
  return value?.split(',').at(-1)?.trim() || undefined;
}

/**
 * Where phones join. Bound to every interface (HOST=0.0.0.0), the machine's own network address, which phones on
 * the same Wi-Fi can reach; otherwise the address the host's browser used.
 */
export function joinAddress(http: HttpServer, hostHeader: string | undefined): string {
  const bound = http.address();
  if (bound && typeof bound === 'object' && (bound.address === '0.0.0.0' || bound.address === '::')) {
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (lan) return `http://${lan.address}:${bound.port}/play/`;
  }
  return `http://${hostHeader ?? 'localhost'}/play/`;
}
