// Build-time Mermaid: SVG in the HTML, a rendering per theme, no Mermaid script, named figures.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { DIST, allFiles } from '../lib/dist.ts';
import { expectNoAxeViolations } from './helpers.ts';

test('a session page shows its diagrams as SVG figures that follow the theme toggle', async ({ page }) => {
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
  }

  const storage = page.getByRole('figure', { name: /six copies/i });
  const light = storage.locator('[data-variant="light"] svg');
  const dark = storage.locator('[data-variant="dark"] svg');
  await storage.scrollIntoViewIfNeeded();
  await expect(light).toBeVisible();
  await expect(dark).toBeHidden();
  await expect(
    light
      .locator('text')
      .filter({ hasText: /Writer/ })
      .first(),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(dark).toBeVisible();
  await expect(light).toBeHidden();

  expect(requests.filter((url) => /mermaid/i.test(url))).toEqual([]);
});

test('on a 360 px phone a wide diagram fits the column and opens full size in a dialog, by keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/sessions/databases-on-aws/');
  const figure = page
    .getByRole('figure')
    .filter({ has: page.locator('svg') })
    .first();
  const svg = figure.locator('[data-variant="light"] svg');
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
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/sessions/amazon-aurora/');
    await expectNoAxeViolations(page);
  }
});

test('no JavaScript file of the build contains the Mermaid runtime, and no page loads one', () => {
  const scripts = allFiles('.js');
  expect(scripts.length).toBeGreaterThan(0);
  for (const file of scripts) {
    const code = readFileSync(file, 'utf-8');
    expect(code, file).not.toMatch(/mermaid\.initialize|flowchart-v2|mermaidAPI/);
  }
  const html = readFileSync(`${DIST}/sessions/amazon-aurora/index.html`, 'utf-8');
  expect(html).toContain('<svg');
  expect(html).not.toMatch(/<script[^>]*mermaid/i);
});
