// Live games across processes and through faults, with real processes (src/server/main.ts) and a real
// redis-server of the test's own: the host on one process and the players on another, a process SIGKILLed
// mid-question and started again, the players' process dying under them, Redis restarted mid-game. The server
// keeps rooms, seats and the relay; scores are the host browser's (it holds the game), so what these tests show
// is that every seat comes back and every answer reaches the host, which is what the host needs to score them.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import type { Screen } from '../../src/live/protocol.ts';
import { balance } from '../lib/balancer.ts';
import { LiveHost, LivePlayer, until } from '../lib/live-clients.ts';
import { startLive, type LiveProcess } from '../lib/live-process.ts';
import { startRedis, type TestRedis } from '../lib/redis.ts';

const WAIT = 15_000;
const NICKNAMES = ['Ada', 'Bo', 'Cy', 'Di', 'Ed'];
let redis: TestRedis;
const processes: LiveProcess[] = [];
const clients: { close(): void }[] = [];

before(async () => {
  redis = await startRedis();
});

// Each test ends its own clients and processes, so that the next one has the machine's two cores to itself.
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(processes.splice(0).map((p) => p.kill('SIGKILL')));
});

after(async () => {
  await redis.stop();
});

async function live(env: Record<string, string> = {}) {
  const proc = await startLive({ REDIS_URL: redis.url, ...env });
  processes.push(proc);
  return proc;
}

async function table(hostUrl: string, playersUrl: string) {
  const host = await LiveHost.open(hostUrl);
  clients.push(host);
  const players: LivePlayer[] = [];
  for (const nickname of NICKNAMES) players.push(await LivePlayer.join(playersUrl, host.pin, nickname));
  clients.push(...players);
  await until(() => host.seats.size === NICKNAMES.length, WAIT, 'every seat at the host');
  return { host, players };
}

const question = (round: number): Screen => ({
  type: 'question',
  round,
  total: 3,
  texts: true,
  ask: { type: 'true-false' },
});

/** One question, as the host browser plays it: show it to everyone, collect an answer from each, show results. */
async function playRound(host: LiveHost, players: LivePlayer[], round: number, scores: Map<string, number>) {
  assert.equal((await host.show('*', question(round))).ok, true);
  await until(() => players.every((p) => p.showing('question', round)), WAIT, `question ${round} on every phone`);
  for (const [i, p] of players.entries()) {
    assert.equal((await p.answer(round, { type: 'true-false', value: i % 2 === 0 })).ok, true);
  }
  await settle(host, players, round, scores);
}

/** Every answer of the round at the host, from the right seat; scores kept as the host keeps them; results shown. */
async function settle(host: LiveHost, players: LivePlayer[], round: number, scores: Map<string, number>) {
  const answersOf = () => host.answers.filter((a) => a.round === round);
  await until(() => answersOf().length >= players.length, WAIT, `every answer of round ${round} at the host`);
  assert.deepEqual(
    answersOf()
      .map((a) => a.from)
      .sort(),
    players.map((p) => p.id).sort(),
  );
  for (const a of answersOf()) {
    if ((a.answer as { value: boolean }).value) scores.set(a.from, (scores.get(a.from) ?? 0) + 1000);
  }
  for (const [rank, p] of players.entries()) {
    const score = scores.get(p.id) ?? 0;
    const result: Screen = {
      type: 'result',
      round,
      correct: score > 0,
      answered: true,
      points: 0,
      streak: 0,
      score,
      rank: rank + 1,
      players: players.length,
    };
    assert.equal((await host.show(p.id, result)).ok, true);
  }
  await until(() => players.every((p) => p.showing('result', round)), WAIT, `round ${round} results on every phone`);
}

const scoresOnPhones = (players: LivePlayer[]) =>
  players.map((p) => {
    const last = p.screens.at(-1);
    return last?.type === 'result' ? last.score : undefined;
  });

test('two processes, one Redis: the host on one, the players on the other, a whole game', { timeout: 60_000 }, async () => {
  // Each process logs a line with counts every 250 ms here (every minute by default).
  const [a, b] = [await live({ LIVE_LOG_EVERY_MS: '250' }), await live({ LIVE_LOG_EVERY_MS: '250' })];
  const { host, players } = await table(a.url, b.url);
  assert.notEqual(a.port, b.port);
  assert.deepEqual(
    [...host.seats.values()].map((s) => s.nickname),
    NICKNAMES,
  );
  assert.equal((await host.send('host:lock', { locked: true })).ok, true);
  await assert.rejects(LivePlayer.join(b.url, host.pin, 'Late'), /refused: locked/);
  assert.equal((await host.send('host:start', {})).ok, true);
  const scores = new Map<string, number>();
  for (let round = 0; round < 3; round++) await playRound(host, players, round, scores);
  assert.deepEqual(scoresOnPhones(players), [3000, 0, 3000, 0, 3000]);
  // A player kicked by the host on the other process is told, and can no longer answer.
  const kicked = players.pop()!;
  assert.equal((await host.send('host:kick', { id: kicked.id })).ok, true);
  await until(() => kicked.kicked, WAIT, 'room:kicked on the kicked phone');
  const refused = await kicked.answer(3, { type: 'true-false', value: true });
  assert.equal(refused.ok ? 'ok' : refused.error, 'not-player');
  assert.equal((await host.send('host:close', {})).ok, true);
  await until(() => players.every((p) => p.closed), WAIT, 'room:closed on every phone');

  // The operator's log: one JSON line at a time with rooms, players and messages per second, never a nickname.
  const logged = () => [...a.lines, ...b.lines].filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  await until(() => logged().some((l) => l.messagesPerSecond > 0), WAIT, 'a log line counting messages');
  const line = logged().find((l) => l.messagesPerSecond > 0);
  assert.deepEqual(Object.keys(line).sort(), ['connections', 'level', 'messagesPerSecond', 'msg', 'players', 'redis', 'rooms']);
  const everything = [...a.lines, ...a.errors, ...b.lines, ...b.errors].join('\n');
  for (const nickname of [...NICKNAMES, 'Late']) assert.ok(!everything.includes(nickname), `${nickname} in a log`);
});

/** The host browser after a resume: the question again on every phone that has not answered it. */
async function showAgain(host: LiveHost, players: LivePlayer[], round: number) {
  const answered = new Set(host.answers.filter((a) => a.round === round).map((a) => a.from));
  for (const p of players) if (!answered.has(p.id)) assert.equal((await host.show(p.id, question(round))).ok, true);
}

/** The host resumed `hostResumes` times, every player once, and the host sees every seat connected. */
const everyoneBack = (host: LiveHost, players: LivePlayer[], hostResumes: number) =>
  host.resumes.length >= hostResumes &&
  players.every((p) => p.resumes.length >= 1 && p.socket.connected) &&
  [...host.seats.values()].every((s) => s.connected);

test('the server SIGKILLed mid-question and started again: everyone is back, the game goes on', { timeout: 60_000 }, async () => {
  const server = await live();
  const { host, players } = await table(server.url, server.url);
  assert.equal((await host.send('host:start', {})).ok, true);
  const scores = new Map<string, number>();
  await playRound(host, players, 0, scores);

  // Mid-question: two of five have answered when the process dies without a word.
  assert.equal((await host.show('*', question(1))).ok, true);
  await until(() => players.every((p) => p.showing('question', 1)), WAIT, 'question 1 on every phone');
  for (const p of players.slice(0, 2)) assert.equal((await p.answer(1, { type: 'true-false', value: true })).ok, true);
  await until(() => host.answers.filter((a) => a.round === 1).length === 2, WAIT, 'the first two answers');
  await server.kill('SIGKILL');
  await until(() => !host.socket.connected && players.every((p) => !p.socket.connected), WAIT, 'everyone cut off');
  await server.restart();

  // Everyone reconnects by themselves and takes their seat back; the room has the same players.
  await until(() => everyoneBack(host, players, 1), WAIT, 'the host and every player resumed');
  assert.deepEqual(
    host.resumes.map((r) => r.ok),
    [true],
  );
  assert.deepEqual(
    host.resumes.flatMap((r) => (r.ok ? r.players : [])).map((p) => p.nickname),
    NICKNAMES,
  );
  assert.ok(players.every((p) => p.resumes.every((r) => r.ok)));
  await showAgain(host, players, 1);
  await until(() => players.slice(2).every((p) => p.showing('question', 1)), WAIT, 'question 1 shown again');
  for (const [i, p] of players.slice(2).entries()) {
    assert.equal((await p.answer(1, { type: 'true-false', value: i === 0 })).ok, true);
  }
  await settle(host, players, 1, scores);
  await playRound(host, players, 2, scores);
  // The same scores as a game without the crash: 1000 a right answer, every answer counted once.
  assert.deepEqual(scoresOnPhones(players), [3000, 1000, 3000, 0, 2000]);
});

test('the process holding the players dies: they carry on through the other one', { timeout: 60_000 }, async () => {
  const [a, b] = [await live(), await live()];
  // Players come through a balancer that prefers b; the host is on a.
  const balancer = await balance([b.port, a.port]);
  clients.push({ close: () => void balancer.close() });
  const { host, players } = await table(a.url, balancer.url);
  assert.equal((await host.send('host:start', {})).ok, true);
  const scores = new Map<string, number>();
  await playRound(host, players, 0, scores);

  await b.kill('SIGKILL');
  await until(() => everyoneBack(host, players, 0), WAIT, 'every player resumed through the other process');
  assert.equal(host.resumes.length, 0, 'the host never lost its connection');
  await playRound(host, players, 1, scores);
  assert.deepEqual(scoresOnPhones(players), [2000, 0, 2000, 0, 2000]);
});

test('Redis restarted mid-game: the game goes on once it is back', { timeout: 60_000 }, async () => {
  const [a, b] = [await live(), await live()];
  const { host, players } = await table(a.url, b.url);
  assert.equal((await host.send('host:start', {})).ok, true);
  const scores = new Map<string, number>();
  await playRound(host, players, 0, scores);

  await redis.kill();
  await until(async () => (await health(a)).status === 503, WAIT, '/healthz to report Redis down');
  assert.equal((await health(a)).redis, 'down');
  // The host shows the next question while Redis is away: it arrives once Redis is back.
  const shown = host.show('*', question(1));
  await redis.restart();
  assert.equal((await shown).ok, true);
  await until(() => players.every((p) => p.showing('question', 1)), WAIT, 'question 1 on every phone');
  for (const [i, p] of players.entries()) {
    assert.equal((await p.answer(1, { type: 'true-false', value: i < 3 })).ok, true);
  }
  await settle(host, players, 1, scores);
  assert.deepEqual(scoresOnPhones(players), [2000, 1000, 2000, 0, 1000]);
  const healthy = await health(a);
  assert.deepEqual([healthy.status, healthy.redis], [200, 'up']);
});

test(
  'Redis restarted and still loading its data: what the host showed meanwhile reaches every phone, in order',
  { timeout: 60_000 },
  async () => {
    const [a, b] = [await live(), await live()];
    const { host, players } = await table(a.url, b.url);
    assert.equal((await host.send('host:start', {})).ok, true);
    const scores = new Map<string, number>();
    await playRound(host, players, 0, scores);

    // A restarted Redis that loads its data slowly (it has plenty, and is slowed down per key): it takes the
    // processes' connections back and answers LOADING to what they send. Once a publish has been refused so (a
    // condition, not a guess at how long reconnecting takes), it is restarted again to load at full speed.
    await redis.ballast(50_000);
    await redis.kill();
    await until(async () => (await health(a)).status === 503, WAIT, '/healthz to report Redis down');
    const before = players.map((p) => p.screens.length);
    const shown = [host.show('*', { type: 'get-ready', round: 1, total: 3 }), host.show('*', question(1))];
    await redis.restart({ loadDelayUs: 200 });
    const refused = async () => /rejected_calls=[1-9]/.test((await redis.info('commandstats')).get('cmdstat_xadd') ?? '');
    await until(refused, WAIT, 'a publish refused by the loading Redis');
    await redis.kill();
    await redis.restart();
    for (const reply of await Promise.all(shown)) assert.equal(reply.ok, true);
    await until(() => players.every((p) => p.showing('question', 1)), WAIT, 'question 1 on every phone');
    for (const [i, p] of players.entries()) {
      assert.deepEqual(
        p.screens.slice(before[i]).map((screen) => screen.type),
        ['get-ready', 'question'],
        `${p.nickname} saw both screens once, in the order shown`,
      );
    }
    for (const [i, p] of players.entries()) {
      assert.equal((await p.answer(1, { type: 'true-false', value: i < 3 })).ok, true);
    }
    await settle(host, players, 1, scores);
    assert.deepEqual(scoresOnPhones(players), [2000, 1000, 2000, 0, 1000]);
  },
);

async function health(proc: LiveProcess) {
  const response = await fetch(`${proc.url}/healthz`);
  const body = (await response.json()) as { redis?: string };
  return { status: response.status, redis: body.redis };
}
