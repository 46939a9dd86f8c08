// Beyond Kahoot: review of missed questions, ghost runs, hot-seat play, untimed mode, keyboard
// puzzles, axe in every phase, and shared result links.
import { expect, test, type Page } from '@playwright/test';
import {
  answerByKeyboard,
  currentQuestion,
  openQuiz,
  playToPodium,
  showAnswers,
  solvePuzzleByKeyboard,
  startGame,
  tabTo,
} from './quiz-player.ts';
import { expectNoAxeViolations, expectNoAxeViolationsInBothThemes } from './helpers.ts';

/** Leave asks first; this says yes. */
async function leave(page: Page) {
  await page.getByRole('button', { name: 'Leave game' }).click();
  await page.getByRole('dialog', { name: 'Leave this game?' }).getByRole('button', { name: 'Leave the game' }).click();
}

test('a missed question comes back in review mode', async ({ page }) => {
  await openQuiz(page, '?seed=21');
  await startGame(page);
  await showAnswers(page);
  const missed = await page.getByTestId('question').textContent();
  await answerByKeyboard(page, false);
  await expect(page.getByRole('heading', { name: /Not quite/ })).toBeVisible();
  await leave(page);
  await expect(page.getByText('1 question due for review')).toBeVisible();
  await page.getByTestId('review-start').click();
  await expect(page.getByText('Question 1 of 1')).toBeVisible();
  await expect(page.getByTestId('question')).toHaveText(missed!);
  // Answered right this time, it moves up a box and is no longer due.
  await showAnswers(page);
  await answerByKeyboard(page, true);
  await leave(page);
  await expect(page.getByText('Nothing to review right now')).toBeVisible();
  await page.getByText('Your progress by session and category').click();
  const learning = await page
    .locator('[data-progress] tr')
    .evaluateAll((rows) => rows.map((r) => Number(r.children[2]?.textContent)));
  expect(learning.some((n) => n === 1)).toBe(true);
});

test("a ghost run shows the earlier run's points on the leaderboard, question by question", async ({ page }) => {
  test.slow(); // a whole game
  await openQuiz(page, '?seed=8');
  await startGame(page, { nickname: 'Lin', pack: 'full-stack-apps', count: 'all' });
  await showAnswers(page);
  await answerByKeyboard(page, true);
  const first = Number((await page.getByTestId('score').textContent())!);
  await page.getByTestId('next').click();
  await playToPodium(page);
  await expect(page.getByTestId('final-score')).toContainText('Lin');
  const finalScore = Number((await page.getByTestId('final-score').textContent())!.match(/(\d+) points/)![1]);
  await page.locator('[data-stage]').getByTestId('ghost-start').click();
  await showAnswers(page);
  await answerByKeyboard(page, false);
  await page.getByTestId('next').click();
  // After one question the ghost has what the earlier run scored on that question, no more.
  const board = page.getByTestId('leaderboard');
  await expect(board).toContainText('Lin (ghost)');
  await expect(board.getByRole('listitem').filter({ hasText: 'Lin (ghost)' })).toContainText(`${first} points`);
  expect(finalScore).toBeGreaterThan(first);
});

test('a two-player hot-seat game reaches a podium naming both', async ({ page }) => {
  test.slow(); // a whole game
  await openQuiz(page, '?seed=4');
  await startGame(page, { nickname: 'Ada', players: ['Linus'], pack: 'full-stack-apps', count: 'all' });
  // The first question: Ada answers, the hand-over hides everything about her answer, then Linus answers.
  await showAnswers(page);
  await answerByKeyboard(page, true);
  const handover = page.getByTestId('handover');
  await expect(handover).toBeVisible();
  await expect(page.getByTestId('handover-status')).toContainText('1 of 2 has answered');
  await expect(page.getByTestId('explanation')).toHaveCount(0);
  await handover.click();
  await showAnswers(page);
  await answerByKeyboard(page, false);
  await expect(page.getByTestId('explanation')).toBeVisible();
  await page.getByTestId('next').click();
  await expect(page.getByTestId('leaderboard')).toBeVisible();
  await playToPodium(page, (n) => n % 3 !== 0);
  const podium = page.getByTestId('podium');
  await expect(podium.getByRole('listitem')).toHaveCount(2);
  await expect(podium).toContainText('Ada');
  await expect(podium).toContainText('Linus');
  // The ghost a hot-seat game leaves is the winner's run, and the button says whose.
  const winner = (await podium.locator('[data-place="1"] .podium__name').textContent())!.trim();
  expect(['Ada', 'Linus']).toContain(winner);
  await expect(page.getByRole('button', { name: `Race ${winner}’s ghost` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play against your ghost' })).toHaveCount(0);
});

test('untimed mode shows no timer and says how points work', async ({ page }) => {
  await openQuiz(page, '?seed=2');
  await startGame(page, { mode: 'Untimed' });
  await showAnswers(page);
  await expect(page.getByTestId('answer-option').first()).toBeVisible();
  await expect(page.getByTestId('timer')).toHaveCount(0);
  await expect(page.locator('[data-stage]').getByText(/No countdown in untimed mode/)).toBeVisible();
});

test('a puzzle solved by keyboard alone', async ({ page }) => {
  test.slow(); // up to a whole pack
  await openQuiz(page, '?seed=13');
  // The smallest pack that holds a puzzle, from the bank the page ships: the fewest questions to play past.
  const packs = await page.locator('script[data-bank]').evaluate((el) => {
    const { questions, packs } = JSON.parse(el.textContent!) as {
      questions: { id: string; type: string }[];
      packs: { id: string; questionIds: string[] }[];
    };
    const puzzles = new Set(questions.filter((q) => q.type === 'puzzle').map((q) => q.id));
    return packs.filter((p) => p.questionIds.some((id) => puzzles.has(id))).map((p) => [p.id, p.questionIds.length] as const);
  });
  const [pack] = packs.toSorted((a, b) => a[1] - b[1])[0]!;
  await startGame(page, { pack, count: 'all', mode: 'Untimed' });
  for (let i = 0; i < 200; i++) {
    await showAnswers(page);
    const q = await currentQuestion(page);
    if (q.type === 'puzzle') {
      await solvePuzzleByKeyboard(page, q.items);
      await tabTo(page, page.getByRole('button', { name: 'Submit order' }));
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { name: /Correct/ })).toBeVisible();
      return;
    }
    await answerByKeyboard(page, true);
    await page.getByTestId('next').click();
  }
  throw new Error('no puzzle question came up');
});

test('axe finds no violations in any phase of the game, in the light and the dark theme', async ({ page }) => {
  test.slow(); // a whole game
  await openQuiz(page, '?seed=6');
  await expectNoAxeViolationsInBothThemes(page, { pausedClock: true });
  await page.getByLabel('Your nickname').fill('Ada');
  await page.getByTestId('add-player').click();
  await page.getByLabel('Player 2', { exact: true }).fill('Bo');
  await page.getByRole('radio', { name: /^Untimed/ }).check();
  await page.getByTestId('quiz-start').click();
  await expectNoAxeViolationsInBothThemes(page, { pausedClock: true }); // preview
  await showAnswers(page);
  await expectNoAxeViolationsInBothThemes(page, { pausedClock: true }); // answering
  await answerByKeyboard(page, true);
  await expect(page.getByTestId('handover')).toBeVisible();
  await expectNoAxeViolationsInBothThemes(page, { pausedClock: true }); // hand-over
  await page.getByTestId('handover').click();
  await showAnswers(page);
  await answerByKeyboard(page, false);
  await expectNoAxeViolationsInBothThemes(page, { pausedClock: true }); // reveal
  await page.getByTestId('next').click();
  await expectNoAxeViolationsInBothThemes(page, { pausedClock: true }); // leaderboard
  await leave(page);
  await page.getByRole('button', { name: 'Remove player 2' }).click();
  await startGame(page, { pack: 'full-stack-apps', count: 'all', mode: 'Timed' });
  await showAnswers(page);
  await answerByKeyboard(page, false);
  await expectNoAxeViolationsInBothThemes(page, { pausedClock: true }); // solo reveal, wrong answer
  await page.getByRole('button', { name: 'Leave game' }).click();
  await expectNoAxeViolationsInBothThemes(page, { pausedClock: true }); // the leave dialog
  await page.getByRole('button', { name: 'Keep playing' }).click();
  await playToPodium(page);
  await expect(page.getByTestId('final-score')).toBeVisible();
  await expectNoAxeViolationsInBothThemes(page, { pausedClock: true }); // the end: one player's score
});

test('a shared result URL opens the card; a tampered one shows a clear message', async ({ page }) => {
  test.slow(); // a whole game
  await openQuiz(page, '?seed=30');
  await startGame(page, { pack: 'full-stack-apps', count: 'all' });
  await playToPodium(page);
  const link = page.getByTestId('share-link');
  const href = await link.getAttribute('href');
  const score = (await page.getByTestId('final-score').textContent())!.match(/(\d+) points/)![1];
  await link.click();
  await expect(page.getByRole('heading', { name: /Database Week quiz: Full-Stack Apps/ })).toBeVisible();
  await expect(page.getByText('Ada played')).toBeVisible();
  await expect(page.getByText(`${score} points`)).toBeVisible();
  await expectNoAxeViolations(page, { pausedClock: true });

  await page.goto(href!.replace(/score=\d+/, 'score=99999'));
  await expect(page.getByRole('alert')).toContainText('changed after it was shared');
  await expect(page.getByRole('heading', { name: /Database Week quiz/ })).toHaveCount(0);
  await page.goto('/quiz/result/?score=abc');
  await expect(page.getByRole('alert')).toContainText('incomplete');
});

test('resetting review progress asks for confirmation first', async ({ page }) => {
  await openQuiz(page, '?seed=21');
  await startGame(page);
  await showAnswers(page);
  await answerByKeyboard(page, false);
  await leave(page);
  await expect(page.getByText('1 question due for review')).toBeVisible();
  await page.getByText('Your progress by session and category').click();
  await page.getByRole('button', { name: 'Reset my progress' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('1 question due for review')).toBeVisible();
  await page.getByRole('button', { name: 'Reset my progress' }).click();
  await expect(page.getByText('Forget every review box?')).toBeVisible();
  await page.getByRole('button', { name: 'Yes, reset' }).click();
  await expect(page.getByText('Nothing to review right now')).toBeVisible();
  await expect(page.getByTestId('review-start')).toBeDisabled();
});

test('sound is off until the player turns it on, and the choice survives a reload', async ({ page }) => {
  await openQuiz(page);
  const sound = page.getByRole('checkbox', { name: /^Sound/ });
  await expect(sound).not.toBeChecked();
  await sound.check();
  await page.reload();
  await expect(sound).toBeChecked();
});
