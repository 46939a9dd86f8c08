// Build-time Mermaid: one SVG per diagram in the HTML that follows the theme, no Mermaid script, named figures.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { DIST, allFiles, gzipBytes, html } from '../lib/dist.ts';
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

test('one drawing per diagram, coloured by the tokens, and the Aurora page within its byte budget', () => {
  const source = html('sessions/amazon-aurora/index.html');
  const figures = source.match(/<figure class="diagram"/g)?.length ?? 0;
  const drawings = source.match(/<svg[^>]*role="graphics-document/g)?.length ?? 0;
  const written = readFileSync('content/sessions/amazon-aurora.mdx', 'utf-8').match(/^```mermaid/gm)?.length ?? 0;
  expect(figures).toBe(written);
  expect(drawings).toBe(figures);
  // No colour is baked in that changes with the theme: Mermaid's stylesheet refers to the site's tokens.
  expect(source).toContain('fill:var(--diagram-node)');
  expect(source).not.toContain('data-variant');
  // 38.8 KB gzipped before diagrams were drawn once; the budget is 30 % below that.
  expect(gzipBytes(source)).toBeLessThanOrEqual(27_150);
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
