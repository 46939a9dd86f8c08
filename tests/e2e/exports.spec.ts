// Take it home, in the browser: the links to the exports where people look, and the one-page handout of a
// session. (The exports' contents, parsed and checked without a browser: tests/output/content.test.ts.)
import { expect, test } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { html } from '../lib/dist.ts';

test('the exports are linked from the quiz, the figures and the services pages, and download', async ({ page }) => {
  for (const [path, name, file] of [
    ['/quiz/', /the \d+ questions as an Anki deck/, 'quiz-deck.txt'],
    ['/figures/', 'CSV', 'facts.csv'],
    ['/figures/', 'JSON', 'facts.json'],
    ['/services/', 'CSV', 'facts.csv'],
  ] as const) {
    await page.goto(path);
    const link = page.getByRole('link', { name });
    await expect(link).toBeVisible();
    const download = page.waitForEvent('download');
    await link.click();
    expect((await download).suggestedFilename()).toBe(`database-week-${file}`);
  }
});

test('"Print handout" prints the session on one page: its main diagram and key figures, not the narrative', async ({ page }) => {
  await page.goto('/sessions/amazon-aurora/');
  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-printed-as', document.documentElement.dataset['print'] ?? '');
  });
  await page.getByRole('button', { name: 'Print handout' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-printed-as', 'handout');

  await page.evaluate(() => (document.documentElement.dataset['print'] = 'handout'));
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { name: 'Key figures' })).toBeVisible();
  await expect(page.locator('.prose > .diagram').first()).toBeVisible();
  await expect(page.locator('.prose > .diagram').nth(1)).toBeHidden();
  await expect(page.locator('.prose > p').first()).toBeHidden();
  await expect(page.getByText(/Full notes, search and quiz: https?:\/\/.+\/sessions\/amazon-aurora\//)).toBeVisible();
});

test('every session handout fits one A4 and one Letter page', async ({ page }) => {
  const sessions = readdirSync('content/sessions').map((f) => f.replace(/\.mdx$/, ''));
  const withHandout = sessions.filter((id) => html(`sessions/${id}/index.html`).includes('<print-handout'));
  expect(withHandout.length).toBeGreaterThanOrEqual(5);
  for (const id of withHandout) {
    await page.goto(`/sessions/${id}/`);
    await page.evaluate(() => (document.documentElement.dataset['print'] = 'handout'));
    for (const format of ['A4', 'Letter'] as const) {
      const pdf = (await page.pdf({ format })).toString('latin1');
      const pageCount = pdf.match(/\/Type\s*\/Page(?!s)/g)?.length;
      expect(pageCount, `${id} on ${format}`).toBe(1);
    }
  }
});
