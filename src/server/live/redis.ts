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
import { RedisRooms, type RedisRoomsOptions } from './redis-rooms.ts';

export interface RedisLive {
  redis: RedisClientType;
  adapter: ReturnType<typeof createAdapter>;
  rooms: RedisRooms;
  /** Whether Redis answers now: for /healthz. */
  ready(): boolean;
  quit(): Promise<void>;
}

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
  return {
    redis,
    // The stream is trimmed to this many entries: far more than any process falls behind in a Redis restart.
    adapter: createAdapter(redis, { maxLen: 10_000, onlyPlaintext: true }),
    rooms: new RedisRooms(redis, options),
    ready: () => redis.isReady,
    quit: async () => {
      if (redis.isOpen) await redis.quit().catch(() => redis.destroy());
    },
  };
}
