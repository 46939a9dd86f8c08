// "Server full" when no PIN is free: a live server in this process (attachLive, as the site's server mounts it, on
// a plain HTTP server that also answers a page) whose PIN space holds one room, open. Hosts then ask
// for a room one after another, each on a connection opened beforehand, so that what is timed is the refusal alone:
// the PIN search is bounded, so each answer is "server full" at once, and the page is still served after them.
// Times belong here, not in the unit test (tests/unit/live-server.test.ts shows the refusal and the server going on).
import { createServer } from 'node:http';
import { LiveSession } from '../../src/live/session.ts';
import { attachLive } from '../../src/server/live/io.ts';
import { MemoryRooms } from '../../src/server/live/rooms.ts';
import { LiveHost } from '../lib/live-clients.ts';

/** One PIN: taken by the first room whichever PINs the bounded search draws. */
const PINS = { min: 100_000, max: 100_001 };
const REFUSALS = 200;

export interface FullResult {
  kind: 'full';
  scenario: string;
  refusals: number;
  /** Round trips of the refused `host:open`, sorted, in ms. */
  latencies: number[];
  /** Replies other than server-full (must be none). */
  other: number;
  /** The page asked for after the refusals: its status and round trip. */
  page: { status: number; ms: number };
}

export async function serverFull(scenario: string): Promise<FullResult> {
  const http = createServer((_request, response) => response.end('<!doctype html><title>Database Week</title>'));
  const { io } = attachLive(http, { rooms: new MemoryRooms({ pins: PINS }) });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  const hosts: LiveHost[] = [];
  try {
    // Every PIN of the space taken.
    for (let i = PINS.min; i < PINS.max; i++) hosts.push(await LiveHost.open(url));
    const waiting: LiveSession[] = [];
    for (let i = 0; i < REFUSALS; i++) {
      const session = new LiveSession({ url, forceNew: true, reconnectionDelay: 100 });
      await session.ready();
      waiting.push(session);
    }
    const latencies: number[] = [];
    let other = 0;
    for (const session of waiting) {
      const started = performance.now();
      const reply = await session.request('host:open', {});
      latencies.push(performance.now() - started);
      if (reply.ok || reply.error !== 'server-full') other++;
      session.close();
    }
    const started = performance.now();
    const response = await fetch(`${url}/`);
    await response.text();
    return {
      kind: 'full',
      scenario,
      refusals: REFUSALS,
      latencies: latencies.sort((a, b) => a - b),
      other,
      page: { status: response.status, ms: performance.now() - started },
    };
  } finally {
    for (const host of hosts) host.close();
    await io.close();
    http.close();
  }
}
