// Offline and installable (what the worker precaches is checked over the build: tests/output/precache.test.ts):
// after one visit the service worker has the whole site, so with the network gone
// a session page opens, search finds results and a solo game reaches its score; live-game traffic (LIVE_PATH)
// is never answered from the cache; the manifest is one Chromium accepts, with icons that exist; and a new build
// announces itself quietly.
import { expect, test, type Page } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerByKeyboard, openQuiz, startGame } from './quiz-player.ts';
import { writeServiceWorker } from '../../src/offline/build-sw.ts';
import { LIVE_PATH } from '../../src/live/protocol.ts';
import { attachLive } from '../../src/server/live/io.ts';

// The other specs block service workers so each test does not download the whole site; these need them.
test.use({ serviceWorkers: 'allow' });

/** One visit to the home page, until the worker has precached the site and controls the page. */
async function visitOnce(page: Page) {
  await page.goto('/');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
}

test('after one visit, offline: a session page opens, search returns results, a solo game reaches its score', async ({
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
  await expect(results.first()).toBeVisible({ timeout: 30_000 });
  // A result's link carries ?highlight=: the precached page answers it, query string and all.
  await results.first().click();
  await expect(page).toHaveURL(/[?&]highlight=quorum/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // A paused page clock (openQuiz): the 3-second preview cannot end before the player presses Enter.
  await openQuiz(page);
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
  // One player: the game ends on its score, not a podium.
  const final = page.getByTestId('final-score');
  await expect(final.getByRole('heading', { name: 'Your score' })).toBeVisible();
  await expect(final).toContainText('Offline Ada');
});

/** A Socket.IO polling handshake on the live path, from the page: its status, its body, and who answered. */
async function handshake(page: Page, origin = '') {
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith(LIVE_PATH));
  const { status, body } = await page.evaluate(
    (url) => fetch(url).then(async (r) => ({ status: r.status, body: await r.text() })),
    `${origin}${LIVE_PATH}?EIO=4&transport=polling`,
  );
  return { status, body, fromServiceWorker: (await answered).fromServiceWorker() };
}

test('live-game traffic on the live path reaches the live server, never the cache, and fails offline', async ({
  page,
  context,
}) => {
  await visitOnce(page);
  const pageResponse = page.waitForResponse((r) => r.url().endsWith('/figures/'));
  await page.goto('/figures/');
  expect((await pageResponse).fromServiceWorker(), 'a page comes from the precache').toBe(true);

  // The test server is the site's own (src/server/main.ts), live games included: Socket.IO opens a session.
  const online = await handshake(page);
  expect(online.fromServiceWorker).toBe(false);
  expect(online.status).toBe(200);
  expect(online.body, 'an Engine.IO open packet from the live server').toMatch(/^0\{"sid":"[^"]+"/);

  const cached = await page.evaluate(async () =>
    (
      await Promise.all((await caches.keys()).map(async (name) => (await (await caches.open(name)).keys()).map((r) => r.url)))
    ).flat(),
  );
  expect(cached.length).toBeGreaterThan(100);
  expect(cached.filter((url) => new URL(url).pathname.startsWith(LIVE_PATH))).toEqual([]);

  await context.setOffline(true);
  const offline = await page.evaluate(
    (url) =>
      fetch(url).then(
        () => 'answered',
        () => 'failed',
      ),
    `${LIVE_PATH}?EIO=4&transport=polling`,
  );
  expect(offline, 'offline, a live-game request fails instead of getting a stale answer').toBe('failed');
});

test.describe('the worker leaves the live path alone even where it precaches a page under it', () => {
  // The hazard, built for real: a small site with a page at the live path, its worker written by the build's own
  // writeServiceWorker, and the real live server (attachLive) on the same origin. The worker answers any URL
  // whose path, query ignored and index.html added, is a precached file: without its bypass for LIVE_PATH it
  // answers Socket.IO's polling with that page's HTML. (With the bypass on the old /socket.io/ path, this fails.)
  let workDir: string;
  let server: Server;
  let origin: string;

  test.beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'dbweek-sw-live-'));
    const html = (title: string) =>
      `<!doctype html><html lang="en"><title>${title}</title><h1>${title}</h1>` +
      `<script>navigator.serviceWorker.register('/sw.js')</script></html>`;
    writeFileSync(join(workDir, 'index.html'), html('Home'));
    mkdirSync(join(workDir, LIVE_PATH), { recursive: true });
    writeFileSync(join(workDir, LIVE_PATH, 'index.html'), html('A page at the live path'));
    const { count } = await writeServiceWorker(workDir);
    expect(count, 'both pages precached').toBe(2);
    // The host: a file where the path names one exactly, the live server for everything else.
    server = createServer();
    attachLive(server);
    const live = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const file = join(workDir, new URL(req.url!, 'http://host').pathname);
      if (file.startsWith(workDir) && existsSync(file) && statSync(file).isFile()) {
        res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html' });
        res.end(readFileSync(file));
      } else for (const listener of live) listener.call(server, req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  test.afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  test('a polling request to the live path gets the live server, not the precached page', async ({ page }) => {
    await page.goto(`${origin}/index.html`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
    // The page at the live path is in the worker's cache, where the precache would answer from.
    const cached = await page.evaluate(async () =>
      (
        await Promise.all((await caches.keys()).map(async (name) => (await (await caches.open(name)).keys()).map((r) => r.url)))
      ).flat(),
    );
    expect(cached.some((url) => url.startsWith(`${origin}${LIVE_PATH}index.html`))).toBe(true);
    const live = await handshake(page, origin);
    expect(live.body, 'an Engine.IO open packet, not the cached page').toMatch(/^0\{"sid":"[^"]+"/);
    expect(live.fromServiceWorker).toBe(false);
  });
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
