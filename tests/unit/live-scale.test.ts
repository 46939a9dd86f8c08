// Live games across processes and through faults, with real processes (src/server/main.ts) and a real
// redis-server of the test's own: the host on one process and the players on another, a process SIGKILLed
// mid-question and started again, the players' process dying under them, Redis restarted mid-game. The server
// keeps rooms, seats and the relay; scores are the host browser's (it holds the game), so what these tests show
// is that every seat comes back and every answer reaches the host, which is what the host needs to score them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
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

after(async () => {
  for (const c of clients) c.close();
  await Promise.all(processes.map((p) => p.kill('SIGKILL')));
  await redis.stop();
});

async function live(port?: number) {
  const proc = await startLive({ REDIS_URL: redis.url }, port);
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
  const [a, b] = [await live(), await live()];
  const { host, players } = await table(a.url, b.url);
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
  assert.equal((await kicked.answer(3, { type: 'true-false', value: true })).error, 'not-player');
  assert.equal((await host.send('host:close', {})).ok, true);
  await until(() => players.every((p) => p.closed), WAIT, 'room:closed on every phone');
});
