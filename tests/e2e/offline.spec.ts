// Offline and installable: after one visit the service worker has the whole site, so with the network gone
// a session page opens, search finds results and a solo game reaches the podium; live-game traffic is never
// answered from the cache; the manifest is one Chromium accepts, with icons that exist; and a new build
// announces itself quietly.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { answerByKeyboard, startGame } from './quiz-player.ts';
import { DIST, gzipBytes, pages } from '../lib/dist.ts';
import { precachedFiles } from '../../src/offline/precache.ts';

// The other specs block service workers so each test does not download the whole site; these need them.
test.use({ serviceWorkers: 'allow' });

test('the precache holds every page and the whole search index, under 1.5 MB gzipped, and no downloads', async () => {
  const files = await precachedFiles(DIST);
  const worker = readFileSync(join(DIST, 'sw.js'), 'utf-8');
  for (const file of files) expect(worker, `sw.js lists ${file}`).toContain(`"${file}"`);
  expect(files).toEqual(expect.arrayContaining(pages()));
  expect(files).toEqual(
    expect.arrayContaining(['pagefind/pagefind.js', 'pagefind/vocabulary.json', 'pagefind/wasm.en.pagefind']),
  );
  for (const folder of ['index', 'fragment', 'filter']) {
    const all = readdirSync(join(DIST, 'pagefind', folder)).map((f) => `pagefind/${folder}/${f}`);
    expect(files, `every pagefind/${folder}/ file`).toEqual(expect.arrayContaining(all));
  }
  expect(files.filter((f) => f.startsWith('exports/') || f === 'sw.js')).toEqual([]);
  const gzipped = files.reduce((sum, f) => sum + gzipBytes(readFileSync(join(DIST, f))), 0);
  expect(gzipped).toBeLessThan(1.5 * 1024 * 1024);
});

/** One visit to the home page, until the worker has precached the site and controls the page. */
async function visitOnce(page: Page) {
  await page.goto('/');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
}

test('after one visit, offline: a session page opens, search returns results, a solo game reaches the podium', async ({
  page,
  context,
}) => {
  test.setTimeout(60_000); // a whole game, played in full
  await visitOnce(page);
  await context.setOffline(true);

  await page.goto('/sessions/amazon-aurora/');
  await expect(page.getByRole('heading', { level: 1, name: 'Amazon Aurora' })).toBeVisible();

  await page.goto('/search/?q=quorum');
  const results = page.getByRole('list', { name: 'Results' }).getByRole('link');
  // The first search starts Pagefind's wasm: allow for a busy machine.
  await expect(results.first()).toBeVisible({ timeout: 15_000 });
  // A result's link carries ?highlight=: the precached page answers it, query string and all.
  await results.first().click();
  await expect(page).toHaveURL(/[?&]highlight=quorum/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await page.goto('/quiz/');
  // The shortest pack (the ledger category's four questions): the game, not its length, is under test.
  await startGame(page, { nickname: 'Offline Ada', pack: 'category:ledger', mode: 'Untimed' });
  const total = Number((await page.getByText(/^Question 1 of \d+$/).textContent())!.match(/of (\d+)/)![1]);
  expect(total).toBeGreaterThanOrEqual(4);
  for (let n = 1; n <= total; n++) {
    await expect(page.getByText(`Question ${n} of ${total}`)).toBeVisible();
    // By keyboard, as quiz.spec.ts plays: keys reach the focused control even while the view re-renders.
    await expect(page.getByRole('button', { name: 'Show the answers' })).toBeFocused();
    await page.keyboard.press('Enter');
    await answerByKeyboard(page, true);
    await expect(page.getByRole('heading', { name: /Correct/ })).toBeVisible();
    // Solo: no leaderboard between questions; Next has the focus.
    await expect(page.getByTestId('next')).toBeFocused();
    await page.keyboard.press('Enter');
  }
  const podium = page.getByTestId('podium');
  await expect(podium).toBeVisible();
  await expect(podium).toContainText('Offline Ada');
});

test('live-game traffic under /socket.io/ goes to the network, never to the cache', async ({ page, context }) => {
  await visitOnce(page);
  const pageResponse = page.waitForResponse((r) => r.url().endsWith('/figures/'));
  await page.goto('/figures/');
  expect((await pageResponse).fromServiceWorker(), 'a page comes from the precache').toBe(true);

  const poll = page.waitForResponse((r) => r.url().includes('/socket.io/'));
  const status = await page.evaluate(() => fetch('/socket.io/?EIO=4&transport=polling').then((r) => r.status));
  expect((await poll).fromServiceWorker()).toBe(false);
  expect(status, 'answered by the server (the static test server has no Socket.IO)').toBe(404);

  const cached = await page.evaluate(async () =>
    (
      await Promise.all((await caches.keys()).map(async (name) => (await (await caches.open(name)).keys()).map((r) => r.url)))
    ).flat(),
  );
  expect(cached.length).toBeGreaterThan(100);
  expect(cached.filter((url) => url.includes('/socket.io/'))).toEqual([]);

  await context.setOffline(true);
  const offline = await page.evaluate(() =>
    fetch('/socket.io/?EIO=4&transport=polling').then(
      () => 'answered',
      () => 'failed',
    ),
  );
  expect(offline, 'offline, a live-game request fails instead of getting a stale answer').toBe('failed');
});

test('the web app manifest is valid and installable, its icons exist at their stated sizes', async ({ page }) => {
  await visitOnce(page);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await (await page.request.get(href!)).json();
  expect(manifest).toMatchObject({
    name: 'Database Week',
    short_name: expect.any(String),
    start_url: './',
    scope: './',
    display: 'standalone',
  });
  for (const icon of manifest.icons as { src: string; sizes: string; type: string; purpose: string }[]) {
    const response = await page.request.get(new URL(icon.src, new URL(href!, page.url())).href);
    expect(response.status(), icon.src).toBe(200);
    expect(response.headers()['content-type'], icon.src).toBe(icon.type);
    if (icon.type === 'image/png') {
      const png = await response.body();
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.src).toBe(icon.sizes);
    }
  }
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(manifest.icons.some((i: { purpose: string }) => i.purpose === 'maskable')).toBe(true);

  // Chromium's own reading of the manifest, and its verdict on installing the site.
  const cdp = await page.context().newCDPSession(page);
  const { errors } = await cdp.send('Page.getAppManifest');
  expect(errors).toEqual([]);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // Playwright's contexts are incognito, where Chromium never offers to install; any other reason counts.
  expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
});

test('a new build takes over with a quiet "updated" notice, and Dismiss puts it away', async ({ page }) => {
  await visitOnce(page);
  // The next visit: a page the current worker serves.
  await page.goto('/sessions/');
  await expect(page.getByText('Database Week was updated')).toHaveCount(0);

  // The next deploy, as the browser meets it: a worker script it has not seen takes over the registration.
  // (Playwright cannot route a worker's own script, so a new URL stands in for new bytes at the same URL;
  // the browser installs either one the same way.)
  await page.evaluate(() => navigator.serviceWorker.register('/sw.js?next-build'));

  const notice = page.locator('[aria-live]').filter({ hasText: 'Database Week was updated' });
  await expect(notice).toBeVisible();
  await expect(notice.getByRole('button', { name: 'Reload this page' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
});
