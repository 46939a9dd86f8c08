// The site's server as an open network sees it: security headers on every response (frame-ancestors 'none' where a
// meta tag cannot say it), WebSockets from other sites refused once it listens beyond loopback, /healthz saying
// status only, and /metrics in Prometheus' text format only when METRICS=1.
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { io as connect } from 'socket.io-client';
import { LIVE_PATH } from '../../src/live/protocol.ts';
import { createSiteServer } from '../../src/server/site.ts';

const page = '<!doctype html><title>t</title><p>page</p>';
const root = await mkdtemp(join(tmpdir(), 'dbweek-site-'));
await mkdir(join(root, 'quiz', 'host'), { recursive: true });
for (const file of ['index.html', '404.html', 'quiz/host/index.html']) await writeFile(join(root, file), page);

const servers: { close(): Promise<unknown> }[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function serve(host: string, env: Record<string, string> = {}) {
  Object.assign(process.env, env);
  try {
    const app = await createSiteServer({ root });
    servers.push(app);
    const address = await app.listen({ port: 0, host });
    return { app, port: Number(new URL(address).port) };
  } finally {
    for (const key of Object.keys(env)) delete process.env[key];
  }
}

test('every response carries the security headers; no page may be framed', async () => {
  const { port } = await serve('127.0.0.1');
  for (const path of ['/', '/quiz/host/', '/healthz', '/nowhere/']) {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(response.headers.get('referrer-policy'), 'strict-origin-when-cross-origin', path);
    assert.equal(response.headers.get('x-frame-options'), 'DENY', path);
    assert.equal(response.headers.get('content-security-policy'), "frame-ancestors 'none'", path);
  }
});

test('/healthz says status only; /metrics is off unless METRICS=1, then Prometheus text', async () => {
  const plain = await serve('127.0.0.1');
  const health = await fetch(`http://127.0.0.1:${plain.port}/healthz`);
  assert.deepEqual(await health.json(), { ok: true });
  assert.equal((await fetch(`http://127.0.0.1:${plain.port}/metrics`)).status, 404);

  const metered = await serve('127.0.0.1', { METRICS: '1' });
  const response = await fetch(`http://127.0.0.1:${metered.port}/metrics`);
  assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const match = /^([a-z_]+)(?:\{[^}]*\})? (-?[\d.e+]+)$/.exec(line);
    assert.ok(match, `a Prometheus sample line: ${line}`);
    samples.set(match[1]!, Number(match[2]));
  }
  for (const name of ['dbweek_live_rooms', 'dbweek_live_players', 'dbweek_live_connections', 'dbweek_live_messages_total']) {
    assert.ok(samples.has(name), name);
  }
  assert.equal(samples.get('dbweek_live_rooms'), 0);
});

/** Whether a browser page of `origin` could open the live WebSocket. */
const opens = (port: number, origin: string) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(`http://127.0.0.1:${port}`, {
      path: LIVE_PATH,
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: { origin },
    });
    socket.once('connect', () => (socket.disconnect(), resolve(true)));
    socket.once('connect_error', () => (socket.disconnect(), resolve(false)));
  });

test('bound beyond loopback, only the site’s own pages (and ALLOWED_ORIGINS) may open a live WebSocket', async () => {
  const { port } = await serve('0.0.0.0');
  assert.equal(await opens(port, `http://127.0.0.1:${port}`), true, 'the same origin');
  assert.equal(await opens(port, 'http://elsewhere.example'), false, 'another site');
  const widened = await serve('0.0.0.0', { ALLOWED_ORIGINS: 'https://quiz.example' });
  const allowed = await opens(widened.port, 'https://quiz.example');
  assert.equal(allowed, true, 'an origin in ALLOWED_ORIGINS');
});
