// Search with Pagefind's Component UI: the right section first, filters, keyboard, shareable URLs.
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './helpers.ts';

async function openSearch(page: Page) {
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search the notes' });
  await expect(dialog).toBeVisible();
  const input = dialog.getByRole('searchbox');
  await expect(input).toBeFocused();
  return { dialog, input };
}

test('"quorum" puts the Aurora storage section in the first three results, and opening it highlights the word there', async ({
  page,
}) => {
  await page.goto('/');
  const { dialog, input } = await openSearch(page);
  await input.fill('quorum');
  const links = dialog.locator('pagefind-results a');
  await expect(links.first()).toBeVisible();
  const hrefs = await links.evaluateAll((as) => as.slice(0, 6).map((a) => (a as HTMLAnchorElement).getAttribute('href')));
  const storage = hrefs.findIndex((h) => h?.includes('/sessions/amazon-aurora/') && h.includes('#storage-and-replication'));
  expect(storage, `results: ${hrefs.join(' ')}`).toBeGreaterThanOrEqual(0);
  expect(storage).toBeLessThan(3 + 3); // a page result and its sub-results: within the first three results' links

  await links.nth(storage).click();
  await expect(page).toHaveURL(/\/sessions\/amazon-aurora\/\?highlight=quorum#storage-and-replication$/);
  const mark = page
    .locator('#storage-and-replication ~ * mark, mark')
    .filter({ hasText: /quorum/i })
    .first();
  await expect(mark).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Storage and replication' })).toBeInViewport();
});

test('a page-kind filter narrows the results', async ({ page }) => {
  await page.goto('/search/?q=aurora');
  const results = page.locator('pagefind-results li.pf-result');
  await expect(results.first()).toBeVisible();
  const before = await results.count();
  await page.getByText('Filters: page kind').click();
  await page.locator('summary', { hasText: /^Kind/ }).click();
  await page
    .getByRole('group', { name: 'Kind' })
    .getByRole('checkbox', { name: /^service/ })
    .check();
  await expect.poll(async () => results.count()).toBeLessThan(before);
  const titles = page.locator('pagefind-results a.pf-result-link');
  await expect(titles.first()).toBeVisible();
  for (const href of await titles.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    expect(href).toMatch(/\/services\//);
  }
});

test('keyboard only: "/" opens, arrows and Enter navigate, Escape closes and returns focus', async ({ page }) => {
  await page.goto('/sessions/');
  const trigger = page.getByRole('link', { name: 'Sessions', exact: true });
  await trigger.focus();
  const { dialog, input } = await openSearch(page);
  await input.pressSequentially('backtrack');
  await expect(dialog.locator('pagefind-results a').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();

  await page.keyboard.press('Control+k');
  await expect(dialog).toBeVisible();
  const box = dialog.getByRole('searchbox');
  await box.fill('backtrack window');
  await expect(dialog.locator('pagefind-results a').first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  const focused = page.locator('pagefind-results a:focus');
  await expect(focused).toHaveCount(1);
  const href = await focused.getAttribute('href');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(href!.replace(/[?#].*$/, '').replace(/\//g, '\\/')));
});

test('a query with no match says so helpfully; /search?q=aurora shows results on load and keeps the URL in step', async ({
  page,
}) => {
  await page.goto('/search/?q=aurora');
  await expect(page.locator('pagefind-results a').first()).toBeVisible();
  const box = page.getByRole('searchbox');
  await expect(box).toHaveValue('aurora');
  await box.fill('zzqxv');
  await expect(page.getByText(/No results for/i).first()).toBeVisible();
  await expect(page).toHaveURL(/\?q=zzqxv$/);
  await expectNoAxeViolations(page);
});

test('a service name finds its service page first, above the pages that mention it in passing', async ({ page }) => {
  for (const [query, service] of [
    ['snowball', 'snowball'],
    ['athena', 'athena'],
    ['redshift', 'redshift'],
  ]) {
    await page.goto(`/search/?q=${query}`);
    const first = page.locator('pagefind-results a.pf-result-link').first();
    await expect(first).toHaveAttribute('href', new RegExp(`^/services/${service}/`));
  }
});
