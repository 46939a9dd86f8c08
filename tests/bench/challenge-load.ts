// Challenges under load: 200 players in one challenge answer each question at the same moment, against a server
// process of its own (src/server/main.ts, challenges only) storing into SQLite (WAL, synchronous=FULL) and then
// into PostgreSQL (a cluster this bench starts). Two loads per backend: every player sending at the same instant
// (answers stored per second, and the queue that makes), and every player answering at a random moment within the
// same second, as the live games' bench does (the latency of an answer: request sent to acknowledgement received,
// stored, scored and answered; p50 and p99).
// Loopback only. `npm run bench:challenges` runs it alone; `npm run bench` includes its rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API, PREVIEW_MS, type Screen } from '../../src/challenge/contract.ts';
import { BANK, RIGHT, WRONG, writeBank } from '../lib/challenge-bank.ts';
import { startLive } from '../lib/live-process.ts';
import { postgresMissing, startPostgres } from '../lib/postgres.ts';

const PLAYERS = 200;
/** As the live games' bench: a player answers at a random moment within a second of the answers opening. */
const THINK_MS = 1000;

export interface ChallengeLoadResult {
  backend: string;
  /** 0: every player sends at the same instant; otherwise each at a random moment within this many ms. */
  thinkMs: number;
  answers: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** The machine's 1-minute load average when the run ended: on 2 shared cores, the tail follows it. */
  load: number;
  /** The server's own time for an answer (its Server-Timing header: check, score, store), p99. */
  serverP99: number;
  lost: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

async function post(base: string, path: string, body: unknown) {
  const response = await fetch(`${base}${API}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const timing = /dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '');
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    serverMs: timing ? Number(timing[1]) : NaN,
  };
}

async function run(backend: string, env: Record<string, string>, thinkMs: number): Promise<ChallengeLoadResult> {
  const server = await startLive({ LIVE_ONLY: '1', ...env });
  try {
    const base = server.url;
    const created = await post(base, '', { pack: 'all', count: 'all', timer: 30, deadline: Date.now() + 3600_000 });
    const pin = created.body['pin'] as string;
    const tokens = await Promise.all(
      Array.from(
        { length: PLAYERS },
        async (_, i) => (await post(base, `/${pin}/players`, { nickname: `Player ${i + 1}` })).body['token'] as string,
      ),
    );
    const latencies: number[] = [];
    const serverTimes: number[] = [];
    let burstMs = 0;
    let lost = 0;
    for (let round = 0; round < BANK.questions.length; round++) {
      const dealt = await Promise.all(tokens.map((token) => post(base, `/${pin}/next`, { token })));
      // Everyone waits out the preview; then each answers at a random moment within THINK_MS (0: all at once).
      await new Promise((resolve) => setTimeout(resolve, PREVIEW_MS + 100));
      const start = performance.now();
      await Promise.all(
        dealt.map(async ({ body }, i) => {
          const q = body as unknown as Extract<Screen, { type: 'question' }>;
          const id = BANK.questions.find((b) => b.prompt === q.prompt)!.id;
          if (thinkMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * thinkMs));
          const sent = performance.now();
          const reply = await post(base, `/${pin}/answers`, {
            token: tokens[i],
            deal: q.deal,
            answer: i % 3 ? RIGHT[id] : WRONG[id],
          });
          latencies.push(performance.now() - sent);
          serverTimes.push(reply.serverMs);
          if (reply.status !== 200) lost++;
        }),
      );
      burstMs += performance.now() - start;
    }
    latencies.sort((a, b) => a - b);
    serverTimes.sort((a, b) => a - b);
    return {
      backend,
      thinkMs,
      answers: latencies.length,
      perSecond: latencies.length / (burstMs / 1000),
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      serverP99: quantile(serverTimes, 0.99),
      load: loadavg()[0]!,
      lost,
    };
  } finally {
    await server.kill('SIGKILL');
  }
}

export async function challengeLoad(): Promise<ChallengeLoadResult[]> {
  const bank = writeBank();
  const dir = mkdtempSync(join(tmpdir(), 'dbweek-bench-sqlite-'));
  const results: ChallengeLoadResult[] = [];
  try {
    for (const think of [0, THINK_MS]) {
      results.push(await run('SQLite', { DATA_DIR: dir, CHALLENGE_BANK: bank, DATABASE_URL: '' }, think));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const missing = postgresMissing();
  if (missing) {
    console.warn(`challenge bench: PostgreSQL skipped: ${missing}`);
  } else {
    const pg = await startPostgres();
    try {
      for (const think of [0, THINK_MS])
        results.push(await run('PostgreSQL', { DATABASE_URL: pg.url, CHALLENGE_BANK: bank }, think));
    } finally {
      await pg.stop();
    }
  }
  return results;
}

export function challengeRows(results: ChallengeLoadResult[]): string[][] {
  return results.map((r) =>
    r.thinkMs === 0
      ? [
          'Challenges',
          `${r.backend}: ${PLAYERS} players send their answers at the same instant (${r.answers} answers): stored per second; latency p50 / p99; refused`,
          `${r.perSecond.toFixed(0)} /s; ${r.p50.toFixed(1)} ms / ${r.p99.toFixed(1)} ms; ${r.lost} (load average ${r.load.toFixed(1)})`,
        ]
      : [
          'Challenges',
          `${r.backend}: ${PLAYERS} players answer within the same ${r.thinkMs / 1000} s (${r.answers} answers): latency p50 / p99 (aim on SQLite: p99 ≤ 50 ms); the server's own time p99; refused`,
          `${r.p50.toFixed(1)} ms / ${r.p99.toFixed(1)} ms; ${r.serverP99.toFixed(1)} ms; ${r.lost} (load average ${r.load.toFixed(1)})`,
        ],
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = challengeRows(await challengeLoad());
  console.log(['| area | measure | value |', '| --- | --- | --- |', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n'));
}
