// Any base path: the site built for BASE_PATH=/database-week/ (as a GitHub Pages project site serves it),
// into a folder of its own, keeps every link, asset, anchor and quiz source link under the base, and search
// works from the sub-path. One build, shared by the tests below.
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { html } from '../lib/dist.ts';
import { allLinks, brokenReason, type Build } from '../lib/links.ts';
import { closeContexts, newContext } from './contexts.ts';

// The hosts and phones a test opened close with it (contexts.ts).
test.afterEach(closeContexts);

const BASE = '/database-week/';
const SITE_URL = 'https://example.github.io';

test.describe.configure({ mode: 'serial' });

let workDir: string;
let build: Build;
let server: FastifyInstance;
let origin: string;

test.beforeAll(async () => {
  test.setTimeout(300_000); // a whole build: the site, the search index and the service worker
  workDir = mkdtempSync(join(tmpdir(), 'dbweek-base-'));
  build = { dist: join(workDir, 'dist'), base: BASE };
  const result = spawnSync('npm', ['run', 'build'], {
    encoding: 'utf-8',
    env: {
      ...process.env,
      BASE_PATH: BASE,
      SITE_URL,
      OUT_DIR: build.dist,
      // A content store of its own: the site's dist/ build may be using the default one.
      ASTRO_CACHE_DIR: join(workDir, 'cache'),
    },
  });
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);

  // The build served under its sub-path, as a static host would.
  server = Fastify();
  await server.register(fastifyStatic, { root: build.dist, prefix: BASE, redirect: true });
  server.setNotFoundHandler((_request, reply) =>
    reply
      .code(404)
      .type('text/html')
      .send(readFileSync(join(build.dist, '404.html'))),
  );
  origin = await server.listen({ host: '127.0.0.1', port: 0 });
});

test.afterAll(async () => {
  await server?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

test('every internal link and anchor resolves under the base path', () => {
  const { internal } = allLinks(build);
  expect(internal.length).toBeGreaterThan(1000);
  const broken = internal.flatMap((link) => {
    const reason = brokenReason(link, build);
    return reason ? [`${link.from} → ${link.href}: ${reason}`] : [];
  });
  expect([...new Set(broken)]).toEqual([]);
});

test('quiz source links, canonical URLs, the sitemap and the exports carry the base and SITE_URL', () => {
  const bank = JSON.parse(
    html('quiz/index.html', build.dist).match(/<script type="application\/json" data-bank>([\s\S]*?)<\/script>/)![1]!,
  );
  for (const q of bank.questions as { id: string; sourceHref: string }[]) {
    expect(q.sourceHref, q.id).toMatch(/^\/database-week\/sessions\/[a-z0-9-]+\/#[a-z0-9-]+$/);
    expect(brokenReason({ from: `${BASE}quiz/`, href: q.sourceHref }, build), q.id).toBeUndefined();
  }
  expect(html('figures/index.html', build.dist)).toContain(`<link rel="canonical" href="${SITE_URL}${BASE}figures/">`);
  expect(readFileSync(join(build.dist, 'sitemap-0.xml'), 'utf-8')).toContain(
    `<loc>${SITE_URL}${BASE}sessions/amazon-aurora/</loc>`,
  );
  const facts = JSON.parse(readFileSync(join(build.dist, 'exports/facts.json'), 'utf-8'));
  expect(facts.facts[0].sectionUrl.startsWith(`${SITE_URL}${BASE}sessions/`)).toBe(true);
});

test('search from the sub-path finds a section and its result opens under the base', async ({ page }) => {
  await page.goto(`${origin}${BASE}search/?q=quorum`);
  const results = page.getByRole('list', { name: 'Results' }).getByRole('link');
  // The first search loads Pagefind's wasm and index: allow for a busy machine.
  await expect(results.first()).toBeVisible({ timeout: 30_000 });
  const hrefs = await results.evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  expect(
    hrefs.every((h) => h.startsWith(`${BASE}`)),
    hrefs.join(' '),
  ).toBe(true);
  await results.first().click();
  await expect(page).toHaveURL(new RegExp(`^${origin}${BASE}[a-z0-9/-]*\\?(?:fact=[a-z0-9-]+&)?highlight=quorum`));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('the service worker and the manifest work under the base path', async ({ browser }) => {
  const context = await newContext(browser, { serviceWorkers: 'allow' });
  const page = await context.newPage();
  await page.goto(`${origin}${BASE}`);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(`${origin}${BASE}`);
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
  await context.setOffline(true);
  await page.goto(`${origin}${BASE}sessions/amazon-aurora/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Amazon Aurora' })).toBeVisible();
  const manifest = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(manifest).toBe(`${BASE}manifest.webmanifest`);
  await context.close();
});
