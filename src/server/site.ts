// The site's own server: the built site (dist/) as any good static host serves it. Gzip or brotli for text,
// a year of caching for the hashed files under /_astro/, revalidation for pages, folders answered with their
// index.html (a missing trailing slash is redirected, as the build writes every page as a folder), and the
// 404 page with status 404. `npm start`, `npm run serve`, the end-to-end tests and the benchmark all use it;
// live games attach their realtime endpoint to the same HTTP server.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { constants } from 'node:zlib';
import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { challengeRoutes } from './challenges/routes.ts';
import { attachLive } from './live/io.ts';
import { logEvery, prometheus } from './live/metrics.ts';
import { connectRedis } from './live/redis.ts';
import { MemoryRooms } from './live/rooms.ts';
import { ROOM_CAPACITY } from '../live/protocol.ts';

export interface SiteOptions {
  /** The built site. Default: dist/ in the working directory. */
  root?: string;
  /** Fastify's request log. Default: off. */
  logger?: boolean;
  /** Live games (Socket.IO on /live/). Default: on. */
  live?: boolean;
  /** The built site. Default: on; off for a live-only process when the site is served from elsewhere (a CDN). */
  site?: boolean;
  /** Rooms shared through this Redis (several processes, one set of games). Default: REDIS_URL, else in memory. */
  redisUrl?: string | undefined;
  /** One log line with rooms, players and messages per second this often. Default: never. */
  logEveryMs?: number | undefined;
}

/**
 * Pagefind's index files are gzip inside. Served as application/octet-stream, which the compression plugin
 * counts as compressible, they would pass through untouched yet be labelled with the encoding it chose, which
 * browsers (and the service worker's cache) reject. Labelled as gzip data, they are left alone.
 */
const PRECOMPRESSED = /[\\/]pagefind[\\/].*\.(?:pf_meta|pf_index|pf_fragment|pf_filter|pagefind)$/;

/** Files whose names carry a content hash never change: browsers may keep them for a year. */
const HASHED = /[\\/]_astro[\\/]/;

export async function createSiteServer({
  root = resolve('dist'),
  logger = false,
  live = true,
  site = true,
  redisUrl = process.env['REDIS_URL'] || undefined,
  logEveryMs,
}: SiteOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger });
  await secureHeaders(app);
  if (site) await serveSite(app, root);
  if (live) await serveLive(app, { redisUrl, logEveryMs });
  await app.register(challengeRoutes); // Assigned challenges: HTTP JSON under /api/challenges, results in a database.
  return app;
}

/**
 * Security headers on every response (helmet's, with its defaults). The pages carry their own Content-Security-Policy
 * as a meta tag, with the hashes of their scripts; a header policy would intersect with it, so the header adds only
 * what a meta tag cannot say: that no other site may frame these pages (frame-ancestors 'none').
 */
async function secureHeaders(app: FastifyInstance) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: helmet.contentSecurityPolicy.dangerouslyDisableDefaultSrc,
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // The site is served over plain HTTP on a laptop in a room as often as behind TLS: HSTS is the proxy's to set.
    strictTransportSecurity: false,
  });
}

async function serveSite(app: FastifyInstance, root: string) {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`No built site in ${root}: run \`npm run build\` first (or \`npm start\`, which builds, then serves).`);
  }
  // Compression must be registered before the static files so that it wraps their streams.
  // Brotli at quality 5 compresses nearly as well as 11 at a fraction of the CPU, which matters when compressing per request.
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: 512,
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
  });
  await app.register(fastifyStatic, {
    root,
    redirect: true,
    index: ['index.html'],
    cacheControl: false,
    setHeaders(reply, path) {
      if (PRECOMPRESSED.test(path)) reply.header('content-type', 'application/gzip');
      reply.header(
        'cache-control',
        HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
      );
    },
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('404.html'),
  );
}

async function serveLive(app: FastifyInstance, { redisUrl, logEveryMs }: Pick<SiteOptions, 'redisUrl' | 'logEveryMs'>) {
  const origins = process.env['ALLOWED_ORIGINS']
    ?.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  // ROOM_CAPACITY: players per room, 2,000 unless set.
  const capacity = Number(process.env['ROOM_CAPACITY']) || ROOM_CAPACITY;
  const shared = redisUrl ? await connectRedis(redisUrl, { capacity }) : undefined;
  // LIVE_PING_MS: how often sockets are pinged; LIVE_PING_TIMEOUT_MS: how long a pong may take (LIVE_PING_MS unless
  // set). Tests of dropped networks shorten both; a page whose main thread is busy for seconds keeps its seat while
  // the timeout is longer than that.
  const ping = Number(process.env['LIVE_PING_MS']) || 5_000;
  const pongWait = Number(process.env['LIVE_PING_TIMEOUT_MS']) || ping;
  const { io, rooms, counters } = attachLive(app.server, {
    origins,
    trustProxy: process.env['TRUST_PROXY'] === '1',
    heartbeatMs: { interval: ping, timeout: pongWait },
    rooms: shared?.rooms ?? new MemoryRooms({ capacity }),
    ...(shared && { adapter: shared.adapter }),
  });
  // For a load balancer: alive, and with Redis whether it answers (a process cut off from it answers 503).
  // Status only: it reads no room, so it costs the same with ten rooms or ten thousand, and tells a stranger nothing.
  app.get('/healthz', async (_request, reply) => {
    const redis = shared && (shared.ready() ? 'up' : 'down');
    return reply.code(redis === 'down' ? 503 : 200).send({ ok: redis !== 'down', ...(redis && { redis }) });
  });
  const stopLog = logEveryMs ? logEvery(logEveryMs, { io, rooms, counters, redis: shared }) : undefined;
  if (process.env['METRICS'] === '1') {
    const registry = await prometheus({ io, rooms, counters, redis: shared });
    app.get('/metrics', async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()));
  }
  // Open WebSockets would hold the HTTP server open: end them before Fastify closes it.
  app.addHook('preClose', async () => {
    stopLog?.();
    io.local.disconnectSockets(true);
    io.engine.close();
  });
  app.addHook('onClose', async () => {
    await new Promise((resolve) => io.close(resolve));
    await shared?.quit();
  });
}
