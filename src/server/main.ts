// Serves the built site: `npm run serve` (and `npm start`, after a build). PORT and HOST choose where;
// HOST=0.0.0.0 lets other devices on the network reach it.
import { createSiteServer } from './site.ts';

const port = Number(process.env['PORT'] ?? 4321);
const host = process.env['HOST'] ?? '127.0.0.1';

const app = await createSiteServer();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void app.close().then(() => process.exit(0)));
}
const address = await app.listen({ port, host });
console.log(`Database Week is served on ${address.replace('127.0.0.1', 'localhost')}`);
