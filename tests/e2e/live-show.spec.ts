// The live game as a show: a host on a projector (1920×1080 and 1280×720) and three phones at 375×812 through a whole
// game: the stage fills the screen, each question gets ready alone before its answers open, the reveal's bars and
// dimmed tiles, a latecomer, the leaderboard, the podium and the results download, sound counted by wrapping
// AudioContext, full screen, and nothing moving under reduced motion. The host's clock is Playwright's, paused: the
// test moves time on, so get-ready and answer times are exact.
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { expectNoAxeViolationsInBothThemes, preloadAxe, saveShot } from './helpers.ts';
import { answer, currentRound, give, hostGame, join, phone, type Phone } from './live-table.ts';
import { closeContexts, newContext } from './contexts.ts';

// The hosts and phones a test opened close with it (contexts.ts).
test.afterEach(closeContexts);

const PACK = 'full-stack-apps'; // five questions: three with four options, a true-false, a slider
const GET_READY_MS = 5_000;

/** Count every sound source the page starts (oscillators and noise): AudioContext wrapped before any script runs. */
async function countSounds(page: Page) {
  await page.addInitScript(() => {
    const counted = window as unknown as { soundsStarted: number };
    counted.soundsStarted = 0;
    const Real = window.AudioContext;
    const count = <N extends AudioScheduledSourceNode>(node: N): N => {
      const start = node.start.bind(node);
      node.start = (...args: Parameters<N['start']>) => {
        counted.soundsStarted++;
        start(...args);
      };
      return node;
    };
    window.AudioContext = class extends Real {
      override createOscillator() {
        return count(super.createOscillator());
      }
      override createBufferSource() {
        return count(super.createBufferSource());
      }
    };
  });
}
const sounds = (page: Page) => page.evaluate(() => (window as unknown as { soundsStarted: number }).soundsStarted);

/**
 * Move the host's paused clock on without dropping its connection: the socket counts a silent server as gone after
 * 5 s of its own clock (the tests' server pings every 1 s and waits 4 s for the pong), so time moves in steps of at
 * most 3.5 s, each right after a ping.
 */
function heartbeatSteps(page: Page) {
  let waiting: (() => void)[] = [];
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      if (payload !== '2') return; // Engine.IO's ping
      const woken = waiting;
      waiting = [];
      for (const wake of woken) wake();
    }),
  );
  return async (ms: number) => {
    for (let left = ms; left > 0; left -= 3_500) {
      await new Promise<void>((wake) => waiting.push(wake));
      await page.clock.runFor(Math.min(3_500, left));
    }
  };
}

async function openRoom(browser: Browser, viewport: { width: number; height: number }, getReady = '5') {
  // The show moves: the projector asks for motion (the suite's default is reduced motion).
  const context = await newContext(browser, { viewport, reducedMotion: 'no-preference' });
  const page = await context.newPage();
  const advance = heartbeatSteps(page);
  await countSounds(page);
  await page.clock.install();
  await preloadAxe(page);
  await page.goto('/quiz/host/');
  await page.getByLabel('Questions from').selectOption(PACK);
  await page.getByRole('radio', { name: 'All in the pack' }).check();
  await page.getByLabel('Time per question').selectOption('120');
  // The defaults are the show's: get ready for 5 s, latecomers welcome, sound on.
  await expect(page.getByLabel('Get ready')).toHaveValue('5');
  await expect(page.getByLabel('Let players join after the start')).toBeChecked();
  await page.getByLabel('Get ready').selectOption(getReady);
  await page.getByTestId('live-host').click();
  await expect(page.getByTestId('live-pin')).toHaveText(/^\d{6}$/);
  return { page, advance, pin: (await page.getByTestId('live-pin').textContent())!.trim() };
}

/** From here the host's time moves only when the test moves it (the players are seated: the game is about to start). */
const pauseClock = async (host: Page) => host.clock.pauseAt((await host.evaluate(() => Date.now())) + 1_000);

async function seatedPhone(browser: Browser, name: string, pin: string): Promise<Phone> {
  const p = await phone(browser, name, true);
  await countSounds(p.page);
  await join(p, pin);
  return p;
}

/** The room's screen belongs to the game: no site header or footer. */
async function expectStage(host: Page) {
  await expect(host.getByRole('banner')).toBeHidden();
  await expect(host.getByRole('contentinfo')).toBeHidden();
  await expect(host.getByText('Live games need the site’s own server.')).toBeHidden();
}

/** Let every finite animation finish (the podium's steps, the leaderboard's moves). */
const settled = (page: Page) =>
  page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );

/** The two projectors: every question, reveal and leaderboard is checked at both sizes, in one game. */
const PROJECTORS = [
  { viewport: { width: 1920, height: 1080 }, font: 48 },
  { viewport: { width: 1280, height: 720 }, font: 32 },
] as const;

/** `check` on the host at each projector's size in turn; the host is left at the first (1920×1080). */
async function onEachProjector(host: Page, check: (projector: (typeof PROJECTORS)[number]) => Promise<void>) {
  for (const projector of PROJECTORS) {
    await host.setViewportSize(projector.viewport);
    await check(projector);
  }
  await host.setViewportSize(PROJECTORS[0].viewport);
}

test(`a whole game on a projector, checked at 1920×1080 and 1280×720, with three phones and a latecomer`, async ({ browser }) => {
  test.setTimeout(240_000);
  const { page: host, pin, advance } = await openRoom(browser, PROJECTORS[0].viewport);
  await expectStage(host);
  await expect.poll(() => sounds(host), { message: 'the lobby loop plays' }).toBeGreaterThan(0);
  const ada = await seatedPhone(browser, 'Ada', pin);
  const bo = await seatedPhone(browser, 'Bo', pin);
  const cy = await seatedPhone(browser, 'Cy', pin);
  const phones = [ada, bo, cy];
  await expect(host.getByTestId('live-player')).toHaveText([/Ada/, /Bo/, /Cy/]);
  await saveShot(host, 'host-1-lobby');
  await saveShot(cy.page, 'phone-1-waiting');

  await pauseClock(host);
  await host.getByTestId('live-begin').click();
  const total = 5;
  let di: Phone | undefined;
  let beforeNext = 0;
  for (let n = 0; n < total; n++) {
    // Get ready: the question alone on the big screen, "Get ready" on every phone, no answers yet.
    await expect(host.getByTestId('get-ready')).toBeVisible();
    await expectStage(host);
    for (const p of phones) await expect(p.page.getByTestId('get-ready')).toContainText(`Question ${n + 1} of ${total}`);
    if (n === 0) {
      await saveShot(host, 'host-2-get-ready');
      await saveShot(ada.page, 'phone-2-get-ready');
      // A tap and a key during get-ready: there is nothing to answer yet, and nothing changes.
      await ada.page.mouse.click(187, 400);
      await ada.page.keyboard.press('1');
      await expect(ada.page.getByTestId('get-ready')).toBeVisible();
      await advance(2_000);
      await expect(host.getByTestId('get-ready')).toBeVisible();
    }
    const readyAt = (await hostGame(host)).readyAt!;
    await advance(n === 0 ? GET_READY_MS - 2_000 + 100 : GET_READY_MS + 100);

    // The answers open on the host and on the phones together.
    await expect(host.getByTestId('live-answered')).toHaveText(`0 of ${di ? 4 : 3} answered`);
    const open = await hostGame(host);
    expect(open.phase).toBe('question');
    expect(open.openedAt! - readyAt).toBeGreaterThanOrEqual(GET_READY_MS);
    const round = await currentRound(host);
    const q = round.question;
    for (const p of phones) await expect(p.page.getByText(`Question ${n + 1} of ${total}`)).toBeVisible();
    await expectStage(host);
    const prompt = host.getByTestId('question');
    await onEachProjector(host, async ({ viewport: { width }, font }) => {
      expect(parseFloat(await prompt.evaluate((e) => getComputedStyle(e).fontSize)), `prompt at ${width}`).toBeGreaterThanOrEqual(
        font,
      );
      if (q.type === 'quiz' && q.options.length === 4) {
        const boxes = await Promise.all((await host.getByTestId('live-option').all()).map((t) => t.boundingBox()));
        const left = Math.min(...boxes.map((b) => b!.x));
        const right = Math.max(...boxes.map((b) => b!.x + b!.width));
        expect(right - left, `four tiles across the screen at ${width}`).toBeGreaterThanOrEqual(0.9 * width);
      }
    });
    if (n === 0) {
      await saveShot(host, 'host-3-question');
      await saveShot(ada.page, 'phone-3-question');
      // Someone arrives late: a seat with 0 points, and nothing to answer until the next question.
      di = await seatedPhone(browser, 'Di', pin);
      await expect(host.getByTestId('live-answered')).toHaveText('0 of 3 answered');
    }
    const before = await sounds(host);
    // Ada answers the moment the answers open (her tap during get-ready did not count), Bo 1.5 s later.
    await answer(ada, round, true);
    if (n === 0) await saveShot(ada.page, 'phone-4-answered');
    await advance(1_500);
    await answer(bo, round, false);
    expect(await sounds(host), 'the question loop plays').toBeGreaterThan(before);
    const beforeReveal = await sounds(host);
    await answer(cy, round, n % 2 === 0);
    if (di && n > 0) await answer(di, round, true);

    // The reveal.
    await expect(host.getByTestId('explanation')).toBeVisible();
    await expectStage(host);
    expect(await sounds(host), 'the reveal sting').toBeGreaterThan(beforeReveal);
    const game = await hostGame(host);
    const result = (name: string) => game.players.find((p) => p.nickname === name)!.results[n]!;
    expect(result('Ada').time).toBeLessThanOrEqual(100);
    expect(result('Bo').time).toBeGreaterThanOrEqual(1_500);
    expect(result('Bo').time).toBeLessThanOrEqual(1_600);
    const asked = game.players.filter((p) => !p.results[n]!.late);
    const right = asked.filter((p) => p.results[n]!.correct).length;
    await expect(host.getByTestId('live-right-count')).toHaveText(`${right} of ${asked.length} right`);
    if (q.type === 'quiz' || q.type === 'true-false') {
      await onEachProjector(host, async ({ viewport: { width } }) => {
        const bars = await host.getByTestId('live-bar').all();
        const measured = await Promise.all(
          bars.map(async (bar) => ({
            count: Number(await bar.getAttribute('data-count')),
            height: (await bar.boundingBox())!.height,
          })),
        );
        const tallest = measured.reduce((a, b) => (b.count > a.count ? b : a));
        expect(tallest.count).toBeGreaterThan(0);
        for (const bar of measured)
          expect(
            Math.abs(bar.height - (bar.count / tallest.count) * tallest.height),
            `bar height ∝ count at ${width}`,
          ).toBeLessThanOrEqual(2);
        expect(measured.reduce((a, b) => a + b.count, 0)).toBeGreaterThanOrEqual(asked.length);
      });
      const wrong = host.locator('[data-testid="live-option"][data-right="false"]');
      expect(await wrong.count()).toBeGreaterThan(0);
      for (const tile of await wrong.all())
        expect(Number(await tile.evaluate((e) => getComputedStyle(e).opacity))).toBeLessThanOrEqual(0.5);
      await expect(host.locator('[data-testid="live-option"][data-right="true"]').first()).toBeVisible();
      await saveShot(host, `host-4-reveal-q${n + 1}`);
    }
    // The phones: full-screen green for right, red for wrong.
    await expect(ada.page.getByTestId('play-result')).toHaveAttribute('data-verdict', 'right');
    await expect(bo.page.getByTestId('play-result')).toHaveAttribute('data-verdict', 'wrong');
    const background = (p: Phone) => p.page.locator('.play-outcome').evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(await background(ada)).toBe('rgb(29, 111, 10)');
    expect(await background(bo)).toBe('rgb(179, 17, 43)');
    if (n === 0) {
      await saveShot(ada.page, 'phone-5-result-right');
      await saveShot(bo.page, 'phone-6-result-wrong');
      await expectNoAxeViolationsInBothThemes(ada.page);
      await expectNoAxeViolationsInBothThemes(bo.page);
      // Di joined while the question was open: still waiting, scored nothing for it.
      expect(game.players.find((p) => p.nickname === 'Di')!.results[0]!.late).toBe(true);
      await expect(di!.page.getByRole('heading', { name: 'You are in, Di!' })).toBeVisible();
    }

    // The leaderboard: the top five with this round's points and moves; the latecomer on it.
    await host.getByTestId('next').click();
    const board = host.getByTestId('leaderboard');
    await expect(board).toBeVisible();
    await expectStage(host);
    await expect(board.getByRole('listitem')).toHaveCount(4);
    const table = [...game.players].sort((a, b) => b.score - a.score);
    for (const p of table)
      await expect(board.getByRole('listitem').filter({ hasText: p.nickname })).toContainText(
        `${p.score} points+${p.results[n]!.points + p.results[n]!.bonus}`,
      );
    if (n === 1) {
      expect(result('Di').correct).toBe(true);
      expect(result('Di').points).toBeGreaterThan(0);
      await settled(host);
      await saveShot(host, 'host-5-leaderboard');
    }
    beforeNext = await sounds(host);
    await host.getByTestId('next').click();
  }

  // The podium: third, second and first, then everyone; drumroll and fanfare; the results to keep.
  const beforePodium = beforeNext;
  await expect(host.getByTestId('podium')).toBeVisible();
  await expectStage(host);
  expect(await sounds(host), 'the drumroll').toBeGreaterThan(beforePodium);
  await advance(4_000);
  await settled(host);
  await saveShot(host, 'host-6-podium');
  const game = await hostGame(host);
  expect(game.phase).toBe('podium');
  const [csvDownload] = await Promise.all([host.waitForEvent('download'), host.getByTestId('live-download-csv').click()]);
  expect(csvDownload.suggestedFilename()).toBe(`live-game-${pin}.csv`);
  const rows = parse(await readFile((await csvDownload.path())!, 'utf8'), { columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(game.players.length * total);
  for (const p of game.players)
    for (const [n, r] of p.results.entries()) {
      const row = rows.find((x) => x['nickname'] === p.nickname && x['question'] === String(n + 1))!;
      expect(Number(row['points']), `${p.nickname}, question ${n + 1}`).toBe(r.points + r.bonus);
      expect(row['right']).toBe(String(r.correct));
      expect(row['time_ms']).toBe(r.time === null ? '' : String(r.time));
    }
  const [jsonDownload] = await Promise.all([host.waitForEvent('download'), host.getByTestId('live-download-json').click()]);
  const json = JSON.parse(await readFile((await jsonDownload.path())!, 'utf8')) as {
    players: { nickname: string; score: number }[];
  };
  expect(json.players.map((p) => [p.nickname, p.score])).toEqual(
    [...game.players].sort((a, b) => b.score - a.score).map((p) => [p.nickname, p.score]),
  );
  for (const link of await host.getByTestId('live-hardest').getByRole('link').all())
    expect(game.rounds.map((r) => r.question.sourceHref)).toContain(await link.getAttribute('href'));
  for (const p of [...phones, di!]) {
    await expect(p.page.getByTestId('play-rank')).toHaveText(/^You finished \d\w\w of 4/);
    expect(await sounds(p.page), `${p.name}'s phone stays silent by default`).toBe(0);
  }
  await saveShot(ada.page, 'phone-7-final');
});

test('sound off, full screen and reduced motion at 1280×720: silent, full screen in every phase, nothing moves', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const { page: host, pin, advance } = await openRoom(browser, { width: 1280, height: 720 });
  await host.emulateMedia({ reducedMotion: 'reduce' });
  const sound = host.getByTestId('live-sound');
  await expect(sound).toHaveAttribute('aria-pressed', 'true');
  await host.keyboard.press('m');
  await expect(sound).toHaveAttribute('aria-pressed', 'false');
  await host.evaluate(() => ((window as unknown as { soundsStarted: number }).soundsStarted = 0));
  await host.getByTestId('live-fullscreen').click();
  await expect.poll(() => host.evaluate(() => Boolean(document.fullscreenElement))).toBe(true);
  await expect(host.getByTestId('live-fullscreen')).toHaveText('Leave full screen');
  const ada = await seatedPhone(browser, 'Ada', pin);
  const still = async () => {
    await expectStage(host);
    expect(await host.evaluate(() => Boolean(document.fullscreenElement)), 'still full screen').toBe(true);
    const moving = await host.evaluate(
      () => document.getAnimations().filter((a) => a.playState !== 'finished' && a.playState !== 'idle').length,
    );
    expect(moving, 'nothing moves').toBe(0);
  };
  await pauseClock(host);
  await host.getByTestId('live-begin').click();
  for (let n = 0; n < 5; n++) {
    await expect(host.getByTestId('get-ready')).toBeVisible();
    await still();
    if (n === 0) {
      await expectNoAxeViolationsInBothThemes(ada.page);
    }
    await advance(GET_READY_MS + 100);
    await expect(host.getByTestId('question')).toBeVisible();
    await still();
    // Time runs (the question loop would play): still nothing with sound off. Ada does not answer.
    await advance(2_000);
    await host.getByRole('button', { name: 'Show the answer now' }).click();
    await expect(host.getByTestId('explanation')).toBeVisible();
    await expect(ada.page.getByTestId('play-result')).toHaveAttribute('data-verdict', 'late');
    await still();
    await host.getByTestId('next').click();
  }
  await expect(host.getByTestId('podium')).toBeVisible();
  await advance(5_000);
  await still();
  expect(await sounds(host), 'no sound with it off').toBe(0);
  // The setting is remembered for the next game, off and then on again with the button.
  expect(await host.evaluate(() => localStorage.getItem('dbweek-live-sound'))).toBe('false');
  await sound.click();
  await expect(sound).toHaveAttribute('aria-pressed', 'true');
  expect(await host.evaluate(() => localStorage.getItem('dbweek-live-sound'))).toBe('true');
});

test('a tap during get-ready changes nothing: the phone has no answer to give until the answers open; axe on get-ready', async ({
  browser,
}) => {
  const { page: host, pin, advance } = await openRoom(browser, { width: 1280, height: 720 }, '10');
  const ada = await seatedPhone(browser, 'Ada', pin);
  await pauseClock(host);
  await host.getByTestId('live-begin').click();
  await expect(host.getByTestId('get-ready')).toBeVisible();
  await expect(ada.page.getByTestId('get-ready')).toBeVisible();
  await expect(ada.page.getByTestId('answer-option')).toHaveCount(0);
  await expectNoAxeViolationsInBothThemes(ada.page);
  await expectNoAxeViolationsInBothThemes(host, { pausedClock: true });
  await expect(host.getByTestId('get-ready')).toBeVisible();
  const { readyAt } = await hostGame(host);
  const round = await currentRound(host);
  await ada.page.mouse.click(187, 500);
  await advance(readyAt! + 10_000 - (await host.evaluate(() => Date.now())) - 100);
  await expect(host.getByTestId('get-ready')).toBeVisible();
  await advance(200);
  await give(ada, round, true);
  await expect(host.getByTestId('explanation')).toBeVisible();
  const result = (await hostGame(host)).players[0]!.results[0]!;
  expect(result.correct).toBe(true);
  expect(result.time).toBeLessThanOrEqual(100);
});
