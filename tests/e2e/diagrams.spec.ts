// Build-time Mermaid in the browser: one SVG per diagram that follows the theme, fits a phone, passes axe. (The
// drawings in the HTML and no Mermaid script, read without a browser: tests/output/content.test.ts.)
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './helpers.ts';

test('a session page shows each diagram as one SVG figure whose colours follow the theme toggle', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/sessions/amazon-aurora/');

  const figures = page.locator('main figure.diagram');
  expect(await figures.count()).toBeGreaterThanOrEqual(5);
  for (const figure of await figures.all()) {
    // Each figure is named by its caption, and its drawing is named by Mermaid's accTitle.
    await expect(figure).toHaveAccessibleName(/\S/);
    await expect(figure.locator('figcaption')).toBeVisible();
    await expect(figure.locator('svg[role]')).toHaveCount(1);
  }

  const storage = page.getByRole('figure', { name: /six copies/i });
  const svg = storage.locator('svg[role]');
  await storage.scrollIntoViewIfNeeded();
  await expect(svg).toBeVisible();
  await expect(
    svg
      .locator('text')
      .filter({ hasText: /Writer/ })
      .first(),
  ).toBeVisible();
  const colours = () =>
    svg.evaluate((s) => {
      const box = s.querySelector('.node rect')!;
      const label = s.querySelector('.node text')!;
      return {
        box: getComputedStyle(box).fill,
        text: getComputedStyle(label).fill,
        page: getComputedStyle(document.body).backgroundColor,
      };
    });
  const light = await colours();
  expect(light).toEqual({ box: 'rgb(232, 240, 252)', text: 'rgb(27, 29, 34)', page: 'rgb(247, 247, 244)' });

  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect.poll(colours).toEqual({ box: 'rgb(38, 52, 77)', text: 'rgb(236, 238, 242)', page: 'rgb(21, 23, 28)' });

  expect(requests.filter((url) => /mermaid/i.test(url))).toEqual([]);
});

test('a dark system setting colours the drawing too, without the toggle', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/sessions/amazon-aurora/');
  const box = page.locator('main figure.diagram .node rect').first();
  expect(await box.evaluate((r) => getComputedStyle(r).fill)).toBe('rgb(38, 52, 77)');
});

test('on a 360 px phone a wide diagram fits the column and opens full size in a dialog, by keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/sessions/databases-on-aws/');
  const figure = page
    .getByRole('figure')
    .filter({ has: page.locator('svg') })
    .first();
  const svg = figure.locator('svg[role]');
  await expect(svg).toBeVisible();
  const fitted = await svg.boundingBox();
  expect(fitted!.width).toBeLessThanOrEqual(360);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  const enlarge = figure.getByRole('button', { name: /Enlarge diagram/ });
  await enlarge.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  const big = dialog.locator('svg').first();
  await expect(big).toBeVisible();
  expect((await big.boundingBox())!.width).toBeGreaterThan(fitted!.width);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(enlarge).toBeFocused();
  await expect(svg).toBeVisible();
});

test('axe finds no violations on a page full of diagrams, in both themes', async ({ page }) => {
  // Two full axe runs over the longest page: slow on a busy two-core machine, not a hang.
  test.slow();
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/sessions/amazon-aurora/');
    await expectNoAxeViolations(page);
  }
});
