// Live games' realtime endpoint: Socket.IO on the site's HTTP server. The server opens rooms, seats players,
// relays between the host and the phones and guards the way: every event is checked against the protocol's
// schema, sized, rate-limited and allowed only to the role that may send it. Each relayed message is stamped
// with the sender's identity as the server knows it (never as the sender claims), so nobody can act for
// someone else. It keeps no question and no answer key: the host's browser runs the game.
import type { Server as HttpServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import { Server, type Socket } from 'socket.io';
import {
  CLIENT_EVENTS,
  MAX_PAYLOAD,
  refuse,
  type ClientEvent,
  type ErrorCode,
  type LiveError,
  type ServerEvents,
} from '../../live/protocol.ts';
import { LIMITS, Window } from './limits.ts';
import { Rooms, seatOf, type Room } from './rooms.ts';

type Role = { role: 'host'; pin: string } | { role: 'player'; pin: string; id: string } | { role: 'none' };
type LiveSocket = Socket<Record<string, never>, ServerEvents, Record<string, never>, Role>;
type Ack = (reply: object) => void;

export interface LiveOptions {
  rooms?: Rooms;
  /** Origins allowed to connect; default: any (a host on the Wi-Fi uses its own address). */
  origins?: string[] | undefined;
}

export function attachLive(http: HttpServer, { rooms = new Rooms(), origins }: LiveOptions = {}) {
  const io = new Server<Record<string, never>, ServerEvents, Record<string, never>, Role>(http, {
    path: '/live/',
    serveClient: false,
    // Socket.IO drops a connection over this size before any handler runs; below it, MAX_PAYLOAD answers with an error.
    maxHttpBufferSize: 64 * 1024,
    // A locked phone or a lost network shows as away within ten seconds, not Socket.IO's default 45.
    pingInterval: 5_000,
    pingTimeout: 5_000,
    ...(origins && {
      cors: { origin: origins },
      allowRequest: (req, callback) => callback(null, !req.headers.origin || origins.includes(req.headers.origin)),
    }),
  });
  const events = new Window(LIMITS.eventsPerSecond, 1000);
  const joinsBySocket = new Window(LIMITS.joinsPerConnection, 60_000);
  const joinsByAddress = new Window(LIMITS.joinsPerAddress, 60_000);
  const playerRoom = (pin: string) => `room:${pin}`;

  const sweep = setInterval(() => {
    for (const room of rooms.idle(Date.now(), LIMITS.idleRoomMs)) close(room);
  }, 60_000);
  sweep.unref();
  io.engine.on('close', () => clearInterval(sweep));

  function close(room: Room) {
    io.to(playerRoom(room.pin)).emit('room:closed');
    rooms.close(room.pin);
  }

  io.on('connection', (socket: LiveSocket) => {
    socket.data = { role: 'none' };
    const address = socket.handshake.address;

    const handlers: Record<ClientEvent, (payload: never, ack: Ack) => void> = {
      'host:open': (_: object, ack) => {
        if (socket.data.role !== 'none') return fail(ack, 'bad-payload');
        const { room, hostToken } = rooms.open(socket.id);
        socket.data = { role: 'host', pin: room.pin };
        ack({ ok: true, pin: room.pin, hostToken, join: joinAddress(http, socket.handshake.headers.host) });
      },
      'host:resume': ({ pin, hostToken }: { pin: string; hostToken: string }, ack) => {
        if (!joinAllowed()) return fail(ack, 'too-many');
        const room = rooms.get(pin);
        if (!room) return fail(ack, 'no-room');
        if (!rooms.isHost(room, hostToken)) return fail(ack, 'bad-token');
        room.hostSocket = socket.id;
        room.touched = Date.now();
        socket.data = { role: 'host', pin };
        ack({ ok: true, locked: room.locked, started: room.started, players: [...room.players.values()].map(seatOf) });
      },
      'host:kick': ({ id }: { id: string }, ack) => {
        const room = hosted(ack);
        if (!room) return;
        const player = room.players.get(id);
        if (!player) return fail(ack, 'no-player');
        room.players.delete(id);
        if (player.socket) {
          const them = io.sockets.sockets.get(player.socket);
          them?.emit('room:kicked');
          them?.leave(playerRoom(room.pin));
          if (them) them.data = { role: 'none' };
        }
        ack({ ok: true });
      },
      'host:lock': ({ locked }: { locked: boolean }, ack) => {
        const room = hosted(ack);
        if (!room) return;
        room.locked = locked;
        ack({ ok: true, locked });
      },
      'host:start': (_: object, ack) => {
        const room = hosted(ack);
        if (!room) return;
        room.started = true;
        ack({ ok: true });
      },
      'host:show': ({ to, screen }: { to: string; screen: never }, ack) => {
        const room = hosted(ack);
        if (!room) return;
        if (to === '*') io.to(playerRoom(room.pin)).emit('room:show', { from: 'host', screen });
        else {
          const player = room.players.get(to);
          if (!player) return fail(ack, 'no-player');
          if (player.socket) io.to(player.socket).emit('room:show', { from: 'host', screen });
        }
        ack({ ok: true });
      },
      'host:close': (_: object, ack) => {
        const room = hosted(ack);
        if (!room) return;
        close(room);
        socket.data = { role: 'none' };
        ack({ ok: true });
      },
      'player:join': ({ pin, nickname }: { pin: string; nickname: string }, ack) => {
        if (socket.data.role !== 'none') return fail(ack, 'bad-payload');
        if (!joinAllowed()) return fail(ack, 'too-many');
        const joined = rooms.join(pin, nickname, socket.id);
        if (typeof joined === 'string') return fail(ack, joined);
        seat(pin, joined.player.id);
        ack({ ok: true, id: joined.player.id, nickname: joined.player.nickname, token: joined.token });
      },
      'player:resume': ({ pin, token }: { pin: string; token: string }, ack) => {
        if (socket.data.role === 'host') return fail(ack, 'bad-payload');
        if (!joinAllowed()) return fail(ack, 'too-many');
        const back = rooms.resume(pin, token, socket.id);
        if (typeof back === 'string') return fail(ack, back);
        seat(pin, back.player.id);
        ack({ ok: true, id: back.player.id, nickname: back.player.nickname });
      },
      'player:answer': ({ round, answer }: { round: number; answer: never }, ack) => {
        const data = socket.data;
        if (data.role !== 'player') return fail(ack, data.role === 'host' ? 'not-player' : 'not-player');
        const room = rooms.get(data.pin);
        if (!room) return fail(ack, 'no-room');
        room.touched = Date.now();
        if (room.hostSocket) io.to(room.hostSocket).emit('room:answer', { from: data.id, round, answer });
        ack({ ok: true });
      },
    };

    function joinAllowed() {
      return joinsBySocket.take(socket.id) && joinsByAddress.take(address);
    }

    function seat(pin: string, id: string) {
      socket.data = { role: 'player', pin, id };
      void socket.join(playerRoom(pin));
      const room = rooms.get(pin)!;
      const player = room.players.get(id)!;
      if (room.hostSocket) io.to(room.hostSocket).emit('room:seat', seatOf(player));
    }

    /** The room this socket hosts, or a refusal: only the host's own socket may act as host. */
    function hosted(ack: Ack): Room | undefined {
      const data = socket.data;
      const room = data.role === 'host' ? rooms.get(data.pin) : undefined;
      if (!room || room.hostSocket !== socket.id) {
        fail(ack, data.role === 'host' ? 'no-room' : 'not-host');
        return undefined;
      }
      room.touched = Date.now();
      return room;
    }

    function fail(ack: Ack, code: ErrorCode) {
      ack(refuse(code));
    }

    socket.onAny((event: string, ...args: unknown[]) => {
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
      handlers[event as ClientEvent](parsed.data as never, ack);
    });

    socket.on('disconnect', () => {
      events.forget(socket.id);
      joinsBySocket.forget(socket.id);
      const data = socket.data;
      if (data.role === 'host') {
        const room = rooms.get(data.pin);
        if (room?.hostSocket === socket.id) room.hostSocket = null;
      } else if (data.role === 'player') {
        const room = rooms.get(data.pin);
        const player = room?.players.get(data.id);
        if (room && player?.socket === socket.id) {
          player.socket = null;
          player.connected = false;
          if (room.hostSocket) io.to(room.hostSocket).emit('room:seat', seatOf(player));
        }
      }
    });
  });

  return { io, rooms };
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
