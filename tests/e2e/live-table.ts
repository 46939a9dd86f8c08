// A live game's table for end-to-end tests: phones (each recording the WebSocket frames it receives), joining by
// keyboard, the host's stored game, and answering right or wrong on a phone by keyboard alone.
import { expect, type Browser, type Page, type WebSocket } from '@playwright/test';
import type { LiveGame } from '../../src/live/game.ts';
import { LIVE_HOST_STORE } from '../../src/live/keys.ts';
import type { Round } from '../../src/quiz/types.ts';
import { solvePuzzleByKeyboard, tabTo } from './quiz-player.ts';
import { newContext } from './contexts.ts';

export interface Phone {
  page: Page;
  name: string;
  /** Every WebSocket frame this phone received, in order. */
  frames: string[];
}

export async function phone(browser: Browser, name: string, mobile = false): Promise<Phone> {
  const context = await newContext(browser, mobile ? { viewport: { width: 375, height: 812 }, hasTouch: true } : {});
  const page = await context.newPage();
  const frames: string[] = [];
  page.on('websocket', (ws: WebSocket) => ws.on('framereceived', ({ payload }) => frames.push(String(payload))));
  return { page, name, frames };
}

/** Join by keyboard alone: Tab to each field, type, Enter. */
export async function join(p: Phone, pin: string) {
  await p.page.goto('/play/');
  await tabTo(p.page, p.page.getByTestId('play-pin'));
  await p.page.keyboard.type(pin);
  await p.page.keyboard.press('Tab');
  await expect(p.page.getByTestId('play-nickname')).toBeFocused();
  await p.page.keyboard.type(p.name);
  await p.page.keyboard.press('Enter');
  await expect(p.page.getByRole('heading', { name: `You are in, ${p.name}!` })).toBeVisible();
}

export const hostGame = async (host: Page) =>
  (await host.evaluate((key) => JSON.parse(localStorage.getItem(key)!), LIVE_HOST_STORE)) as LiveGame;

export async function currentRound(host: Page): Promise<Round> {
  const game = await hostGame(host);
  return game.rounds[game.round]!;
}

/** Answer on the phone by keyboard alone, right or wrong, as the phone shows the question (dealt order). */
export async function give(p: Phone, round: Round, right: boolean) {
  const page = p.page;
  const q = round.question;
  await expect(page.getByTestId('answer-option').first()).toBeVisible();
  switch (q.type) {
    case 'quiz': {
      const picks = right ? q.correct : [q.options.findIndex((_, i) => !q.correct.includes(i))];
      for (const i of picks) await page.keyboard.press(String(i + 1));
      if (q.correct.length > 1) {
        await tabTo(page, page.getByRole('button', { name: 'Submit answer' }));
        await page.keyboard.press('Enter');
      }
      break;
    }
    case 'true-false':
      await page.keyboard.press(q.answer === right ? '1' : '2');
      break;
    case 'type-answer':
      await expect(page.getByRole('textbox', { name: 'Your answer' })).toBeFocused();
      await page.keyboard.type(right ? q.accepted[0]! : 'zzz');
      await page.keyboard.press('Enter');
      break;
    case 'slider': {
      const slider = page.getByRole('slider');
      await expect(slider).toBeFocused();
      const far = Math.abs(q.min - q.answer) > q.tolerance ? 'Home' : 'End';
      await page.keyboard.press(right ? 'Home' : far);
      if (right) for (let v = q.min; v < q.answer - 1e-9; v += q.step) await page.keyboard.press('ArrowRight');
      await tabTo(page, page.getByRole('button', { name: 'Submit answer' }));
      await page.keyboard.press('Enter');
      break;
    }
    case 'puzzle':
      if (right) await solvePuzzleByKeyboard(page, q.items);
      await tabTo(page, page.getByRole('button', { name: 'Submit order' }));
      await page.keyboard.press('Enter');
      break;
  }
}

/** Answer, and see the phone take it. */
export async function answer(p: Phone, round: Round, right: boolean) {
  const page = p.page;
  await give(p, round, right);
  // The last answer in settles the question at once: the result may replace "Answer in!" before it is seen.
  await expect(page.getByRole('heading', { name: 'Answer in!' }).or(page.getByTestId('play-result'))).toBeVisible();
}
