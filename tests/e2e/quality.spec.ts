// Quality gates over every built page: valid HTML, zero axe violations in both themes, and
// complete reading without JavaScript.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { html, pages, urlOf } from '../lib/dist.ts';
import { expectNoAxeViolationsInBothThemes } from './helpers.ts';

const PAGES = pages()
  .filter((p) => p !== '404.html')
  .map(urlOf);

test('the Nu HTML Checker finds no errors in any built page', () => {
  const jar = createRequire(import.meta.url)('vnu-jar') as string;
  let output = '';
  try {
    execFileSync('java', ['-jar', jar, '--errors-only', '--format', 'gnu', '--skip-non-html', 'dist'], {
      encoding: 'utf-8',
      stdio: 'pipe',
    });
  } catch (error) {
    output = `${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? ''}`;
  }
  expect(output.trim().split('\n').filter(Boolean)).toEqual([]);
});

test('no word runs into the link after it ("on thequiz page"), on any built page', () => {
  // A line break between a word and a link in a template can be dropped by the build; the reader sees one word.
  const glued = pages().flatMap((p) =>
    [...html(p).matchAll(/[A-Za-z,.;:]<a\s[^>]*>([^<]{0,30})/g)].map((m) => `${p}: …${m[0].slice(0, 1)}${m[1]}`),
  );
  expect(glued).toEqual([]);
});

test.describe('axe, light and dark themes', () => {
  test.describe.configure({ mode: 'parallel' });
  for (const path of [...PAGES, '/404-check/']) {
    test(`no violations on ${path}`, async ({ page }) => {
      await page.goto(path);
      await expectNoAxeViolationsInBothThemes(page);
    });
  }
});

test('no page scrolls sideways on a 320 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  const wide: string[] = [];
  for (const path of PAGES) {
    await page.goto(path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 320) wide.push(`${path}: ${width}px`);
  }
  expect(wide).toEqual([]);
});

test.describe('reading without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('session, service, category, figure and glossary pages are complete', async ({ page }) => {
    for (const path of PAGES.filter((p) => /^\/(sessions|services|categories|figures|glossary|right-tool)\//.test(p))) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 }), path).toBeVisible();
      const main = page.getByRole('main');
      expect((await main.innerText()).length, path).toBeGreaterThan(200);
    }
    await page.goto('/sessions/amazon-aurora/');
    await expect(page.locator('main li.fact').first()).toBeVisible();
    await expect(page.locator('main figure.diagram svg').first()).toBeVisible();
    await page.goto('/figures/');
    const rows = page.locator('#figures-table tbody tr');
    expect(await rows.count()).toBeGreaterThan(40);
    await expect(rows.last()).toBeVisible();
  });

  test('the quiz page says the game needs JavaScript and links to the notes', async ({ page }) => {
    await page.goto('/quiz/');
    await expect(page.getByText('The quiz needs JavaScript')).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: 'sessions', exact: true })).toHaveAttribute(
      'href',
      '/sessions/',
    );
    await expect(page.getByTestId('quiz-start')).toBeHidden();
  });
});

test('a table is a tab stop only while it scrolls sideways', async ({ page }) => {
  // Every table region, on pages with wide tables, on a narrow phone and a wide screen: focusable exactly when
  // its content is wider than its box. At 320 px some table must scroll, or the rule would go untested.
  const check = async () =>
    page
      .locator('.table-wrap')
      .evaluateAll((regions) =>
        regions
          .filter((r) => r.checkVisibility())
          .map((r) => ({ scrolls: r.scrollWidth > r.clientWidth + 1, stop: r.getAttribute('tabindex') === '0' })),
      );
  let scrolling = 0;
  for (const width of [320, 1400]) {
    await page.setViewportSize({ width, height: 800 });
    for (const path of ['/sessions/amazon-aurora/', '/sessions/database-migration-service/', '/sessions/databases-on-aws/']) {
      await page.goto(path);
      await page.waitForLoadState('load');
      await expect.poll(async () => (await check()).every((r) => r.scrolls === r.stop), `${path} at ${width} px`).toBe(true);
      if (width === 320) scrolling += (await check()).filter((r) => r.scrolls).length;
    }
  }
  expect(scrolling).toBeGreaterThan(0);
});
