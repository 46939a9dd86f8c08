// Quality gates over every built page in a browser: zero axe violations in both themes, no sideways scroll on a
// phone, and complete reading without JavaScript. (Valid HTML and glued words need no browser: tests/output/.)
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, pages, urlOf } from '../lib/dist.ts';
import { bothThemesFindings, expectNoAxeViolationsOnPages } from './helpers.ts';
import { openQuiz } from './quiz-player.ts';

const PAGES = pages()
  .filter((p) => p !== '404.html')
  .map(urlOf);

// One tab walks a share of the pages (axe in both themes on each), then a second tab at a 320 px phone's width walks
// them again, where none may scroll sideways; the shares run in parallel on the workers. (The phone check once
// narrowed the axe tab after each page's axe runs instead: twice in nine runs of the suite, a later page's footer kept
// the other theme's text colour through a scheme switch, the body's colours already switched. A tab of its own never
// resizes the one axe reads.)
const SHARES = 12;
const AXE_PATHS = [...PAGES, '/404-check/'];
const PHONE_WIDTH = 320;

/** Each page at a phone's width, one after the other in this tab: none may be wider than the screen. */
async function expectNoSidewaysScroll(page: Page, paths: readonly string[]) {
  await page.setViewportSize({ width: PHONE_WIDTH, height: 700 });
  const wide: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > PHONE_WIDTH) wide.push(`${path} scrolls sideways at ${PHONE_WIDTH} px: ${width} px wide`);
  }
  expect(wide).toEqual([]);
}

test.describe('axe, light and dark themes, and no sideways scroll on a 320 px phone, every page', () => {
  test.describe.configure({ mode: 'parallel' });
  for (let share = 0; share < SHARES; share++) {
    const paths = AXE_PATHS.filter((_, i) => i % SHARES === share);
    test(`no violations and no sideways scroll on ${paths.length} pages (share ${share + 1} of ${SHARES})`, async ({
      page,
      context,
    }) => {
      // Five or six pages, two axe runs each: 73 s seen with the machine oversubscribed tenfold.
      test.slow();
      await expectNoAxeViolationsOnPages(page, paths);
      await expectNoSidewaysScroll(await context.newPage(), paths);
    });
  }
  test('the walk covers every page the sitemap lists', () => {
    // The sitemap is written by @astrojs/sitemap, apart from the file walk that made the list above.
    const sitemap = readFileSync(join(DIST, 'sitemap-0.xml'), 'utf-8');
    const listed = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
    expect(listed.length).toBeGreaterThan(50);
    expect(AXE_PATHS).toEqual(expect.arrayContaining(listed));
  });
});

test('the axe helper reports a missing alt text, and a contrast failure of the dark theme only, also on a paused clock', async ({
  page,
}) => {
  // The helper runs axe-core in the page itself: this is the proof that it still sees what it must.
  await openQuiz(page);
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.src = '/favicon.svg';
    const faint = document.createElement('p');
    faint.textContent = 'Readable in the light theme only';
    faint.style.color = 'light-dark(#000000, #1c1c1c)';
    document.querySelector('main')!.append(img, faint);
  });
  const findings = await bothThemesFindings(page, 'main');
  expect(findings.filter((f) => f.startsWith('light: image-alt')).length).toBe(1);
  expect(findings.filter((f) => f.startsWith('dark: color-contrast')).length).toBe(1);
  expect(findings.filter((f) => f.startsWith('light: color-contrast')).length).toBe(0);
});

test('the walk reports a page wider than a 320 px phone', async ({ page }) => {
  // The glossary as built, with one element too wide for a phone: the walk must name the page and its width.
  await page.route('**/glossary/', async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace('</main>', '<p style="inline-size: 600px">A line too wide</p></main>');
    await route.fulfill({ response, body });
  });
  await expect(expectNoSidewaysScroll(page, ['/glossary/'])).rejects.toThrow(
    /\/glossary\/ scrolls sideways at 320 px: \d+ px wide/,
  );
});

test.describe('reading without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('session, service, category, figure and glossary pages are complete', async ({ page }) => {
    test.slow(); // some forty pages, one after the other
    // One round trip per page: its first heading's visibility and the length of its main text.
    const short: string[] = [];
    const reading = PAGES.filter((p) => /^\/(sessions|services|categories|figures|glossary|right-tool)\//.test(p));
    expect(reading.length).toBeGreaterThan(30);
    for (const path of reading) {
      // Without JavaScript nothing changes after the document is parsed; its images are not what is checked.
      await page.goto(path, { waitUntil: 'domcontentloaded' });
      const { heading, text } = await page.evaluate(() => ({
        heading: document.querySelector('h1')?.checkVisibility() ?? false,
        text: document.querySelector('main')?.innerText.length ?? 0,
      }));
      if (!heading || text <= 200) short.push(`${path}: heading visible ${heading}, ${text} characters of main text`);
    }
    expect(short).toEqual([]);
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
