// The Content-Security-Policy holds in use (no violations), and content never becomes markup at run time.
import { expect, test, type Page } from '@playwright/test';
import { openQuiz, startGame } from './quiz-player.ts';

async function watchCsp(page: Page) {
  const violations: string[] = [];
  await page.exposeFunction('reportCspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportCspViolation(v: string): void }).reportCspViolation(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
      ),
    );
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

test('every page carries a CSP without unsafe-inline for scripts', async ({ page }) => {
  await page.goto('/');
  const csp = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
  expect(csp).toMatch(/script-src 'self'/);
  expect(csp!.match(/script-src[^;]*/)![0]).not.toContain("'unsafe-inline'");
});

test('no CSP violations on the home page, a session page, the search dialog in use and the quiz in play', async ({ page }) => {
  const violations = await watchCsp(page);
  await page.goto('/');
  await page.goto('/sessions/amazon-aurora/');
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search the notes' });
  await dialog.getByRole('searchbox').fill('quorum');
  await expect(dialog.getByRole('list', { name: 'Results' }).getByRole('link').first()).toBeVisible();
  await dialog.getByRole('list', { name: 'Results' }).getByRole('link').first().click();
  await expect(page.locator('mark').first()).toBeVisible();
  // A paused page clock (openQuiz): the 3-second preview cannot end on its own before the click.
  await openQuiz(page);
  await startGame(page);
  await page.getByRole('button', { name: 'Show the answers' }).click();
  await expect(page.getByTestId('timer')).toBeVisible();
  expect(violations).toEqual([]);
});

test('a question containing markup shows as text in the quiz', async ({ page }) => {
  const hostile = '<img src=x onerror=alert(1)>';
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  // A fixture question: the built page's bank with every prompt and option replaced by markup.
  await page.route('**/quiz/', async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(
      /(<script type="application\/json" data-bank>)([\s\S]*?)(<\/script>)/,
      (_, open, json, close) => {
        const bank = JSON.parse(json);
        for (const q of bank.questions) {
          q.prompt = `${hostile} ${q.prompt}`;
          if (q.options) q.options = q.options.map((o: string) => `${o} ${hostile}`);
          q.explanation = hostile;
        }
        return open + JSON.stringify(bank).replace(/</g, '\\u003c') + close;
      },
    );
    await route.fulfill({ response, body });
  });
  // A paused page clock (openQuiz): on a busy machine the 3-second preview ended before the click on
  // "Show the answers", which then waited for a button that had gone.
  await openQuiz(page);
  await startGame(page);
  await expect(page.getByTestId('question')).toContainText(hostile);
  await expect(page.locator('[data-stage] img')).toHaveCount(0);
  await page.getByRole('button', { name: 'Show the answers' }).click();
  await expect(page.getByTestId('question')).toContainText(hostile);
  await expect(page.locator('[data-stage] img')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});
