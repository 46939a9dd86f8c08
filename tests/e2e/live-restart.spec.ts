// A live game through a server crash: the test starts its own server process (not Playwright's web server), with
// REDIS_URL and without (rooms in memory, as `npm start` runs), SIGKILLs it mid-question and starts it again on the
// same port. The host's screen and the phones reconnect by themselves and take their places back (without Redis, the
// host's browser first gives the restarted server its room back), and the game goes on at the same question with the
// same scores, to its podium.
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { LiveGame } from '../../src/live/game.ts';
import { LIVE_HOST_STORE } from '../../src/live/keys.ts';
import { startLive, type LiveProcess } from '../lib/live-process.ts';
import { startRedis, type TestRedis } from '../lib/redis.ts';
import { saveShot } from './helpers.ts';
import { closeContexts, newContext } from './contexts.ts';

let redis: TestRedis | undefined;
let server: LiveProcess;

test.afterEach(async () => {
  // The pages first (contexts.ts), so that none is left reconnecting to the server stopped next.
  await closeContexts();
  await server?.kill('SIGKILL');
  await redis?.stop();
  redis = undefined;
});

const engineOf = async (host: Page) =>
  (await host.evaluate((key) => JSON.parse(localStorage.getItem(key)!), LIVE_HOST_STORE)) as LiveGame;

const scores = async (host: Page) => Object.fromEntries((await engineOf(host)).players.map((p) => [p.nickname, p.score]));

async function page(browser: Browser, viewport: { width: number; height: number }) {
  const context = await newContext(browser, { baseURL: server.url, viewport });
  return context.newPage();
}

/** Any answer to the question on the phone (right or wrong does not matter here), by its visible controls. */
async function answerAny(phone: Page, host: Page) {
  const engine = await engineOf(host);
  const type = engine.rounds[engine.round]!.question.type;
  await expect(phone.getByTestId('answer-option').first()).toBeVisible();
  if (type === 'type-answer') {
    await phone.getByRole('textbox', { name: 'Your answer' }).fill('zzz');
    await phone.keyboard.press('Enter');
  } else if (type === 'slider') await phone.getByRole('button', { name: 'Submit answer' }).click();
  else if (type === 'puzzle') await phone.getByRole('button', { name: 'Submit order' }).click();
  else {
    await phone.getByTestId('answer-option').first().click();
    const submit = phone.getByRole('button', { name: 'Submit answer' });
    if (await submit.isVisible()) await submit.click();
  }
  await expect(phone.getByRole('heading', { name: 'Answer in!' }).or(phone.getByTestId('play-result'))).toBeVisible();
}

for (const rooms of ['in Redis', 'in memory'] as const) {
  test(`rooms ${rooms}: the server killed mid-question and started again; the game goes on to its podium, same scores`, async ({
    browser,
  }) => {
    await play(browser, rooms);
  });
}

async function play(browser: Browser, rooms: 'in Redis' | 'in memory') {
  test.slow();
  if (rooms === 'in Redis') redis = await startRedis();
  server = await startLive({ ...(redis && { REDIS_URL: redis.url }), LIVE_ONLY: '0' });
  const host = await page(browser, { width: 1280, height: 800 });
  await host.goto('/quiz/host/');
  await host.getByLabel('Questions from').selectOption('category:analytics');
  await host.getByRole('radio', { name: '5', exact: true }).check();
  await host.getByLabel('Time per question').selectOption('120');
  await host.getByLabel('Get ready').selectOption('0');
  await host.getByTestId('live-host').click();
  const pin = (await host.getByTestId('live-pin').textContent())!.trim();
  const phones: Record<string, Page> = {};
  for (const name of ['Ada', 'Bo']) {
    const phone = await page(browser, { width: 375, height: 812 });
    await phone.goto(`/play/?pin=${pin}`);
    await phone.getByTestId('play-nickname').fill(name);
    await phone.getByTestId('play-join').click();
    await expect(phone.getByRole('heading', { name: `You are in, ${name}!` })).toBeVisible();
    phones[name] = phone;
  }
  const { Ada: ada, Bo: bo } = phones as { Ada: Page; Bo: Page };
  await expect(host.getByTestId('live-player')).toHaveText([/Ada/, /Bo/]);
  // Start pressed while the server is held still (SIGSTOP): the lobby stays, and its button says the game is starting
  // until the server acknowledges.
  process.kill(server.pid(), 'SIGSTOP');
  await host.getByTestId('live-begin').click();
  await expect(host.getByRole('button', { name: 'Starting…' })).toBeDisabled();
  await expect(host.getByTestId('live-player')).toHaveText([/Ada/, /Bo/]);
  process.kill(server.pid(), 'SIGCONT');

  // Question 1, answered by both: the host reveals and scores it.
  for (const phone of [ada, bo]) await answerAny(phone, host);
  await expect(host.getByTestId('explanation')).toBeVisible();
  const afterFirst = await scores(host);
  await host.getByTestId('next').click();
  await expect(host.getByTestId('leaderboard')).toBeVisible();
  await host.getByTestId('next').click();
  for (const phone of [ada, bo]) await expect(phone.getByText('Question 2 of 5')).toBeVisible();

  // Mid-question 2: Ada has answered, Bo has not, when the server dies without a word.
  await answerAny(ada, host);
  await expect(host.getByTestId('live-answered')).toHaveText('1 of 2 answered');
  await server.kill('SIGKILL');
  const boStatus = bo.locator('[data-play-status]');
  await expect(boStatus).toHaveText(/Connection lost\. Reconnecting…|Cannot reach the game server\. Retrying…/, {
    timeout: 20_000,
  });
  await shots({ down: bo });
  await server.restart();

  // Back by themselves: Bo's phone is connected again at question 2, Ada's answer still counts, the same scores.
  await expect(boStatus).toBeEmpty({ timeout: 20_000 });
  await expect(ada.locator('[data-play-status]')).toBeEmpty({ timeout: 20_000 });
  await expect(bo.getByText('Question 2 of 5')).toBeVisible();
  await expect(host.getByTestId('live-answered')).toHaveText('1 of 2 answered');
  expect(await scores(host)).toEqual(afterFirst);
  await shots({ host, back: bo });
  await answerAny(bo, host);
  await expect(host.getByTestId('explanation')).toBeVisible();
  const engine = await engineOf(host);
  for (const player of engine.players) {
    // Question 1's result as it was, question 2's from both phones (Ada's from before the crash).
    expect(player.results).toHaveLength(2);
    expect(player.score).toBe(afterFirst[player.nickname]! + player.results[1]!.points + player.results[1]!.bonus);
  }
  await host.getByTestId('next').click();
  await expect(host.getByTestId('leaderboard').getByRole('listitem')).toHaveText(
    [...engine.players].sort((a, b) => b.score - a.score).map((p) => new RegExp(`${p.nickname}.*${p.score} points`)),
  );
  // On to the podium, every player still in it.
  for (let n = 3; n <= 5; n++) {
    await host.getByTestId('next').click();
    for (const phone of [ada, bo]) await expect(phone.getByText(`Question ${n} of 5`)).toBeVisible();
    for (const phone of [ada, bo]) await answerAny(phone, host);
    await expect(host.getByTestId('explanation')).toBeVisible();
    await host.getByTestId('next').click();
    await expect(host.getByTestId('leaderboard')).toBeVisible();
  }
  await host.getByTestId('next').click();
  const final = await engineOf(host);
  expect(final.players.map((p) => p.results.length)).toEqual([5, 5]);
  await expect(host.getByTestId('live-ranks').getByRole('listitem')).toHaveText(
    [...final.players].sort((a, b) => b.score - a.score).map((p) => new RegExp(`${p.nickname}.*${p.score} points`)),
  );
  for (const phone of [ada, bo]) await expect(phone.getByTestId('play-rank')).toHaveText(/^You finished \d\w\w of 2/);
}

/** For looking at, not for asserting (SHOTS): each page in the light and the dark theme. */
async function shots(pages: Record<string, Page>) {
  for (const [name, shown] of Object.entries(pages)) await saveShot(shown, `restart-${name}`, { themes: true });
}
