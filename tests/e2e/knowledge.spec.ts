// Service, category, figure and glossary pages in use: the figures table filters and sorts, and its URL can be
// shared; the glossary. (What the built pages hold, read without a browser: tests/output/content.test.ts.)
import { expect, test } from '@playwright/test';

test('filtering the figures by service narrows the rows, records the filter in the URL, and a shared URL restores it', async ({
  page,
}) => {
  await page.goto('/figures/');
  const rows = page.locator('#figures-table tbody tr');
  const all = await rows.count();
  await page.getByRole('combobox', { name: 'Service' }).selectOption({ label: 'Snowball' });
  await expect(page).toHaveURL(/\?service=snowball$/);
  const visible = page.locator('#figures-table tbody tr:visible');
  await expect.poll(() => visible.count()).toBeLessThan(all);
  expect(await visible.count()).toBeGreaterThan(0);
  for (const row of await visible.all()) await expect(row.locator('td').nth(2)).toContainText('Snowball');
  await expect(page.getByRole('status')).toHaveText(`${await visible.count()} of ${all} figures`);

  const shared = page.url();
  const other = await page.context().newPage();
  await other.goto(shared);
  await expect(other.getByRole('combobox', { name: 'Service' })).toHaveValue('snowball');
  await expect.poll(() => other.locator('#figures-table tbody tr:visible').count()).toBe(await visible.count());
});

test('sorting the figures by a column works by keyboard', async ({ page }) => {
  await page.goto('/figures/');
  const sort = page.getByRole('button', { name: 'Figure', exact: true });
  await sort.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('columnheader', { name: 'Figure' })).toHaveAttribute('aria-sort', 'ascending');
  const values = async () =>
    page
      .locator('#figures-table tbody tr td:first-child')
      .evaluateAll((cells) => cells.map((c) => Number((c as HTMLElement).dataset.value)));
  const ascending = await values();
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  await page.keyboard.press('Space');
  await expect(page.getByRole('columnheader', { name: 'Figure' })).toHaveAttribute('aria-sort', 'descending');
  const descending = await values();
  expect(descending).toEqual([...descending].sort((a, b) => b - a));
});

test('the glossary defines at least twenty terms, and a term in a session page leads to its definition', async ({ page }) => {
  await page.goto('/sessions/amazon-aurora/');
  const term = page.locator('main a.term', { hasText: /quorum/i }).first();
  await term.click();
  await expect(page).toHaveURL(/\/glossary\/#quorum$/);
  await expect(page.locator('#quorum')).toBeInViewport();
  expect(await page.locator('.term[id] h2').count()).toBeGreaterThanOrEqual(20);
});
