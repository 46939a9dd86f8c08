// The site's frame: programme, theme, 404, skip link, and axe on the home page in both themes.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './helpers.ts';

const PROGRAMME = [
  'Databases on AWS: The Right Tool for the Right Job',
  'Full-Stack Apps in 15 Minutes or Less',
  'AWS Database Migration Service (DMS)',
  'Running SQL Server on Amazon RDS & Migrating to MySQL',
  'Amazon Relational Database Service (RDS)',
  'Getting Started with Amazon RDS',
  'Amazon Aurora',
  'Accelerate Database Development and Testing with Amazon Aurora',
  'Matching the Database to the Workload',
  'Search DynamoDB Data with Amazon Elasticsearch Service',
  'Graph & Amazon Neptune',
  'Building Your First Graph Application with Amazon Neptune',
];

test('the home page lists the twelve sessions in the order of the notes', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Database Week at the AWS Loft');
  const programme = page.getByRole('list', { name: 'Sessions in the order of the notes' });
  const titles = programme.getByRole('listitem').getByRole('heading');
  await expect(titles).toHaveText(PROGRAMME);
  await programme.getByRole('link', { name: 'Amazon Aurora', exact: true }).click();
  await expect(page).toHaveURL(/\/sessions\/amazon-aurora\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Amazon Aurora');
});

test('the theme toggle switches, persists across a reload, and applies before first paint', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  // Polled: the new colours may land a frame after the button says so.
  await expect.poll(background).not.toBe(light);

  // Record the theme at the moment <body> is first parsed: before any paint.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.body) {
        (window as unknown as { themeAtBody: string | undefined }).themeAtBody = document.documentElement.dataset.theme;
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.reload();
  expect(await page.evaluate(() => (window as unknown as { themeAtBody?: string }).themeAtBody)).toBe('dark');
  await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'true');

  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.reload();
  await expect.poll(background).toBe(light);
});

test('an unknown path gets the 404 page', async ({ page }) => {
  const response = await page.goto('/no-such-page/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('link', { name: 'All sessions' })).toBeVisible();
});

test('the skip link moves focus to the main content', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no violations on the home page in the ${theme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/');
    await expectNoAxeViolations(page);
  });
}
