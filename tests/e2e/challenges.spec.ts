// An assigned challenge from end to end, on a server process of the test's own (the built site, its database in
// a temporary folder): a lead assigns it from the host page; three players in their own browser contexts play it
// one after another (one on a 375 px phone who reloads mid-question, one who loses the network mid-question and
// comes back); the lead's report and its CSV say exactly what they answered. axe on every screen, both themes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import type { Question } from '../../src/quiz/types.ts';
import { startLive, type LiveProcess } from '../lib/live-process.ts';
import { expectNoAxeViolationsInBothThemes, saveShot } from './helpers.ts';
import { closeContexts, newContext } from './contexts.ts';

// The hosts and phones a test opened close with it (contexts.ts).
test.afterEach(closeContexts);

let server: LiveProcess;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dbweek-challenges-e2e-'));
  server = await startLive({ LIVE_ONLY: '0', DATA_DIR: dataDir, DATABASE_URL: '' });
});

test.afterAll(async () => {
  await server?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Screenshots for a person to look at (SHOTS), both themes, named by the viewport's width. */
const shoot = (page: Page, name: string) =>
  saveShot(page, `${name}-${page.viewportSize()!.width}`, { themes: true, fullPage: true });

async function open(browser: Browser, viewport = { width: 1280, height: 800 }) {
  const context = await newContext(browser, { baseURL: server.url, viewport });
  return { context, page: await context.newPage() };
}

/** What a player did on one question, as the test knows it from the bank. */
interface Played {
  id: string;
  correct: boolean;
}

/** Answers the open question right or wrong, as a player would; returns whether the answer given is right. */
async function answer(
  page: Page,
  bank: Map<string, Question>,
  right: boolean,
  hooks: { beforeSubmit?: () => Promise<void> } = {},
) {
  await expect(page.getByTestId('answer-option').first()).toBeVisible({ timeout: 10_000 });
  const prompt = (await page.getByTestId('question').textContent())!;
  const q = bank.get(prompt)!;
  await hooks.beforeSubmit?.();
  let correct: boolean;
  switch (q.type) {
    case 'quiz': {
      const picks = right ? q.correct : [q.options.findIndex((_, i) => !q.correct.includes(i))];
      // The tiles in the bank's order (a challenge deals its options unshuffled), each named by its text.
      for (const i of picks)
        await page
          .getByTestId('answer-option')
          .nth(i)
          .and(page.getByRole('button', { name: q.options[i]! }))
          .click();
      if (q.correct.length > 1) await page.getByRole('button', { name: 'Submit answer' }).click();
      correct = right;
      break;
    }
    case 'true-false':
      await page.getByRole('button', { name: (right ? q.answer : !q.answer) ? 'True' : 'False' }).click();
      correct = right;
      break;
    case 'type-answer':
      await page.getByRole('textbox', { name: 'Your answer' }).fill(right ? q.accepted[0]! : 'not this one');
      await page.getByRole('button', { name: 'Submit answer' }).click();
      correct = right;
      break;
    case 'puzzle':
      // Dealt out of order, and sent as dealt: wrong.
      await page.getByRole('button', { name: 'Submit order' }).click();
      correct = false;
      break;
    case 'slider': {
      const value = right ? q.answer : q.answer + q.tolerance + q.step <= q.max ? q.answer + q.tolerance + q.step : q.min;
      await page.getByRole('slider').fill(String(value));
      await page.getByRole('button', { name: 'Submit answer' }).click();
      correct = right;
      break;
    }
  }
  return { id: q.id, correct };
}

/** After an answer: the verdict the server gave, then on to the next question (or the end). */
async function verdictThenNext(page: Page, played: Played) {
  await expect(page.getByRole('heading', { name: played.correct ? 'Correct' : 'Not quite' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('explanation')).toBeVisible();
  await expect(page.getByTestId('source-link')).toBeVisible();
  await page.getByTestId('next').click();
}

test('a lead assigns a challenge, three players play it at different times, and the report and its CSV say what they answered', async ({
  browser,
}) => {
  test.slow();
  test.setTimeout(300_000);
  const lead = await open(browser);
  const bankJson = (await (await lead.page.request.get('/quiz/challenge/bank.json')).json()) as { questions: Question[] };
  const bank = new Map(bankJson.questions.map((q) => [q.prompt, q]));

  // The lead assigns: 5 questions from everything, 60 s each, the default deadline a week ahead.
  await lead.page.goto('/quiz/host/');
  const assign = lead.page.locator('assign-challenge');
  await expect(assign.getByRole('heading', { name: 'Assign a challenge' })).toBeVisible();
  await expectNoAxeViolationsInBothThemes(lead.page, { include: 'assign-challenge' });
  await assign.scrollIntoViewIfNeeded();
  await shoot(lead.page, 'assign-form');
  await assign.getByRole('radio', { name: '5 questions' }).check();
  await assign.getByLabel('Time for each question').selectOption('60');
  await lead.page.getByTestId('challenge-create').click();
  await expect(lead.page.getByRole('heading', { name: 'Challenge assigned' })).toBeVisible();
  await expect(lead.page.getByTestId('challenge-link')).toHaveAttribute('href', /pin=/);
  const link = (await lead.page.getByTestId('challenge-link').getAttribute('href'))!;
  const reportLink = (await lead.page.getByTestId('challenge-report-link').getAttribute('href'))!;
  expect(link).toMatch(/\/quiz\/challenge\/\?pin=\d{6}$/);
  expect(reportLink).toMatch(/\/quiz\/challenge\/report\/\?pin=\d{6}#token=[\w-]{32}$/);
  await expect(assign.getByRole('img', { name: /QR code/ })).toBeVisible();
  await expectNoAxeViolationsInBothThemes(lead.page, { include: 'assign-challenge' });
  await shoot(lead.page, 'assigned');

  const plays: Record<string, Played[]> = {};
  const scores: Record<string, number> = {};

  async function playAll(
    nickname: string,
    viewport: { width: number; height: number },
    plan: boolean[],
    /** Something that happens to this player before they answer the round; what it returns runs after the answer. */
    twist?: (page: Page, round: number, context: BrowserContext) => Promise<(() => Promise<void>) | void>,
  ) {
    const { context, page } = await open(browser, viewport);
    // Ada's browser has unreadable seats stored (a bug of an older page, a hand edit): she simply joins.
    if (nickname === 'Ada') await context.addInitScript(() => localStorage.setItem('dbweek:challenge-seats', '{"123456":{"tok'));
    await page.goto(link);
    await expect(page.getByRole('heading', { level: 2 })).toBeVisible();
    if (nickname === 'Ada') await expectNoAxeViolationsInBothThemes(page);
    if (nickname !== 'Cy') await shoot(page, 'player-join');
    await page.getByLabel('Your nickname').fill(nickname);
    await page.getByTestId('challenge-join').click();
    await page.getByTestId('next').click();
    plays[nickname] = [];
    for (let round = 0; round < plan.length; round++) {
      await expect(page.getByText(`Question ${round + 1} of ${plan.length}`)).toBeVisible();
      const after = await twist?.(page, round, context);
      if (nickname === 'Ada' && round === 0) {
        await expect(page.getByTestId('answer-option').first()).toBeVisible({ timeout: 10_000 });
        await expectNoAxeViolationsInBothThemes(page);
      }
      if (round === 0) {
        await expect(page.getByTestId('answer-option').first()).toBeVisible({ timeout: 10_000 });
        await shoot(page, 'player-question');
      }
      const played = await answer(page, bank, plan[round]!);
      plays[nickname].push(played);
      if (after) await after();
      if (round === 0) {
        await expect(page.getByTestId('explanation')).toBeVisible({ timeout: 15_000 });
        if (nickname === 'Ada') await expectNoAxeViolationsInBothThemes(page);
        await shoot(page, 'player-result');
      }
      if (round === plan.length - 1) {
        await expect(page.getByTestId('score')).toBeVisible({ timeout: 15_000 });
        scores[nickname] = Number(await page.getByTestId('score').textContent());
      }
      await verdictThenNext(page, played);
    }
    // Finished: the challenge's standings so far, this player among them.
    await expect(page.getByTestId('challenge-end')).toHaveText('You finished the challenge');
    const standings = page.getByTestId('challenge-standings');
    await expect(standings.getByRole('row', { name: new RegExp(`${nickname} \\(you\\)`) })).toContainText(
      String(scores[nickname]),
    );
    for (const other of Object.keys(scores)) await expect(standings).toContainText(other);
    if (nickname === 'Ada') await expectNoAxeViolationsInBothThemes(page);
    await shoot(page, 'player-finished');
    await context.close();
  }

  // Ada plays first, on a laptop.
  await playAll('Ada', { width: 1280, height: 800 }, [true, true, false, true, true]);

  // Bo, later, on a phone, reloads in the middle of the third question: the same question comes back, its clock running on.
  await playAll('Bo', { width: 375, height: 812 }, [false, true, true, false, true], async (page, round) => {
    if (round !== 2) return;
    await expect(page.getByTestId('answer-option').first()).toBeVisible({ timeout: 10_000 });
    const prompt = await page.getByTestId('question').textContent();
    const seconds = page.getByTestId('timer').getByLabel(/seconds left/);
    // Two seconds into the 60: a timer that started again on reload would show more than this.
    await expect(seconds).toHaveText(/^([1-4]\d|5[0-8])$/, { timeout: 10_000 });
    const left = Number(await seconds.textContent());
    await page.reload();
    await expect(page.getByTestId('question')).toHaveText(prompt!);
    await expect(page.getByTestId('answer-option').first()).toBeVisible();
    // The server's clock runs on through the reload: no fresh timer.
    await expect(seconds).toHaveText(/^\d+$/);
    expect(Number(await seconds.textContent())).toBeLessThanOrEqual(left);
  });

  // Cy, later still, loses the network mid-question, answers while offline, and comes back: the answer goes through once.
  await playAll('Cy', { width: 1280, height: 800 }, [true, false, true, true, false], async (page, round, context) => {
    if (round !== 1) return;
    await expect(page.getByTestId('answer-option').first()).toBeVisible({ timeout: 10_000 });
    await context.setOffline(true);
    await expect(page.getByTestId('challenge-offline')).toBeVisible();
    await expect(page.getByTestId('challenge-offline')).toContainText('You are offline');
    return async () => {
      // The answer waits on this device while the network is down, and goes through once it is back.
      await expect(page.getByRole('heading', { name: 'Sending your answer…' })).toBeVisible();
      await context.setOffline(false);
      await expect(page.getByTestId('challenge-offline')).toBeHidden();
    };
  });

  // The report: one row per player with their score, one entry per question with its share of right answers.
  await lead.page.goto(reportLink);
  await expect(lead.page.getByTestId('report-player')).toHaveCount(3);
  for (const [nickname, score] of Object.entries(scores)) {
    await expect(lead.page.locator(`[data-testid="report-player"][data-nickname="${nickname}"]`)).toHaveAttribute(
      'data-score',
      String(score),
    );
  }
  const expectedShare = (id: string) => {
    const all = Object.values(plays).map((p) => p.find((x) => x.id === id)!);
    return all.filter((p) => p.correct).length / all.length;
  };
  const ids = plays['Ada']!.map((p) => p.id);
  await expect(lead.page.getByTestId('report-question')).toHaveCount(ids.length);
  for (const id of ids) {
    const share = Number(
      await lead.page.locator(`[data-testid="report-question"][data-question="${id}"]`).getAttribute('data-right-share'),
    );
    expect(share, id).toBeCloseTo(expectedShare(id), 10);
  }
  // Hardest first.
  const shares = await lead.page
    .getByTestId('report-question')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-right-share'))));
  expect(shares).toEqual([...shares].sort((a, b) => a - b));

  // The CSV parses to the same numbers.
  const [download] = await Promise.all([lead.page.waitForEvent('download'), lead.page.getByTestId('report-csv').click()]);
  const rows = parse(readFileSync((await download.path())!), { columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(15);
  for (const [nickname, score] of Object.entries(scores)) {
    const mine = rows.filter((r) => r['nickname'] === nickname);
    expect(mine.map((r) => Number(r['player_score']))).toEqual(Array(5).fill(score));
    expect(mine.reduce((sum, r) => sum + Number(r['points']) + Number(r['bonus']), 0)).toBe(score);
  }
  for (const id of ids) {
    const about = rows.filter((r) => r['question_id'] === id);
    expect(about.filter((r) => r['correct'] === 'yes').length / about.length, id).toBeCloseTo(expectedShare(id), 10);
  }

  await expectNoAxeViolationsInBothThemes(lead.page);
  for (const width of [375, 1280]) {
    await lead.page.setViewportSize({ width, height: width === 375 ? 812 : 800 });
    await shoot(lead.page, 'report');
  }
  // Readable at 375 px: nothing wider than the screen but the players' table, which scrolls in its own region.
  await lead.page.setViewportSize({ width: 375, height: 812 });
  expect(await lead.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  // The lead closes it early: a player's link now says so; then deletes it with all its data.
  await lead.page.getByRole('button', { name: 'Close it now' }).click();
  await expect(lead.page.getByRole('status')).toHaveText('Closed: the challenge takes no more answers.');
  const late = await open(browser);
  await late.page.goto(link);
  await expect(late.page.getByText('The lead has closed this challenge.')).toBeVisible();
  await late.page.getByLabel('Your nickname').fill('Dee');
  await late.page.getByTestId('challenge-join').click();
  await expect(late.page.getByRole('alert')).toHaveText('The lead has closed this challenge: it takes no more answers.');
  await lead.page.getByRole('button', { name: 'Delete…' }).click();
  await expect(lead.page.getByRole('dialog', { name: 'Delete this challenge?' })).toBeVisible();
  await expectNoAxeViolationsInBothThemes(lead.page, { include: 'dialog[open]' });
  await lead.page.getByRole('button', { name: 'Delete it all' }).click();
  await expect(lead.page.getByText(/is deleted, with every player and answer/)).toBeVisible();
  await lead.page.reload();
  await expect(lead.page.getByRole('alert')).toContainText('No challenge has the PIN');
  await late.page.reload();
  await expect(late.page.getByRole('alert')).toContainText('No challenge has the PIN');
  await late.context.close();
});
