// The host's real page under a big room: the built site's /quiz/host/ in Chromium, served by the site's own server
// (src/server/main.ts), 2,000 socket.io-client players seated, and a few questions that every player answers
// within about a second. The page counts its main-thread tasks over 50 ms (a `longtask` PerformanceObserver,
// installed before any of the page's scripts); what matters is the longest while answers pour in and the reveal is
// drawn, when a host's laptop must keep the countdown and the answered count moving. Needs `npm run build` first.
import { chromium } from 'playwright';
import { launchOptions } from '../../src/diagrams/chromium.ts';
import { LIVE_HOST_STORE } from '../../src/live/keys.ts';
import type { LiveGame } from '../../src/live/game.ts';
import { anyAnswer, LivePlayer, until } from '../lib/live-clients.ts';
import type { LiveProcess } from '../lib/live-process.ts';

const PLAYERS = 2_000;
const QUESTIONS = 5;
/** Players answer at a random moment within this long of seeing a question. */
const THINK_MS = 1_000;
/** Joined this many at a time, so that the lobby (redrawn on every seat) keeps up. */
const JOIN_BATCH = 200;
const PACK = 'category:analytics'; // small, and holds every question type (as the end-to-end tests use it)

export interface HostPageResult {
  kind: 'host-page';
  scenario: string;
  players: number;
  questions: number;
  /** The longest main-thread task from the game's start to the last reveal, in ms; and how many were over 50 ms. */
  longestTask: number;
  longTasks: number;
  /** The longest while the players joined (the lobby's list redrawn as each sits down). */
  longestJoinTask: number;
  /** Answers the host's page held for each question when it revealed it. */
  answersAtReveal: number[];
}

declare global {
  interface Window {
    longTasks: { start: number; duration: number }[];
  }
}

export async function hostPage(
  scenario: string,
  server: LiveProcess,
  address: () => string,
  progress: (line: string) => void,
): Promise<HostPageResult> {
  const browser = await chromium.launch(launchOptions());
  const players: LivePlayer[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(() => {
      window.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    const page = await context.newPage();
    // A script error on the host's page is the likeliest reason a step never comes: say it.
    page.on('pageerror', (error) => progress(`host page error: ${error.message}`));
    page.setDefaultTimeout(30_000);
    await page.goto(`${server.url}/quiz/host/`);
    await page.getByLabel('Questions from').selectOption(PACK);
    await page.getByRole('radio', { name: String(QUESTIONS), exact: true }).check();
    // Time enough that no question runs out while 2,000 answers arrive: the reveal comes when all are in.
    await page.getByLabel('Time per question').selectOption('120');
    await page.getByLabel('Get ready').selectOption('0');
    await page.getByTestId('live-host').click();
    const pin = (await page.getByTestId('live-pin').textContent())!.trim();

    // HOST_PAGE_PROFILE=1: CPU profiles of the page while the players join and from the start to the last reveal, and
    // where the longest stretches of work went in each (for finding what makes a long task; the numbers above stay the
    // measure).
    const cdp = process.env['HOST_PAGE_PROFILE'] ? await context.newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    for (let i = 0; i < PLAYERS; i += JOIN_BATCH) {
      const batch = Array.from({ length: Math.min(JOIN_BATCH, PLAYERS - i) }, (_, j) =>
        LivePlayer.join(server.url, pin, `P${i + j}`, address()),
      );
      players.push(...(await Promise.all(batch)));
    }
    const seatsShown = () => page.evaluate(() => document.querySelectorAll('[data-testid="live-player"]').length);
    await until(async () => (await seatsShown()) === PLAYERS, 60_000, `${PLAYERS} players in the host's lobby`);
    progress(`host page: ${PLAYERS} seated`);
    const joinTasks = await page.evaluate(() => window.longTasks.splice(0));
    if (cdp) {
      // The joining's stretches apart from the game's: each has its own target and its own work.
      progress('host page profile, while the players joined:');
      for (const line of busiestStretches((await cdp.send('Profiler.stop')).profile)) progress(line);
      await cdp.send('Profiler.start');
    }

    for (const player of players) {
      player.onScreen = (screen) => {
        if (screen.type !== 'question') return;
        setTimeout(
          () => player.socket.emit('player:answer', { round: screen.round, answer: anyAnswer(screen.ask) }),
          Math.random() * THINK_MS,
        );
      };
    }
    const answersAtReveal: number[] = [];
    await page.getByTestId('live-begin').click();
    // The game as the page stored it, parsed here: parsed in the page, 2,000 players' game is a long task of the
    // bench's own on the main thread it measures.
    const stored = async () =>
      JSON.parse((await page.evaluate((key) => localStorage.getItem(key), LIVE_HOST_STORE))!) as LiveGame;
    // The pack may hold fewer questions than asked for: the game's own count of rounds decides.
    let rounds: number = QUESTIONS;
    for (let round = 0; round < rounds; round++) {
      // Every answer in, the page settles the question by itself and shows the reveal.
      await page.getByTestId('live-right-count').waitFor({ timeout: 60_000 });
      const game = await stored();
      rounds = game.rounds.length;
      const answered = game.players.filter((p) => p.results[round]?.answer).length;
      answersAtReveal.push(answered);
      progress(
        `host page: question ${round + 1} revealed with ${answered} answers (stored: round ${game.round} of ${game.rounds.length}, ${game.phase}; shown: ${await page.evaluate(() => document.querySelector('[data-phase]')?.getAttribute('data-phase'))})`,
      );
      if (round + 1 === rounds) break;
      // On to the next question, through the leaderboard when the game shows one: one click per screen, each
      // waited out, until the game's round moves on. (Asking the page which screen it shows can take long enough
      // under load that the next question has come and gone: then a "reveal" is the next round's, not this one's.)
      const at = async () => ({
        round: (await stored()).round,
        phase: await page.evaluate(() => document.querySelector('[data-phase]')?.getAttribute('data-phase') ?? null),
      });
      for (let now = await at(); now.round === round; now = await at()) {
        await page.getByTestId('next').click();
        await page
          .waitForFunction((before) => document.querySelector('[data-phase]')?.getAttribute('data-phase') !== before, now.phase)
          .catch(async (error: unknown) => {
            const shown = await page.evaluate(() => document.querySelector('h2')?.textContent);
            throw new Error(`the host's page stayed on ${now.phase}: ${shown}`, { cause: error });
          });
      }
    }
    const gameTasks = await page.evaluate(() => window.longTasks.splice(0));
    if (cdp) {
      progress('host page profile, from the start to the last reveal:');
      for (const line of busiestStretches((await cdp.send('Profiler.stop')).profile)) progress(line);
    }
    return {
      kind: 'host-page',
      scenario,
      players: PLAYERS,
      questions: answersAtReveal.length,
      longestTask: Math.max(0, ...gameTasks.map((t) => t.duration)),
      longTasks: gameTasks.length,
      longestJoinTask: Math.max(0, ...joinTasks.map((t) => t.duration)),
      answersAtReveal,
    };
  } finally {
    for (const p of players) p.close();
    await browser.close();
  }
}

interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    parent?: number;
    children?: number[];
  }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** The five longest stretches of samples without idle in a profile, each with the functions that took most of it. */
function busiestStretches({ nodes, samples = [], timeDeltas = [] }: CpuProfile): string[] {
  const profile = { nodes, samples, timeDeltas };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
  };
  const stretches: { from: number; to: number; ms: number }[] = [];
  let from = -1;
  let ms = 0;
  profile.samples.forEach((id, i) => {
    const idle = byId.get(id)!.callFrame.functionName === '(idle)';
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (!idle) {
      if (from < 0) [from, ms] = [i, 0];
      ms += dt;
    } else if (from >= 0) {
      stretches.push({ from, to: i, ms });
      from = -1;
    }
  });
  return stretches
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5)
    .map(({ from, to, ms }) => {
      // Inclusive time per function: every frame on the stack of each sample.
      const total = new Map<string, number>();
      for (let i = from; i < to; i++) {
        const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
        const seen = new Set<string>();
        for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
          const n = name(id);
          if (!seen.has(n)) total.set(n, (total.get(n) ?? 0) + dt);
          seen.add(n);
        }
      }
      const self = new Map<string, number>();
      for (let i = from; i < to; i++) {
        const n = name(profile.samples[i]!);
        self.set(n, (self.get(n) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
      }
      const list = (m: Map<string, number>, filter: (n: string) => boolean) =>
        [...m]
          .filter(([n]) => filter(n))
          .sort((a, b) => b[1] - a[1])
          .slice(0, 10)
          .map(([n, t]) => `${t.toFixed(0)} ms ${n}`)
          .join('\n    ');
      return `busy ${ms.toFixed(0)} ms\n  self:\n    ${list(self, () => true)}\n  the site's code, inclusive:\n    ${list(total, (n) => n.includes('.js:'))}`;
    });
}
