// Live games under load: a socket.io-client load generator plays 10 questions with 1 host and 200 players in
// one room, then with 10 rooms of 50, against one server process (rooms in memory, as `npm start`) and against
// two processes sharing a Redis (players spread over both, as a round-robin proxy would). Each player answers at
// a random moment within a second of seeing the question; the host answers each answer with an "answered"
// screen and ends each question with a result screen for every player, as the host's browser does.
// Measured: answer-to-host latency (the player's emit to the host's receipt, one clock: both ends live in this
// process), answers lost, and the server processes' memory and CPU. Loopback only; bounded in time.
// `npm run bench` runs it as one of its sections; `node tests/bench/live-load.ts` runs it alone.
import { readFileSync } from 'node:fs';
import type { Screen } from '../../src/live/protocol.ts';
import { LiveHost, LivePlayer, until } from '../lib/live-clients.ts';
import { startLive, type LiveProcess } from '../lib/live-process.ts';
import { startRedis } from '../lib/redis.ts';

const QUESTIONS = 10;
/** Players answer at a random moment within this long of seeing a question. */
const THINK_MS = 1_000;
/** A question ends when every answer is in, or after this long: what is missing by then is lost. */
const QUESTION_LIMIT_MS = 10_000;

export interface LoadResult {
  scenario: string;
  players: number;
  p50: number;
  p99: number;
  lost: number;
  answers: number;
  /** Resident memory of the server processes at the end, summed, in bytes; and its growth since they were idle. */
  rss: number;
  rssGrowth: number;
  /** CPU time of the server processes during the game, summed, in ms. */
  cpuMs: number;
  seconds: number;
}

const TICKS = 100; // USER_HZ: /proc/<pid>/stat counts CPU time in hundredths of a second on Linux.

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf-8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the command name.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
}

function rss(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf-8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.split(/\s+/)[1]) * 1024;
}

const question = (round: number): Screen => ({
  type: 'question',
  round,
  total: QUESTIONS,
  texts: true,
  ask: { type: 'quiz', options: ['one', 'two', 'three', 'four'], multiple: false },
});

/** Every process this bench started, to end them all if it runs over its time. */
const spawned: { kill(): void }[] = [];
const progress = (line: string) => process.stderr.write(`live load: ${line}\n`);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function playRoom(host: LiveHost, players: LivePlayer[], latencies: number[]) {
  const sent = new Map<string, number>();
  let lost = 0;
  let answers = 0;
  for (const player of players) {
    player.onScreen = (screen) => {
      if (screen.type !== 'question') return;
      setTimeout(() => {
        sent.set(`${player.id}:${screen.round}`, performance.now());
        player.socket.emit('player:answer', { round: screen.round, answer: { type: 'quiz', options: [screen.round % 4] } });
      }, Math.random() * THINK_MS);
    };
  }
  host.onAnswer = ({ from, round, at }) => {
    const start = sent.get(`${from}:${round}`);
    if (start !== undefined) latencies.push(at - start);
    host.socket.emit('host:show', { to: from, screen: { type: 'answered', round } });
  };
  for (let round = 0; round < QUESTIONS; round++) {
    const heard = () => host.answers.filter((a) => a.round === round).length;
    host.socket.emit('host:show', { to: '*', screen: question(round) });
    await until(() => heard() >= players.length, QUESTION_LIMIT_MS, `round ${round}`).catch(() => undefined);
    answers += heard();
    progress(`${host.pin} round ${round}: ${heard()} of ${players.length}`);
    lost += players.length - new Set(host.answers.filter((a) => a.round === round).map((a) => a.from)).size;
    for (const [rank, p] of players.entries()) {
      host.socket.emit('host:show', {
        to: p.id,
        screen: {
          type: 'result',
          round,
          correct: true,
          answered: true,
          points: 900,
          streak: round + 1,
          score: 900 * (round + 1),
          rank: rank + 1,
          players: players.length,
        },
      });
    }
  }
  return { lost, answers };
}

async function scenario(name: string, rooms: number, perRoom: number, processes: LiveProcess[]): Promise<LoadResult> {
  const pids = processes.map((p) => p.pid());
  const idleRss = pids.reduce((sum, pid) => sum + rss(pid), 0);
  const hosts: LiveHost[] = [];
  const players: LivePlayer[][] = [];
  let address = 0;
  for (let r = 0; r < rooms; r++) {
    const host = await LiveHost.open(processes[r % processes.length]!.url);
    hosts.push(host);
    const seated: LivePlayer[] = [];
    // Joined fifty at a time; each phone from an address of its own, through the "proxy" (TRUST_PROXY=1).
    for (let i = 0; i < perRoom; i += 50) {
      const batch = Array.from({ length: Math.min(50, perRoom - i) }, (_, j) => {
        const n = i + j;
        address++;
        const at = processes[n % processes.length]!.url;
        return LivePlayer.join(at, host.pin, `P${n}`, `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`);
      });
      seated.push(...(await Promise.all(batch)));
    }
    players.push(seated);
    await until(() => host.seats.size === perRoom, 10_000, 'every seat at the host');
    progress(`${host.pin}: ${perRoom} seated`);
    host.socket.emit('host:start', {});
  }
  const cpuBefore = pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
  const started = performance.now();
  const latencies: number[] = [];
  const outcomes = await Promise.all(hosts.map((host, r) => playRoom(host, players[r]!, latencies)));
  const seconds = (performance.now() - started) / 1000;
  const cpu = pids.reduce((sum, pid) => sum + cpuMs(pid), 0) - cpuBefore;
  const endRss = pids.reduce((sum, pid) => sum + rss(pid), 0);
  for (const c of [...hosts, ...players.flat()]) c.close();
  latencies.sort((a, b) => a - b);
  return {
    scenario: name,
    players: rooms * perRoom,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    lost: outcomes.reduce((sum, o) => sum + o.lost, 0),
    answers: outcomes.reduce((sum, o) => sum + o.answers, 0),
    rss: endRss,
    rssGrowth: endRss - idleRss,
    cpuMs: cpu,
    seconds,
  };
}

/** Every scenario, each on fresh server processes. */
export async function liveLoad(): Promise<LoadResult[]> {
  const results: LoadResult[] = [];
  const redis = await startRedis({ persist: false });
  spawned.push({ kill: () => process.kill(redis.pid(), 'SIGKILL') });
  const env = { TRUST_PROXY: '1', LIVE_LOG_EVERY_MS: '600000' };
  try {
    for (const [label, rooms, perRoom] of [
      ['1 room of 200', 1, 200],
      ['10 rooms of 50', 10, 50],
    ] as const) {
      for (const shared of [false, true]) {
        const processes = shared
          ? [await startLive({ ...env, REDIS_URL: redis.url }), await startLive({ ...env, REDIS_URL: redis.url })]
          : [await startLive(env)];
        for (const p of processes) spawned.push({ kill: () => process.kill(p.pid(), 'SIGKILL') });
        try {
          const name = `${label}, ${shared ? 'two processes + Redis' : 'one process'}`;
          progress(name);
          results.push(await scenario(name, rooms, perRoom, processes));
        } finally {
          await Promise.all(processes.map((p) => p.kill('SIGTERM')));
        }
      }
    }
  } finally {
    await redis.stop();
  }
  return results;
}

/** The results as the benchmark's rows: area, measure, value. */
export function loadRows(results: LoadResult[]): string[][] {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  return results.map((r) => [
    'Live load',
    `${r.scenario}: ${QUESTIONS} questions, answer to host p50 / p99, answers lost, server RSS (growth per player), CPU per player`,
    `${r.p50.toFixed(1)} ms / ${r.p99.toFixed(1)} ms, ${r.lost} of ${r.players * QUESTIONS} lost, ${mb(r.rss)} (${(r.rssGrowth / r.players / 1024).toFixed(0)} KB), ${(r.cpuMs / r.players).toFixed(1)} ms (${r.seconds.toFixed(0)} s game)`,
  ]);
}

if (import.meta.main) {
  const deadline = setTimeout(() => {
    console.error('live load bench: over two minutes, stopped');
    for (const p of spawned) {
      try {
        p.kill();
      } catch {
        // Already gone.
      }
    }
    process.exit(1);
  }, 120_000);
  const started = performance.now();
  const rows = loadRows(await liveLoad());
  clearTimeout(deadline);
  console.log(['| area | measure | value |', '| --- | --- | --- |', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n'));
  console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
  process.exit(0);
}
