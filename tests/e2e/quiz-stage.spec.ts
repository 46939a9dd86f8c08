// The game stage, as Kahoot plays it, on a laptop and a phone: 2×2 tiles, the lesson inside the viewport at
// every reveal, two actions per solo question, a countdown that changes in the last five seconds, a podium
// of three steps, and nothing moving for a player who asked for reduced motion.
import { expect, test, type Page } from '@playwright/test';
import { answerByKeyboard, openQuiz, playToPodium, showAnswers, startGame } from './quiz-player.ts';

const viewports = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 375, height: 812 },
];

/** The tiles' rows, by the top edge of each tile. */
async function tileRows(page: Page): Promise<number[]> {
  const boxes = await page
    .locator('.tiles .tile')
    .evaluateAll((tiles) => tiles.map((t) => Math.round(t.getBoundingClientRect().top)));
  const rows = new Map<number, number>();
  for (const top of boxes) rows.set(top, (rows.get(top) ?? 0) + 1);
  return [...rows.values()];
}

for (const { name, width, height } of viewports) {
  test(`${name}: four tiles in two rows of two, and every reveal shows its lesson without scrolling`, async ({ page }) => {
    test.slow(); // a whole game
    await page.setViewportSize({ width, height });
    await openQuiz(page, '?seed=7');
    await startGame(page, { count: '10' });
    let fourTiles = 0;
    for (let n = 1; n <= 10; n++) {
      await showAnswers(page);
      if ((await page.locator('.tiles .tile').count()) === 4) {
        expect(await tileRows(page), `question ${n}`).toEqual([2, 2]);
        fourTiles++;
      }
      await answerByKeyboard(page, n % 2 === 0);
      for (const id of ['explanation', 'source-link', 'next']) {
        await expect(page.getByTestId(id), `${id} at reveal ${n}`).toBeInViewport({ ratio: 1 });
      }
      expect(await page.evaluate(() => window.scrollY), `scrolled at reveal ${n}`).toBe(0);
      await page.getByTestId('next').click();
    }
    expect(fourTiles).toBeGreaterThan(0);
    await expect(page.getByTestId('final-score')).toBeVisible();
  });
}

test('a solo game of ten questions takes two actions per question: answer, then next', async ({ page }) => {
  test.slow();
  await openQuiz(page, '?seed=12');
  await startGame(page, { count: '10' });
  let actions = 0;
  for (let n = 1; n <= 10; n++) {
    // The answers appear on their own after the preview; the clock moves, the player does nothing.
    await page.clock.runFor(3000);
    await expect(page.getByTestId('timer')).toBeVisible();
    await answerByKeyboard(page, true);
    actions++;
    await page.getByTestId('next').click();
    actions++;
  }
  await expect(page.getByTestId('final-score')).toBeVisible();
  expect(actions / 10).toBeLessThanOrEqual(2);
});

test('the countdown changes style and is announced in the last five seconds', async ({ page }) => {
  await openQuiz(page, '?seed=9');
  await startGame(page, { timer: '20' });
  await showAnswers(page);
  const timer = page.getByTestId('timer');
  await expect(timer).toContainText('20');
  await expect(timer).not.toHaveAttribute('data-warning');
  await page.clock.runFor(14_000);
  await expect(timer).toContainText('6');
  await expect(timer).not.toHaveAttribute('data-warning');
  const calm = await timer.locator('.timer__number').evaluate((el) => getComputedStyle(el).backgroundColor);
  await page.clock.runFor(1_100);
  await expect(timer).toHaveAttribute('data-warning');
  await expect(timer).toContainText('5');
  const warning = await timer.locator('.timer__number').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(warning).not.toBe(calm);
  await expect(page.locator('[data-announcer]')).toHaveText('5 seconds left');
});

test('a three-player hot-seat podium shows three steps: 2nd, 1st, 3rd from left to right', async ({ page }) => {
  test.slow();
  await openQuiz(page, '?seed=4');
  await startGame(page, { nickname: 'Ada', players: ['Bo', 'Cy'], pack: 'full-stack-apps', count: 'all' });
  await showAnswers(page);
  await answerByKeyboard(page, true);
  await expect(page.getByTestId('handover-status')).toContainText('1 of 3 has answered');
  await page.getByTestId('handover').click();
  // Ada always right, Bo right on his first answer only, Cy always wrong: the order is certain.
  const answered = new Map<string, number>();
  await playToPodium(page, (_, player) => {
    const count = (answered.get(player) ?? 0) + 1;
    answered.set(player, count);
    return player === 'Ada' || (player === 'Bo' && count === 1);
  });
  // Bo answered the first question in the loop above as well; Ada and Cy answered it before the loop.
  expect([...answered.keys()].sort()).toEqual(['Ada', 'Bo', 'Cy']);
  const steps = page.getByTestId('podium').getByRole('listitem');
  await expect(steps).toHaveCount(3);
  await expect(steps).toHaveText([/Ada.*1st/, /Bo.*2nd/, /Cy.*3rd/]);
  const lefts = await steps.evaluateAll((items) => items.map((li) => li.getBoundingClientRect().left));
  // Places 1, 2, 3 in the list; on screen, 2nd left of 1st, 1st left of 3rd.
  expect(lefts[1]!).toBeLessThan(lefts[0]!);
  expect(lefts[0]!).toBeLessThan(lefts[2]!);
  const heights = await page
    .locator('.podium__block')
    .evaluateAll((blocks) => blocks.map((b) => b.getBoundingClientRect().height));
  expect(heights[0]!).toBeGreaterThan(heights[1]!);
  expect(heights[1]!).toBeGreaterThan(heights[2]!);
});

test('with reduced motion nothing on the stage animates', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openQuiz(page, '?seed=10');
  await startGame(page, { pack: 'full-stack-apps', count: 'all' });
  const animated = () =>
    page.evaluate(
      () =>
        [...document.querySelectorAll('[data-stage] *')].filter((el) => {
          const style = getComputedStyle(el);
          return style.animationName !== 'none' || (style.transitionDuration !== '0s' && style.transitionProperty !== 'none');
        }).length,
    );
  expect(await animated(), 'preview').toBe(0);
  await playToPodium(page);
  expect(await animated(), 'podium').toBe(0);
  await expect(page.locator('.confetti')).toBeHidden();
});

test('coming back after a game opens the lobby with the last game, the nickname remembered', async ({ page }) => {
  test.slow();
  await openQuiz(page, '?seed=15');
  await startGame(page, { nickname: 'Grace', pack: 'full-stack-apps', count: 'all' });
  await playToPodium(page, (n) => n !== 0);
  await expect(page.getByTestId('review-missed')).toHaveText('Review the 1 question you missed');
  await page.goto('/quiz/');
  await expect(page.getByTestId('final-score')).toBeHidden();
  await expect(page.getByText(/Your last game, “Full-Stack Apps/)).toBeVisible();
  await expect(page.getByLabel('Your nickname')).toHaveValue('Grace');
  await expect(page.getByTestId('quiz-start')).toBeInViewport();
  await page.getByTestId('review-start').click();
  await expect(page.getByText('Question 1 of 1')).toBeVisible();
});

test('Leave asks first; the header and footer fold away during a game and come back after', async ({ page }) => {
  await openQuiz(page, '?seed=1');
  await expect(page.getByRole('banner')).toBeVisible();
  await startGame(page);
  await expect(page.getByRole('banner')).toBeHidden();
  await page.getByRole('button', { name: 'Leave game' }).click();
  const dialog = page.getByRole('dialog', { name: 'Leave this game?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep playing' }).click();
  await expect(page.getByTestId('question')).toBeVisible();
  await page.getByRole('button', { name: 'Leave game' }).click();
  await dialog.getByRole('button', { name: 'Leave the game' }).click();
  await expect(page.getByTestId('quiz-start')).toBeVisible();
  await expect(page.getByRole('banner')).toBeVisible();
});

test('the slider that used to open on its answer starts outside its tolerance', async ({ page }) => {
  await openQuiz(page, '?seed=1');
  await startGame(page, { pack: 'databases-on-aws', count: 'all', mode: 'Untimed' });
  for (let i = 0; i < 40; i++) {
    await showAnswers(page);
    if ((await page.getByTestId('question').textContent())!.includes('read replicas')) {
      const slider = page.getByRole('slider');
      if ((await slider.count()) === 1) {
        expect(Number(await slider.inputValue())).not.toBe(15);
        return;
      }
    }
    await answerByKeyboard(page, true);
    await page.getByTestId('next').click();
  }
});

test('copying a result link says "Copied" where it was pressed', async ({ page, context }) => {
  test.slow();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openQuiz(page, '?seed=2');
  await startGame(page, { nickname: 'Lin', pack: 'full-stack-apps', count: 'all' });
  await playToPodium(page);
  const copy = page.getByRole('button', { name: 'Copy the link' });
  await copy.click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('nickname=Lin');
});

test('"Quiz me on this" on a session page opens the quiz with its pack chosen', async ({ page }) => {
  await page.goto('/sessions/amazon-aurora/');
  await page.getByRole('link', { name: /Quiz me on this/ }).click();
  await expect(page).toHaveURL(/\/quiz\/\?pack=amazon-aurora$/);
  await expect(page.getByLabel('Questions from')).toHaveValue('amazon-aurora');
  await page.goto('/services/aurora/');
  await page.getByRole('link', { name: /Quiz me on this/ }).click();
  await expect(page.getByLabel('Questions from')).toHaveValue('service:aurora');
});

test('solo: practice ends on a summary of what was missed, never a podium; the reveal is a full-colour verdict band', async ({
  page,
}) => {
  test.slow(); // a whole game
  await openQuiz(page, '?seed=21');
  await startGame(page, { pack: 'full-stack-apps', count: 'all', mode: 'Practice' });
  await showAnswers(page);
  await answerByKeyboard(page, false);
  const verdict = page.getByRole('heading', { name: /Not quite/ });
  await expect(verdict).toHaveAttribute('data-outcome', 'wrong');
  expect(await verdict.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(179, 17, 43)');
  await page.getByTestId('next').click();
  await playToPodium(page, (n) => n !== 0);
  const end = page.getByTestId('final-score');
  await expect(end.getByRole('heading', { name: 'Practice done' })).toBeVisible();
  await expect(page.getByTestId('podium')).toHaveCount(0);
  await expect(end).not.toContainText(/Winner|1st|points/);
  await expect(page.getByTestId('summary-right')).toHaveText(/^3 of 5 right/);
  // The two missed (the first, and the first of the rest), each with the section that teaches it.
  const missed = page.getByTestId('missed').getByRole('listitem');
  await expect(missed).toHaveCount(2);
  for (const link of await missed.getByRole('link').all())
    await expect(link).toHaveAttribute('href', /\/sessions\/|\/services\//);
  await expect(page.getByTestId('review-missed')).toHaveText('Review the 2 questions you missed');
});
