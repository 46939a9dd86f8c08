// The operator's view of live games: one JSON line every so often on stdout, for whatever collects logs.
// Counts only, never a nickname, a PIN or a token: a log is read by more people than a game's players.
import type { Server } from 'socket.io';
import type { LiveCounters } from './io.ts';
import type { RoomRegistry } from './rooms.ts';

export interface Observed {
  io: Server;
  rooms: RoomRegistry;
  counters: LiveCounters;
  /** Present when rooms are shared through Redis. */
  redis?: { ready(): boolean } | undefined;
}

/** What the line says: rooms and seats (every process's, with Redis), this process's connections, messages/s. */
export async function snapshot({ io, rooms, counters, redis }: Observed, sinceMessages: number, seconds: number) {
  const up = redis?.ready() ?? true;
  const stats = up ? await rooms.stats() : undefined;
  return {
    level: 'info',
    msg: 'live',
    rooms: stats?.rooms ?? null,
    players: stats?.players ?? null,
    connections: io.engine.clientsCount,
    messagesPerSecond: Math.round(((counters.messages - sinceMessages) / seconds) * 10) / 10,
    ...(redis && { redis: up ? 'up' : 'down' }),
  };
}

/** Logs a snapshot every `ms`; returns the way to stop. */
export function logEvery(ms: number, observed: Observed, log: (line: string) => void = console.log): () => void {
  let since = observed.counters.messages;
  const timer = setInterval(() => {
    const before = since;
    since = observed.counters.messages;
    void snapshot(observed, before, ms / 1000).then(
      (line) => log(JSON.stringify(line)),
      () => undefined,
    );
  }, ms);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * The same counts for Prometheus (METRICS=1), on /metrics in its text format: rooms and seats, connections, and
 * messages relayed since the process started. Off by default: counts say how busy a server is, which is the
 * operator's business, not every visitor's.
 */
export async function prometheus(observed: Observed) {
  const { Counter, Gauge, Registry } = await import('prom-client');
  const registry = new Registry();
  const stats = async () => ((observed.redis?.ready() ?? true) ? observed.rooms.stats() : undefined);
  new Gauge({
    name: 'dbweek_live_rooms',
    help: 'Live game rooms open (every process, with Redis).',
    registers: [registry],
    async collect() {
      const s = await stats();
      if (s) this.set(s.rooms);
    },
  });
  new Gauge({
    name: 'dbweek_live_players',
    help: 'Seats in open rooms (every process, with Redis).',
    registers: [registry],
    async collect() {
      const s = await stats();
      if (s) this.set(s.players);
    },
  });
  new Gauge({
    name: 'dbweek_live_connections',
    help: 'WebSocket connections to this process.',
    registers: [registry],
    collect() {
      this.set(observed.io.engine.clientsCount);
    },
  });
  let counted = 0;
  new Counter({
    name: 'dbweek_live_messages_total',
    help: 'Messages this process has received from clients.',
    registers: [registry],
    collect() {
      this.inc(observed.counters.messages - counted);
      counted = observed.counters.messages;
    },
  });
  return registry;
}
