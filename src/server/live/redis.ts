// Several server processes, one set of games: with REDIS_URL set, Socket.IO's own Redis adapter carries every
// emission to the process that holds the socket, and the room registry lives in Redis.
//
// Why @socket.io/redis-streams-adapter and not @socket.io/redis-adapter: the pub/sub adapter forgets whatever was
// published while a process was cut off from Redis (pub/sub keeps nothing), so a Redis restart mid-question could
// drop an answer on its way to the host; the streams adapter appends every emission to a Redis stream and each
// process reads on from the last entry it saw, so after the restart the missed ones still arrive. It is also the
// one of the two that supports Socket.IO's connection-state recovery (the pub/sub adapter's documentation marks it
// unsupported), should the server turn that on later; today phones and hosts resume with their own tokens.
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient, type RedisClientType } from 'redis';
import { holdThroughOutages } from './outage.ts';
import { RedisRooms, type RedisRoomsOptions } from './redis-rooms.ts';

export interface RedisLive {
  redis: RedisClientType;
  adapter: (nsp: unknown) => ReturnType<ReturnType<typeof createAdapter>>;
  rooms: RedisRooms;
  /** Whether Redis answers now: for /healthz. */
  ready(): boolean;
  quit(): Promise<void>;
}

const MAX_LEN = 10_000;

export async function connectRedis(url: string, options: RedisRoomsOptions = {}): Promise<RedisLive> {
  const redis: RedisClientType = createClient({
    url,
    // Keep trying while Redis restarts (commands wait in the client's queue meanwhile), never give up:
    // a game resumes as soon as Redis is back.
    socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 1_000) },
  });
  let reported = false;
  redis.on('error', (error: Error) => {
    // Reconnecting is the client's job; say it once per outage, not once per retry.
    if (!reported) console.error(JSON.stringify({ level: 'warn', msg: 'redis unreachable', error: error.message }));
    reported = true;
  });
  redis.on('ready', () => {
    reported = false;
  });
  await redis.connect();
  // The stream is trimmed to this many entries: far more than any process falls behind in a Redis restart.
  const streams = createAdapter(redis, { maxLen: MAX_LEN, onlyPlaintext: true });
  return {
    redis,
    // Socket.IO calls it with `new`: a function, not an arrow, whose returned object is what `new` gives.
    adapter: function (nsp) {
      const adapter = streams(nsp);
      // Publishes refused during an outage wait and go out in order once Redis takes them (outage.ts).
      adapter.doPublish = holdThroughOutages(redis, adapter.doPublish.bind(adapter), {
        maxHeld: MAX_LEN,
        onDrop: (count) => console.error(JSON.stringify({ level: 'warn', msg: 'redis outage: emissions given up', count })),
      });
      return adapter;
    },
    rooms: new RedisRooms(redis, options),
    ready: () => redis.isReady,
    quit: async () => {
      if (redis.isOpen) await redis.quit().catch(() => redis.destroy());
    },
  };
}
