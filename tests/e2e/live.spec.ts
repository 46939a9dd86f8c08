// Live games end to end: one host screen and three phones (one at 375×812) on the site's own server, through a
// whole game, reloads and a dropped network, with every WebSocket frame a phone receives checked for the answer.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { answerPoints, streakBonus, timeLimit } from '../../src/quiz/scoring.ts';
import { ERRORS, SEAT_GONE } from '../../src/live/protocol.ts';
import type { Question } from '../../src/quiz/types.ts';
import { expectNoAxeViolationsInBothThemes } from './helpers.ts';
import { answer, currentRound, give, hostGame, join, phone, type Phone } from './live-table.ts';
import { closeContexts, newContext } from './contexts.ts';

// The hosts and phones a test opened close with it (contexts.ts).
test.afterEach(closeContexts);

const PACK = 'category:analytics'; // small, and holds every question type
const SLOW_MS = 5_000;

async function hostScreen(browser: Browser, count: '5' | 'all') {
  const context = await newContext(browser, { viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // The host's clock runs, but the test can jump it forward: a slow answer is one given after the jump.
  await page.clock.install();
  await page.goto('/quiz/host/');
  await page.getByLabel('Questions from').selectOption(PACK);
  await page.getByRole('radio', { name: count === 'all' ? 'All in the pack' : count, exact: true }).check();
  // Two minutes a question: axe runs in both themes on a busy machine must not outlast the countdown.
  await page.getByLabel('Time per question').selectOption('120');
  // These tests are about answers and scores: the answers open at once (get-ready has its own, live-show.spec.ts).
  await page.getByLabel('Get ready').selectOption('0');
  await page.getByTestId('live-host').click();
  await expect(page.getByTestId('live-pin')).toHaveText(/^\d{6}$/);
  await expect(page.getByTestId('live-qr').getByRole('img')).toBeVisible();
  return { page, pin: (await page.getByTestId('live-pin').textContent())!.trim() };
}

/** Nothing a phone received before the reveal gives the answer away. */
function expectNoLeak(p: Phone, before: number, q: Question) {
  const seen = p.frames.slice(0, before).join('\n');
  // A question's keys that make an answer right; a result's "correct": true/false comes after a reveal and says nothing ahead.
  expect(seen, `${p.name}: no answer key in any frame`).not.toMatch(
    /"(accepted|answer|explanation|tolerance|sourceHref)"\s*:|"correct"\s*:\s*\[/,
  );
  expect(seen).not.toContain(q.explanation.slice(0, 40));
  if (q.type === 'type-answer') for (const a of q.accepted) expect(seen.toLowerCase()).not.toContain(`"${a.toLowerCase()}"`);
  if (q.type === 'puzzle') expect(seen).not.toContain(JSON.stringify(q.items).slice(1, -1));
}

/** axe on a screen once it settles (the podium's steps rise in from transparent), in both themes. */
async function axeSettled(page: Page) {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  await expectNoAxeViolationsInBothThemes(page);
}

/** A host and three phones (Cy's at 375×812) seated in a room of five questions. */
async function table(browser: Browser) {
  const host = await hostScreen(browser, '5');
  const ada = await phone(browser, 'Ada');
  const bo = await phone(browser, 'Bo');
  const cy = await phone(browser, 'Cy', true);
  const phones = [ada, bo, cy];
  for (const p of phones) await join(p, host.pin);
  await expect(host.page.getByTestId('live-player')).toHaveText([/Ada/, /Bo/, /Cy/]);
  return { host, ada, bo, cy, phones };
}

test('the lobby: a taken or look-alike nickname is refused, the host removes a player, then the away ones, and locks the room', async ({
  browser,
}) => {
  const { host } = await table(browser);
  const extra = await phone(browser, 'Di');
  await extra.page.goto(`/play/?pin=${host.pin}`);
  // "ada" and "Аda" with a Cyrillic А are Ada's name on a projector.
  for (const name of ['ada', '\u0410da']) {
    await extra.page.getByTestId('play-nickname').fill(name);
    await extra.page.getByTestId('play-join').click();
    await expect(extra.page.getByTestId('play-error')).toHaveText(ERRORS['nickname-taken']);
  }
  await extra.page.getByTestId('play-nickname').fill('Di');
  await extra.page.getByTestId('play-join').click();
  await expect(host.page.getByTestId('live-player')).toHaveCount(4);
  await host.page.getByRole('button', { name: 'Remove Di' }).click();
  await expect(extra.page.getByTestId('play-error')).toHaveText('The host removed you from the game.');
  await expect(host.page.getByTestId('live-player')).toHaveCount(3);
  // Back in, then off the network: the host clears every away seat at once, and the phone learns it on its return.
  await extra.page.getByTestId('play-join').click();
  await expect(host.page.getByTestId('live-player')).toHaveCount(4);
  await extra.page.context().setOffline(true);
  await expect(host.page.getByTestId('live-player').filter({ hasText: 'Di' })).toContainText('(away)');
  await host.page.getByRole('button', { name: 'Remove 1 away player' }).click();
  await expect(host.page.getByTestId('live-player')).toHaveText([/Ada/, /Bo/, /Cy/]);
  await expect(host.page.getByRole('button', { name: /away player/ })).toHaveCount(0);
  await extra.page.context().setOffline(false);
  await expect(extra.page.getByTestId('play-error')).toHaveText(SEAT_GONE);
  await host.page.getByTestId('live-lock').click();
  await expect(host.page.getByTestId('live-lock')).toHaveAttribute('aria-pressed', 'true');
  await extra.page.getByTestId('play-join').click();
  await expect(extra.page.getByTestId('play-error')).toHaveText(ERRORS.locked);
  const wrongPin = host.pin === '123456' ? '654321' : '123456';
  await extra.page.getByTestId('play-pin').fill(wrongPin);
  await extra.page.getByTestId('play-join').click();
  await expect(extra.page.getByTestId('play-error')).toHaveText(ERRORS['no-room']);
  await expect(host.page.getByTestId('live-player')).toHaveCount(3);
});

test('a whole game: fast, slow and wrong answers score by the solo rules; leaderboard, podium and phones agree', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const { host, ada, bo, cy, phones } = await table(browser);
  await host.page.getByTestId('live-begin').click();
  const totals = new Map(phones.map((p) => [p.name, { score: 0, streak: 0 }]));
  for (let n = 0; n < 5; n++) {
    await expect(host.page.getByText(`Question ${n + 1} of 5`)).toBeVisible();
    const round = await currentRound(host.page);
    for (const p of phones) await expect(p.page.getByText(`Question ${n + 1} of 5`)).toBeVisible();
    await answer(ada, round, true);
    await expect(host.page.getByTestId('live-answered')).toHaveText('1 of 3 answered');
    await answer(cy, round, false);
    await expect(host.page.getByTestId('live-answered')).toHaveText('2 of 3 answered');
    // Bo answers after the host's clock has moved on: a slow answer.
    await host.page.clock.fastForward(SLOW_MS);
    const beforeReveal = phones.map((p) => p.frames.length);
    await answer(bo, round, true);
    // Everyone has answered: the host reveals by itself.
    await expect(host.page.getByTestId('explanation')).toHaveText(round.question.explanation);
    phones.forEach((p, i) => expectNoLeak(p, beforeReveal[i]!, round.question));
    await expect(host.page.getByTestId('source-link')).toHaveAttribute('href', round.question.sourceHref);
    await expect(host.page.getByTestId('live-right-count')).toHaveText('2 of 3 right');
    if (round.question.type === 'quiz' || round.question.type === 'true-false') {
      // A bar per option, its count in numbers on it.
      const bars = host.page.getByTestId('live-bar');
      const counts = await Promise.all((await bars.all()).map(async (bar) => Number(await bar.getAttribute('data-count'))));
      expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3);
    }

    // The solo rules' formula, from the times the host recorded: Bo's after the jump, Ada's before his.
    const game = await hostGame(host.page);
    const q = round.question;
    const limit = timeLimit(q, { timer: game.options.timer, mode: game.options.mode });
    const resultOf = (name: string) => game.players.find((pl) => pl.nickname === name)!.results[n]!;
    for (const p of phones) {
      const result = resultOf(p.name);
      const right = p !== cy;
      expect(result.correct).toBe(right);
      if (p === bo) expect(result.time!).toBeGreaterThanOrEqual(SLOW_MS);
      if (p === bo) expect(result.time!).toBeGreaterThan(resultOf('Ada').time!);
      const t = totals.get(p.name)!;
      if (q.points !== 'none') t.streak = right ? t.streak + 1 : 0;
      t.score +=
        q.points === 'none' ? 0 : answerPoints(q.points, right, result.time ?? 0, limit) + (right ? streakBonus(t.streak) : 0);
      await expect(p.page.getByTestId('play-result')).toHaveText(right ? 'Correct!' : 'Not quite');
      // The score stays in the strip at the bottom of the phone, as in Kahoot.
      await expect(p.page.getByTestId('play-score')).toHaveText(new RegExp(`^${t.score} points?$`));
    }
    await expect(cy.page.getByTestId('play-rank')).toHaveText(/of 3$/);
    await host.page.getByTestId('next').click();
    const order = [...totals].sort((a, b) => b[1].score - a[1].score);
    await expect(host.page.getByTestId('leaderboard').getByRole('listitem')).toHaveText(
      order.map(([name, t]) => new RegExp(`${name}.*${t.score} points`)),
    );
    await host.page.getByTestId('next').click();
  }
  const order = [...totals].sort((a, b) => b[1].score - a[1].score);
  await expect(host.page.getByTestId('podium').getByRole('listitem')).toHaveText(
    order.map(([name, t]) => new RegExp(`${name}.*${t.score} points`)),
  );
  await expect(host.page.getByTestId('live-ranks').getByRole('listitem')).toHaveCount(3);
  const ranks = order.map(([name]) => name);
  for (const p of phones) await expect(p.page.getByTestId('play-rank')).toHaveText(/^You finished \d\w\w of 3/);
  await expect(ada.page.getByTestId('play-rank')).toHaveText(`You finished ${['1st', '2nd', '3rd'][ranks.indexOf('Ada')]} of 3`);
});

test('a phone and the host screen reloaded mid-question: same seats, same question, the answers still count', async ({
  browser,
}) => {
  const { host, ada, bo, phones } = await table(browser);
  await host.page.getByTestId('live-begin').click();
  for (const p of phones) await expect(p.page.getByText('Question 1 of 5')).toBeVisible();
  const round = await currentRound(host.page);
  await bo.page.reload();
  await expect(bo.page.getByText('Question 1 of 5')).toBeVisible();
  await host.page.reload();
  await expect(host.page.getByTestId('question')).toBeVisible();
  await expect(host.page.getByTestId('live-answered')).toHaveText('0 of 3 answered');
  await answer(ada, round, true);
  await answer(bo, round, true);
  await expect(host.page.getByTestId('live-answered')).toHaveText('2 of 3 answered');
});

test('a phone that drops off the network shows as away, then comes back to its seat and the open question', async ({
  browser,
}) => {
  const { host, ada, cy } = await table(browser);
  await host.page.getByTestId('live-begin').click();
  await expect(cy.page.getByText('Question 1 of 5')).toBeVisible();
  const round = await currentRound(host.page);
  await answer(ada, round, true);
  // Heartbeats are short in the tests' server (LIVE_PING_MS): the drop shows within seconds, not ten.
  await cy.page.context().setOffline(true);
  await expect(cy.page.getByText('Connection lost. Reconnecting…')).toBeVisible();
  await expect(host.page.getByTestId('live-answered')).toHaveText('1 of 3 answered');
  await cy.page.context().setOffline(false);
  await expect(cy.page.getByText('Connection lost. Reconnecting…')).toBeHidden();
  await expect(cy.page.getByText('Question 1 of 5')).toBeVisible();
  await answer(cy, round, false);
  await expect(host.page.getByTestId('live-answered')).toHaveText('2 of 3 answered');
});

test('axe in every phase of the host and a phone, in both themes', async ({ browser }) => {
  test.setTimeout(180_000);
  const host = await hostScreen(browser, '5');
  await axeSettled(host.page);
  const cy = await phone(browser, 'Cy', true);
  const ada = await phone(browser, 'Ada');
  for (const p of [cy, ada]) await join(p, host.pin);
  await axeSettled(cy.page);
  await host.page.getByTestId('live-begin').click();
  await expect(cy.page.getByText('Question 1 of 5')).toBeVisible();
  const round = await currentRound(host.page);
  await axeSettled(host.page);
  await axeSettled(cy.page);
  await answer(ada, round, true);
  await answer(cy, round, false);
  await expect(host.page.getByTestId('explanation')).toBeVisible();
  await axeSettled(host.page);
  await axeSettled(cy.page);
  await host.page.getByTestId('next').click();
  await expect(host.page.getByTestId('leaderboard')).toBeVisible();
  await axeSettled(host.page);
  // On to the podium: the rest of the questions unanswered, each closed by the host.
  for (let n = 1; n < 5; n++) {
    await host.page.getByTestId('next').click();
    await host.page.getByRole('button', { name: 'Show the answer now' }).click();
    await host.page.getByTestId('next').click();
  }
  await host.page.getByTestId('next').click();
  await expect(host.page.getByTestId('podium')).toBeVisible();
  await axeSettled(host.page);
  await expect(cy.page.getByTestId('play-rank')).toHaveText(/^You finished/);
  await axeSettled(cy.page);
});

test('no frame a phone receives before the reveal gives the answer away, on every question type', async ({ browser }) => {
  test.setTimeout(180_000);
  const host = await hostScreen(browser, 'all');
  const ada = await phone(browser, 'Ada', true);
  await join(ada, host.pin);
  await host.page.getByTestId('live-begin').click();
  const types = new Set<string>();
  const total = Number(/of (\d+)/.exec((await host.page.getByText(/^Question 1 of/).textContent())!)![1]);
  for (let n = 0; n < total; n++) {
    await expect(ada.page.getByText(`Question ${n + 1} of ${total}`)).toBeVisible();
    const round = await currentRound(host.page);
    types.add(round.question.type);
    const before = ada.frames.length;
    expect(before).toBeGreaterThan(0);
    // The question frame itself carries the controls, and nothing that makes an answer right.
    expectNoLeak(ada, before, round.question);
    await answer(ada, round, n % 2 === 0);
    await expect(host.page.getByTestId('explanation')).toBeVisible();
    await host.page.getByTestId('next').click();
  }
  expect([...types].sort()).toEqual(['puzzle', 'quiz', 'slider', 'true-false', 'type-answer']);
  await expect(host.page.getByTestId('podium')).toBeVisible();
});

test('an answer given while the host is off the network still counts once the host is back', async ({ browser }) => {
  test.slow();
  const host = await hostScreen(browser, '5');
  const ada = await phone(browser, 'Ada', true);
  await join(ada, host.pin);
  await host.page.getByTestId('live-begin').click();
  await expect(ada.page.getByText('Question 1 of 5')).toBeVisible();
  const round = await currentRound(host.page);

  await host.page.context().setOffline(true);
  await expect(host.page.getByText('Connection to the game server lost. Reconnecting…')).toBeVisible({ timeout: 20_000 });
  // The server takes the answer, but there is no host to hand it to.
  await give(ada, round, true);
  await expect(ada.page.getByRole('heading', { name: 'Sending your answer…' })).toBeVisible();
  await host.page.context().setOffline(false);
  await expect(host.page.getByText('Connection to the game server lost. Reconnecting…')).toBeHidden({ timeout: 20_000 });

  // Back, the host sends the question again; the phone answers again by itself and the reveal follows.
  await expect(host.page.getByTestId('explanation')).toHaveText(round.question.explanation);
  await expect(host.page.getByTestId('live-right-count')).toHaveText('1 of 1 right');
  await expect(ada.page.getByTestId('play-result')).toHaveText('Correct!');
});

test('in play the screens are the game’s; ending it asks first, then tells every phone', async ({ browser }) => {
  const host = await hostScreen(browser, '5');
  const ada = await phone(browser, 'Ada', true);
  await join(ada, host.pin);
  // The lobby is on the projector too: the site's header is folded away from the room's first look, and so is the
  // form that assigns a challenge, which the page shows below the room's setup.
  await expect(host.page.getByRole('banner')).toBeHidden();
  const assign = host.page.getByRole('heading', { name: 'Assign a challenge' });
  await expect(assign).toBeHidden();
  // A player arriving redraws the lobby; its heading keeps the focus it was given.
  await expect(host.page.getByTestId('live-player')).toHaveText([/Ada/]);
  await expect(host.page.getByRole('heading', { name: 'Join on your phone' })).toBeFocused();
  await host.page.getByTestId('live-begin').click();
  await expect(ada.page.getByText('Question 1 of 5')).toBeVisible();
  await expect(host.page.getByTestId('question')).toBeFocused();
  expect(await host.page.evaluate(() => scrollY)).toBe(0);
  // The site's header folds away on the projector and on the phone, and the setup notice is gone.
  for (const page of [host.page, ada.page]) await expect(page.getByRole('banner')).toBeHidden();
  await expect(host.page.getByText('Live games need the site’s own server.')).toBeHidden();

  await host.page.getByRole('button', { name: 'End the game' }).click();
  const ask = host.page.getByRole('dialog', { name: 'End this game?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Keep playing' }).click();
  await expect(ask).toBeHidden();
  await expect(host.page.getByTestId('question')).toBeVisible();

  await host.page.getByRole('button', { name: 'End the game' }).click();
  await ask.getByRole('button', { name: 'End the game' }).click();
  await expect(ada.page.getByTestId('play-error')).toHaveText('The host closed the game.');
  await expect(host.page.getByTestId('live-host')).toBeVisible();
  for (const page of [host.page, ada.page]) await expect(page.getByRole('banner')).toBeVisible();
  await expect(assign).toBeVisible();
});
