// The Kahoot-style quiz in a real browser: a whole game by keyboard, speed scoring, sources,
// resuming after a reload, and a page that survives garbage in storage. Every test runs on a paused
// page clock (openQuiz), so no click races the 3-second preview or the countdown.
import { expect, test } from '@playwright/test';
import { answerByKeyboard, currentQuestion, openQuiz, showAnswers, startGame } from './quiz-player.ts';

test('a whole game by keyboard alone, from the lobby to the podium', async ({ page }) => {
  test.slow(); // a whole game
  await openQuiz(page, '?seed=42');
  await page.getByLabel('Your nickname').focus();
  await page.keyboard.type('Grace');
  // Setup by keyboard: the pack is a session with its own questions, ten of them, 60 s each.
  await page.getByLabel('Questions from').focus();
  await page.keyboard.press('ArrowDown'); // the first session's pack
  await page.getByLabel('Time per question').focus();
  await page.keyboard.press('ArrowDown'); // 30 s
  await page.keyboard.press('ArrowDown'); // 60 s
  await expect(page.getByLabel('Time per question')).toHaveValue('60');
  await page.getByTestId('quiz-start').focus();
  await page.keyboard.press('Enter');

  for (let n = 1; n <= 10; n++) {
    await expect(page.getByText(`Question ${n} of 10`)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Show the answers' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('timer')).toBeVisible();
    await answerByKeyboard(page, true);
    await expect(page.getByRole('heading', { name: /Correct/ })).toBeVisible();
    await expect(page.getByTestId('explanation')).not.toBeEmpty();
    await expect(page.getByTestId('streak')).toHaveText(String(n));
    // Solo: no leaderboard between questions; Next has the focus, so Enter goes on.
    await expect(page.getByTestId('next')).toBeFocused();
    await page.keyboard.press('Enter');
  }
  // One player: "Your score", not a podium of one with a "1st" and a "Winner".
  const end = page.getByTestId('final-score');
  await expect(end.getByRole('heading', { name: 'Your score' })).toBeVisible();
  await expect(page.getByTestId('podium')).toHaveCount(0);
  await expect(end).toContainText('Grace');
  await expect(end).not.toContainText(/1st|Winner/);
  await expect(page.getByTestId('summary-right')).toHaveText('10 of 10 right · best streak 10');
  await expect(page.getByRole('button', { name: 'Play again', exact: true })).toBeVisible();
});

test('a fast right answer scores more than a slow right answer', async ({ page }) => {
  // Time stands still unless the test moves it: the fast answer takes no time at all, whatever the load.
  await openQuiz(page, '?seed=5');
  await startGame(page, { timer: '30', count: '10' });
  const points: number[] = [];
  for (const delay of [0, 12_000]) {
    await showAnswers(page);
    await expect(page.getByTestId('timer')).toBeVisible();
    if (delay) await page.clock.runFor(delay);
    await answerByKeyboard(page, true);
    await expect(page.getByRole('heading', { name: /Correct/ })).toBeVisible();
    const gained = await page.getByTestId('points').textContent();
    points.push(Number(gained!.match(/\+(\d+)/)![1]));
    await page.getByTestId('next').click();
  }
  // The second answer carries a streak bonus of 100, yet scores less: speed counts.
  expect(points[0]).toBe(1000);
  expect(points[1]).toBeLessThan(points[0]!);
  expect(points[1]).toBeGreaterThan(500);
});

test("the reveal's source link opens the right section of the notes", async ({ page }) => {
  await openQuiz(page, '?seed=3');
  await startGame(page);
  await showAnswers(page);
  const q = await currentQuestion(page);
  await answerByKeyboard(page, false);
  const link = page.getByTestId('source-link');
  await expect(link).toHaveAttribute('href', q.sourceHref);
  const [path, section] = q.sourceHref.split('#');
  await link.click();
  await expect(page).toHaveURL(`${path}#${section}`);
  await expect(page.locator(`[id="${section}"]`)).toBeInViewport();
});

test('a reload mid-question resumes the same question', async ({ page }) => {
  await openQuiz(page, '?seed=11');
  await startGame(page, { timer: '60' });
  await showAnswers(page);
  await expect(page.getByTestId('timer')).toBeVisible();
  const prompt = await page.getByTestId('question').textContent();
  await page.reload();
  await expect(page.getByTestId('question')).toHaveText(prompt!);
  await expect(page.getByTestId('timer')).toBeVisible();
  await expect(page.getByText(/page was reloaded during this question/)).toBeVisible();
  await answerByKeyboard(page, true);
  await expect(page.getByRole('heading', { name: /Correct/ })).toBeVisible();
});

test('garbage in localStorage still gives a working quiz page', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    localStorage.setItem('dbweek:game', '{"version":1,"phase":"answering","rounds":[{');
    localStorage.setItem('dbweek:boxes', '[1,2,3]');
    localStorage.setItem('dbweek:best', 'null');
    localStorage.setItem('dbweek:ghost', '{"version":0}');
  });
  await openQuiz(page);
  await expect(page.getByTestId('quiz-start')).toBeVisible();
  await startGame(page);
  await expect(page.getByTestId('question')).not.toBeEmpty();
  expect(errors).toEqual([]);
});

test('no network request once the quiz page has loaded, through a whole round', async ({ page }) => {
  await openQuiz(page, '?seed=17'); // returns after the load event: every script and style the page needs is in
  // The tab's icon is the browser's own fetch, made when the browser gets round to it (seen after the load event
  // on a busy machine), not the quiz's: only the page's declared icon URLs are left out.
  const icons = await page.locator('link[rel~="icon"]').evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
  expect(icons.length).toBeGreaterThan(0);
  const requests: string[] = [];
  page.on('request', (r) => {
    if (!icons.includes(r.url())) requests.push(r.url());
  });
  await startGame(page);
  await showAnswers(page);
  await answerByKeyboard(page, true);
  await page.getByTestId('next').click();
  await expect(page.getByText('Question 2 of 10')).toBeVisible();
  expect(requests).toEqual([]);
});
