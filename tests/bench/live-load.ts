// Live games under load: a socket.io-client load generator plays 10 questions with 1 host and 200 players in
// one room, then with 10 rooms of 50, against one server process (rooms in memory, as `npm start`) and against
// two processes sharing a Redis (players spread over both, as a round-robin proxy would); then one room of 2,000 on
// one process and four rooms of 500 on two processes, whose players all join at once (a join storm). Each player
// answers at a random moment within a second of seeing the question; the host answers each answer with an
// "answered" screen and ends each question with a result screen for every player, as the host's browser does.
// Measured: answer-to-host latency (the player's emit to the host's receipt, one clock: both ends live in this
// process, so the load generator's own busy event loop counts in it too), answers lost, and the server processes'
// memory and CPU. Then a flood (20 bots at 300 answers a second beside one honest player) and the host's real page
// in Chromium receiving 2,000 answers a question (live-host-page.ts). Loopback only; bounded in time.
// `npm run bench` runs it as one of its sections; `node tests/bench/live-load.ts` runs it alone, and with
// `--only KEY` one scenario: 200, 200-redis, 50, 50-redis, 2000, 500, flood, page or full (or those whose name holds KEY).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Screen } from '../../src/live/protocol.ts';
import { answerPoints } from '../../src/quiz/scoring.ts';
import { LiveHost, LivePlayer, until } from '../lib/live-clients.ts';
import { startLive, type LiveProcess } from '../lib/live-process.ts';
import { startRedis, type TestRedis } from '../lib/redis.ts';
import { serverFull, type FullResult } from './live-full.ts';
import { hostPage, type HostPageResult } from './live-host-page.ts';

const QUESTIONS = 10;
/** Players answer at a random moment within this long of seeing a question. */
const THINK_MS = 1_000;
/** A question ends when every answer is in, or after this long: what is missing by then is lost. */
const QUESTION_LIMIT_MS = 10_000;
/** The whole bench, every scenario, ends within this (a stuck run is stopped, its processes killed). */
const DEADLINE_MS = 6 * 60_000;
/**
 * Every server this bench starts: addresses from X-Forwarded-For (one per simulated phone, as behind a proxy), the log
 * line rare, rooms of up to 2,000 (ROOM_CAPACITY; the default is Kahoot's 250), and the per-address cap on open rooms
 * out of reach (every host of the bench comes from one address).
 */
export const BENCH_ENV = {
  TRUST_PROXY: '1',
  LIVE_LOG_EVERY_MS: '600000',
  ROOM_CAPACITY: '2000',
  MAX_ROOMS_PER_ADDRESS: '1000',
};

export interface LoadResult {
  kind: 'load';
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
  /** Every player joining at once: how many were seated, and ms from the storm's start to the last seat acknowledged. */
  storm?: { seated: number; ms: number };
}

export interface FloodResult {
  kind: 'flood';
  scenario: string;
  rounds: number;
  bots: number;
  /** The honest player's answer to host, per round: flooded and not. */
  flooded: number[];
  calm: number[];
  /** The honest player's points over the rounds, as the host's clock gives them: flooded and not. */
  floodedPoints: number;
  calmPoints: number;
  /** Answers the host received from each bot, per round (flooded run): the most and the least over the bots. */
  perBotRound: { round: number; max: number; min: number }[];
  /** Bots the server disconnected, and refusals (live:error too-many) they were sent. */
  cutOff: number;
  refusals: number;
}

export type LiveResult = LoadResult | FloodResult | HostPageResult | FullResult;

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

const question = (round: number, total = QUESTIONS): Screen => ({
  type: 'question',
  round,
  total,
  texts: true,
  ask: { type: 'quiz', options: ['one', 'two', 'three', 'four'], multiple: false },
});

/** Every process this bench started, to end them all if it runs over its time. */
const spawned: { kill(): void }[] = [];
const progress = (line: string) => process.stderr.write(`live load: ${line}\n`);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** A distinct address per simulated phone, 10.x.y.z, as the proxy would report it. */
let addresses = 0;
function nextAddress() {
  const a = ++addresses;
  return `10.${(a >> 16) & 255}.${(a >> 8) & 255}.${a & 255}`;
}

async function startProcesses(count: number, redis: TestRedis, extra: Record<string, string> = {}): Promise<LiveProcess[]> {
  const env = { ...BENCH_ENV, ...extra, ...(count > 1 && { REDIS_URL: redis.url }) };
  const processes: LiveProcess[] = [];
  for (let i = 0; i < count; i++) {
    const p = await startLive(env);
    spawned.push({ kill: () => process.kill(p.pid(), 'SIGKILL') });
    processes.push(p);
  }
  return processes;
}

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

/** Seat `perRoom` players in a room, fifty at a time. */
async function joinInBatches(host: LiveHost, perRoom: number, processes: LiveProcess[]): Promise<LivePlayer[]> {
  const seated: LivePlayer[] = [];
  for (let i = 0; i < perRoom; i += 50) {
    const batch = Array.from({ length: Math.min(50, perRoom - i) }, (_, j) => {
      const n = i + j;
      return LivePlayer.join(processes[n % processes.length]!.url, host.pin, `P${n}`, nextAddress());
    });
    seated.push(...(await Promise.all(batch)));
  }
  return seated;
}

/**
 * Every player of every room joins at once: all the connections opened in the same tick, each sending its join as
 * soon as it is connected. Timed from the first connection opened to the last seat acknowledged; a refused or timed
 * out join is counted, not thrown.
 */
async function joinStorm(hosts: LiveHost[], perRoom: number, processes: LiveProcess[]) {
  const started = performance.now();
  let last = started;
  const attempts = hosts.flatMap((host) =>
    Array.from({ length: perRoom }, (_, n) =>
      LivePlayer.join(processes[n % processes.length]!.url, host.pin, `P${n}`, nextAddress()).then((p) => {
        last = performance.now();
        return p;
      }),
    ),
  );
  const settled = await Promise.allSettled(attempts);
  const players = hosts.map((_, r) =>
    settled.slice(r * perRoom, (r + 1) * perRoom).flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])),
  );
  const refused = settled.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
  if (refused.length) progress(`${refused.length} joins refused or timed out, first: ${refused[0]}`);
  return { players, storm: { seated: settled.length - refused.length, ms: last - started } };
}

async function scenario(
  name: string,
  rooms: number,
  perRoom: number,
  processes: LiveProcess[],
  storm: boolean,
): Promise<LoadResult> {
  const pids = processes.map((p) => p.pid());
  const idleRss = pids.reduce((sum, pid) => sum + rss(pid), 0);
  const hosts: LiveHost[] = [];
  for (let r = 0; r < rooms; r++) hosts.push(await LiveHost.open(processes[r % processes.length]!.url));
  let players: LivePlayer[][] = [];
  let stormResult: LoadResult['storm'];
  if (storm) {
    ({ players, storm: stormResult } = await joinStorm(hosts, perRoom, processes));
    progress(`join storm: ${stormResult.seated} of ${rooms * perRoom} seated in ${stormResult.ms.toFixed(0)} ms`);
  } else {
    for (const host of hosts) players.push(await joinInBatches(host, perRoom, processes));
  }
  for (const [r, host] of hosts.entries()) {
    await until(() => host.seats.size >= players[r]!.length, 10_000, 'every seat at the host');
    progress(`${host.pin}: ${players[r]!.length} seated`);
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
  // Players who never got a seat lose every answer too.
  const unseated = rooms * perRoom - players.flat().length;
  return {
    kind: 'load',
    scenario: name,
    players: rooms * perRoom,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    lost: outcomes.reduce((sum, o) => sum + o.lost, 0) + unseated * QUESTIONS,
    answers: outcomes.reduce((sum, o) => sum + o.answers, 0),
    rss: endRss,
    rssGrowth: endRss - idleRss,
    cpuMs: cpu,
    seconds,
    ...(stormResult && { storm: stormResult }),
  };
}

const FLOOD_BOTS = 20;
const FLOOD_PER_SECOND = 300;
const FLOOD_ROUNDS = 10;
/** The honest player answers this long after seeing each question: late enough that its points depend on the time. */
const HONEST_MS = 1_000;
/** Each flooded round lasts this long from the question; the bots flood all of it. */
const FLOOD_ROUND_MS = 1_500;
/** The time limit the host's points are reckoned against (the quiz's default 20 s). */
const LIMIT_MS = 20_000;

/**
 * One room: 20 bots and one honest player. Calm, the bots answer once each question as players do; flooded, each
 * sends 300 answers a second for the whole round (until the server cuts it off). The honest player answers once,
 * HONEST_MS after its question; the host reckons its points from its own clock, as the host's page does.
 */
async function floodRoom(url: string, flood: boolean) {
  const host = await LiveHost.open(url);
  const honest = await LivePlayer.join(url, host.pin, 'Honest', nextAddress());
  const bots: LivePlayer[] = [];
  for (let i = 0; i < FLOOD_BOTS; i++) bots.push(await LivePlayer.join(url, host.pin, `Bot ${i}`, nextAddress()));
  await until(() => host.seats.size === FLOOD_BOTS + 1, 10_000, 'every seat at the host');
  host.socket.emit('host:start', {});
  let refusals = 0;
  let cutOff = 0;
  for (const bot of bots) {
    bot.socket.on('live:error', () => refusals++);
    bot.socket.on('disconnect', () => cutOff++);
  }
  let sentAt = 0;
  honest.onScreen = (screen) => {
    if (screen.type !== 'question') return;
    setTimeout(() => {
      sentAt = performance.now();
      honest.socket.emit('player:answer', { round: screen.round, answer: { type: 'quiz', options: [0] } });
    }, HONEST_MS);
  };
  const latencies: number[] = [];
  let points = 0;
  const perBotRound: FloodResult['perBotRound'] = [];
  for (let round = 0; round < FLOOD_ROUNDS; round++) {
    const answer = { round, answer: { type: 'quiz' as const, options: [1] } };
    const shownAt = performance.now();
    const heard = new Promise<void>((resolve) => {
      host.onAnswer = (a) => {
        if (a.from !== honest.id || a.round !== round) return;
        latencies.push(a.at - sentAt);
        points += answerPoints('standard', true, a.at - shownAt, LIMIT_MS);
        resolve();
      };
    });
    host.socket.emit('host:show', { to: '*', screen: question(round, FLOOD_ROUNDS) });
    // 300 a second, three every 10 ms, from each bot still connected, for the round.
    const timer = flood
      ? setInterval(() => {
          for (const bot of bots) {
            for (let i = 0; i < FLOOD_PER_SECOND / 100; i++) if (bot.socket.connected) bot.socket.emit('player:answer', answer);
          }
        }, 10)
      : undefined;
    if (!flood) for (const bot of bots) setTimeout(() => bot.socket.emit('player:answer', answer), Math.random() * THINK_MS);
    await Promise.all([heard, new Promise((resolve) => setTimeout(resolve, FLOOD_ROUND_MS))]);
    clearInterval(timer);
    const counts = bots.map((bot) => host.answers.filter((a) => a.round === round && a.from === bot.id).length);
    perBotRound.push({ round, max: Math.max(...counts), min: Math.min(...counts) });
  }
  for (const c of [host, honest, ...bots]) c.close();
  return { latencies, points, perBotRound, refusals, cutOff };
}

async function floodScenario(name: string, processes: LiveProcess[]): Promise<FloodResult> {
  const url = processes[0]!.url;
  const calm = await floodRoom(url, false);
  progress(`flood: calm run, honest answer ${Math.max(...calm.latencies).toFixed(1)} ms at most`);
  const flooded = await floodRoom(url, true);
  progress(`flood: flooded run, honest answer ${Math.max(...flooded.latencies).toFixed(1)} ms at most`);
  return {
    kind: 'flood',
    scenario: name,
    rounds: FLOOD_ROUNDS,
    bots: FLOOD_BOTS,
    flooded: flooded.latencies,
    calm: calm.latencies,
    floodedPoints: flooded.points,
    calmPoints: calm.points,
    perBotRound: flooded.perBotRound,
    cutOff: flooded.cutOff,
    refusals: flooded.refusals,
  };
}

const FLOOD_NAME = `flood: ${FLOOD_BOTS} bots at ${FLOOD_PER_SECOND} answers a second beside an honest player, one process`;
const HOST_PAGE_NAME = 'host page in Chromium: 1 room of 2,000, one process';
const FULL_NAME = 'server full: the only PIN of a test-sized space taken, in this process';

interface Plan {
  /** What `--only` names it by: 200, 50, 2000, 500, flood, page, full (and 200-redis, 50-redis for the shared ones). */
  key: string;
  name: string;
  /** Server processes started for it (none: it runs its server in this process). */
  processes: 0 | 1 | 2;
  /** Settings beyond BENCH_ENV. */
  env?: Record<string, string>;
  run(processes: LiveProcess[]): Promise<LiveResult>;
}

const PLANS: Plan[] = [
  ...(
    [
      ['1 room of 200', 1, 200],
      ['10 rooms of 50', 10, 50],
    ] as const
  ).flatMap(([label, rooms, perRoom]) =>
    ([1, 2] as const).map((count) => {
      const name = `${label}, ${count === 2 ? 'two processes + Redis' : 'one process'}`;
      const key = `${perRoom}${count === 2 ? '-redis' : ''}`;
      return { key, name, processes: count, run: (ps: LiveProcess[]) => scenario(name, rooms, perRoom, ps, false) };
    }),
  ),
  {
    key: '2000',
    name: '1 room of 2,000, one process',
    processes: 1,
    run: (ps) => scenario('1 room of 2,000, one process', 1, 2_000, ps, true),
  },
  {
    key: '500',
    name: '4 rooms of 500, two processes + Redis',
    processes: 2,
    run: (ps) => scenario('4 rooms of 500, two processes + Redis', 4, 500, ps, true),
  },
  {
    key: 'flood',
    name: FLOOD_NAME,
    processes: 1,
    run: (ps) => floodScenario(FLOOD_NAME, ps),
  },
  {
    key: 'page',
    name: HOST_PAGE_NAME,
    processes: 1,
    // The site too, not live games alone: the host's page comes from the built dist/.
    env: { LIVE_ONLY: '0' },
    run: (ps) => hostPage(HOST_PAGE_NAME, ps[0]!, nextAddress, progress),
  },
  {
    key: 'full',
    name: FULL_NAME,
    processes: 0,
    run: () => serverFull(FULL_NAME),
  },
];

/** The scenarios `only` picks: by key (`2000`, `flood`…), else those whose name holds it; all without it. */
function pick(only: string | undefined): Plan[] {
  if (!only) return PLANS;
  const keyed = PLANS.filter((p) => p.key === only);
  return keyed.length ? keyed : PLANS.filter((p) => p.name.toLowerCase().includes(only.toLowerCase()));
}

/** Every scenario (or those whose name holds `only`), each on fresh server processes. */
export async function liveLoad(only?: string): Promise<LiveResult[]> {
  const plans = pick(only);
  if (!plans.length) throw new Error(`no live load scenario matches "${only}"`);
  const results: LiveResult[] = [];
  const redis = await startRedis({ persist: false });
  spawned.push({ kill: () => process.kill(redis.pid(), 'SIGKILL') });
  try {
    for (const plan of plans) {
      const processes = await startProcesses(plan.processes, redis, plan.env);
      try {
        progress(plan.name);
        results.push(await plan.run(processes));
      } finally {
        await Promise.all(processes.map((p) => p.kill('SIGTERM')));
      }
    }
  } finally {
    await redis.stop();
  }
  return results;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function loadRow(r: LoadResult): string[] {
  const storm = r.storm ? `; join storm: ${r.storm.seated} of ${r.players} seated in ${(r.storm.ms / 1000).toFixed(1)} s` : '';
  return [
    'Live load',
    `${r.scenario}: ${QUESTIONS} questions, answer to host p50 / p99, answers lost, server RSS (growth per player), CPU per player${r.storm ? '; all joining at once: seated, first connection to last seat acknowledged' : ''}`,
    `${ms(r.p50)} / ${ms(r.p99)}, ${r.lost} of ${r.players * QUESTIONS} lost, ${mb(r.rss)} (${(r.rssGrowth / r.players / 1024).toFixed(0)} KB), ${(r.cpuMs / r.players).toFixed(1)} ms (${r.seconds.toFixed(0)} s game)${storm}`,
  ];
}

/** A point is 40 ms on the host's clock here (1,000 points halved over the 20 s limit), so timer jitter moves one. */
const pointsSay = (diff: number) => (diff === 0 ? 'equal' : `${diff > 0 ? '+' : ''}${diff} flooded, ${Math.abs(diff) * 40} ms`);

function floodRow(r: FloodResult): string[] {
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const first = r.perBotRound[0]!;
  const later = r.perBotRound.slice(1);
  const laterMax = Math.max(0, ...later.map((x) => x.max));
  return [
    'Live load',
    `${r.scenario}: ${r.rounds} questions; the honest answer to host p99 flooded / calm (${r.rounds} answers each: the slowest), its points flooded / calm, answers the host got per bot per round, bots cut off`,
    `${ms(percentile(sorted(r.flooded), 99))} / ${ms(percentile(sorted(r.calm), 99))}, ${r.floodedPoints} / ${r.calmPoints} points (${pointsSay(r.floodedPoints - r.calmPoints)}), ${first.min}–${first.max} in the first round then at most ${laterMax}, ${r.cutOff} of ${r.bots} cut off (${r.refusals} refusals)`,
  ];
}

function hostPageRow(r: HostPageResult): string[] {
  return [
    'Live load',
    `${r.scenario}: ${r.questions} questions, all ${r.players} players answering within ~1 s of each; the page's longest main-thread task from the start to the last reveal (tasks over 50 ms; longest while the players joined), answers the page held at each reveal`,
    `${r.longestTask.toFixed(0)} ms (${r.longTasks} tasks over 50 ms; joining: ${r.longestJoinTask.toFixed(0)} ms), ${r.answersAtReveal.join(', ')} of ${r.players} answered`,
  ];
}

function fullRow(r: FullResult): string[] {
  return [
    'Live load',
    `${r.scenario}: ${r.refusals} hosts asking for a room one after another, each on a connection already open; the refusal's round trip p50 / p99 / slowest (target ≤ 100 ms), replies other than "server full", then a page asked for`,
    `${ms(percentile(r.latencies, 50))} / ${ms(percentile(r.latencies, 99))} / ${ms(r.latencies.at(-1)!)}, ${r.other} other, the page: ${r.page.status} in ${ms(r.page.ms)}`,
  ];
}

/** The results as the benchmark's rows: area, measure, value. */
export function loadRows(results: LiveResult[]): string[][] {
  return results.map((r) => {
    switch (r.kind) {
      case 'load':
        return loadRow(r);
      case 'flood':
        return floodRow(r);
      case 'host-page':
        return hostPageRow(r);
      case 'full':
        return fullRow(r);
    }
  });
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { only: { type: 'string' } } });
  const deadline = setTimeout(() => {
    console.error(`live load bench: over ${DEADLINE_MS / 60_000} minutes, stopped`);
    for (const p of spawned) {
      try {
        p.kill();
      } catch {
        // Already gone.
      }
    }
    process.exit(1);
  }, DEADLINE_MS);
  const started = performance.now();
  const rows = loadRows(await liveLoad(values.only));
  clearTimeout(deadline);
  console.log(['| area | measure | value |', '| --- | --- | --- |', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n'));
  console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
  process.exit(0);
}
