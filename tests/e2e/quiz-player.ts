// A player for the end-to-end tests who has studied the notes: it reads the question on screen, looks
// up the right answer in the question bank the page ships, and answers by keyboard or pointer.
import { expect, type Locator, type Page } from '@playwright/test';
import type { Question } from '../../src/quiz/types.ts';

export async function bank(page: Page): Promise<Question[]> {
  return page.locator('script[data-bank]').evaluate((el) => JSON.parse(el.textContent!).questions);
}

export async function currentQuestion(page: Page): Promise<Question> {
  const prompt = (await page.getByTestId('question').textContent())!.trim();
  const found = (await bank(page)).filter((q) => q.prompt === prompt);
  expect(found.length, `question "${prompt}" in the bank`).toBe(1);
  return found[0]!;
}

/** Press Tab until the target has focus: what a keyboard user does. */
export async function tabTo(page: Page, target: Locator, limit = 40) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** Answer the question on screen, right or wrong, by keyboard only. */
export async function answerByKeyboard(page: Page, right = true) {
  const q = await currentQuestion(page);
  const options = page.getByTestId('answer-option');
  switch (q.type) {
    case 'quiz': {
      const shown = (await options.allTextContents()).map((t) => t.replace(/\d$/, '').trim());
      const wanted = right ? q.correct.map((i) => q.options[i]!) : [q.options.find((_, i) => !q.correct.includes(i))!];
      const picks = shown.flatMap((text, i) => (wanted.includes(text) ? [i] : []));
      for (const i of picks) await page.keyboard.press(String(i + 1));
      if (q.correct.length > 1) await tabTo(page, page.getByRole('button', { name: 'Submit answer' }));
      if (q.correct.length > 1) await page.keyboard.press('Enter');
      return;
    }
    case 'true-false':
      await page.keyboard.press(q.answer === right ? '1' : '2');
      return;
    case 'type-answer':
      await page.keyboard.type(right ? q.accepted[0]! : 'zzz');
      await page.keyboard.press('Enter');
      return;
    case 'slider': {
      const slider = page.getByRole('slider');
      await expect(slider).toBeFocused();
      const target = right ? q.answer : q.answer + q.tolerance + q.step <= q.max ? q.answer + q.tolerance + q.step : q.min;
      await page.keyboard.press('Home');
      for (let v = q.min; v < target; v += q.step) await page.keyboard.press('ArrowRight');
      await tabTo(page, page.getByRole('button', { name: 'Submit answer' }));
      await page.keyboard.press('Enter');
      return;
    }
    case 'puzzle': {
      if (right) await solvePuzzleByKeyboard(page, q.items);
      await tabTo(page, page.getByRole('button', { name: 'Submit order' }));
      await page.keyboard.press('Enter');
      return;
    }
  }
}

/** Move each item up into its place with the "Move up" buttons, pressing only Tab and Enter. */
export async function solvePuzzleByKeyboard(page: Page, items: string[]) {
  for (let place = 0; place < items.length; place++) {
    const texts = (await page.locator('.puzzle__text').allTextContents()).map((t) => t.trim());
    let at = texts.indexOf(items[place]!);
    if (at === place) continue;
    await tabTo(page, page.getByRole('button', { name: `Move “${items[place]}” up` }));
    while (at > place) {
      await page.keyboard.press('Enter');
      at--;
    }
  }
  await expect(page.locator('.puzzle__text')).toHaveText(items);
}

/**
 * Open the quiz with Playwright's clock installed and paused: no timer moves unless the test moves it, so the
 * 3-second preview and the countdown cannot race a busy machine. `page.clock.runFor(ms)` moves time on.
 */
export async function openQuiz(page: Page, query = '') {
  // pauseAt installs the clock and stops it at this time in one step. (install({ time }) followed by
  // pauseAt(time + 1 s) let the clock run between the two calls; on a busy machine it ran past the pause time
  // and pauseAt failed with "Cannot fast-forward to the past".) Before the first page the clock stands at the
  // epoch, so a pause at this date is always a step forward.
  await page.clock.pauseAt(QUIZ_TIME);
  await page.goto(`/quiz/${query}`);
}

/** The page time the quiz tests play at. */
export const QUIZ_TIME = new Date('2026-11-26T12:00:00Z');

/** From the lobby: nickname, pack and settings, then start; returns when the first question shows. */
export async function startGame(
  page: Page,
  options: {
    nickname?: string;
    players?: string[];
    pack?: string;
    count?: '10' | '20' | 'all';
    timer?: string;
    mode?: string;
  } = {},
) {
  await page.getByLabel('Your nickname').fill(options.nickname ?? 'Ada');
  for (const [i, name] of (options.players ?? []).entries()) {
    await page.getByTestId('add-player').click();
    await page.getByLabel(`Player ${i + 2}`, { exact: true }).fill(name);
  }
  if (options.pack) await page.getByLabel('Questions from').selectOption(options.pack);
  if (options.count)
    await page.getByRole('radio', { name: options.count === 'all' ? 'All in the pack' : options.count, exact: true }).check();
  if (options.timer) await page.getByLabel('Time per question').selectOption(options.timer);
  if (options.mode) await page.getByRole('radio', { name: new RegExp(`^${options.mode}`) }).check();
  await page.getByTestId('quiz-start').click();
  await expect(page.getByTestId('question')).toBeVisible();
}

export async function showAnswers(page: Page) {
  await page.getByRole('button', { name: 'Show the answers' }).click();
}

/**
 * Play on from wherever the game is to the podium: show the answers, answer (right or wrong as `right` says for
 * the n-th answer given, and in hot-seat for whose turn it is), pass the device, and press Next through reveals
 * and leaderboards.
 */
export async function playToPodium(page: Page, right: (n: number, player: string) => boolean = () => true) {
  const show = page.getByRole('button', { name: 'Show the answers' });
  const handover = page.getByTestId('handover');
  const next = page.getByTestId('next');
  // The end: a podium with others to be placed against, else a summary ("Your score", or practice's).
  const podium = page.getByTestId('podium').or(page.getByTestId('final-score'));
  for (let n = 0; n < 500;) {
    await expect(show.or(handover).or(next).or(podium)).toBeVisible();
    if (await podium.isVisible()) return;
    if (await show.isVisible()) {
      await show.click();
      const turn = page.getByTestId('turn').locator('strong');
      const player = (await turn.count()) ? ((await turn.textContent()) ?? '') : '';
      await answerByKeyboard(page, right(n++, player));
    } else if (await handover.isVisible()) {
      await handover.click();
    } else {
      await next.click();
    }
  }
  throw new Error('no podium after 500 answers');
}
