// Serves the built site and live games: `npm run serve` (and `npm start`, after a build). PORT and HOST choose
// where; HOST=0.0.0.0 lets other devices on the network reach it. REDIS_URL shares rooms between processes;
// LIVE_ONLY=1 serves live games without the site (the site then comes from a CDN or any static host);
// ALLOWED_ORIGINS (comma-separated) limits which pages may connect to live games.
import { createSiteServer } from './site.ts';

const port = Number(process.env['PORT'] ?? 4321);
const host = process.env['HOST'] ?? '127.0.0.1';

const app = await createSiteServer({
  site: process.env['LIVE_ONLY'] !== '1',
  logEveryMs: Number(process.env['LIVE_LOG_EVERY_MS'] ?? 60_000),
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void app.close().then(() => process.exit(0)));
}
const address = await app.listen({ port, host });
console.log(`Database Week is served on ${address.replace('127.0.0.1', 'localhost')}`);
