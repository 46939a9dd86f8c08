// `npm run bench`: measurements of the built site on this machine, printed as a table and written to
// tests/bench/results.md. Build time (diagrams cold and cached), bytes per page, search quality (hit@1
// and hit@3 over the query set), its latency and the bytes a query fetches, Lighthouse in its
// mobile preset, and live games under load. Not part of `npm test`: times vary.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { launchOptions, chromiumPath } from '../../src/diagrams/chromium.ts';
import { cssGzip, gzipBytes, html, initialJsGzip } from '../lib/dist.ts';
import { precachedFiles } from '../../src/offline/precache.ts';
import { createSiteServer } from '../../src/server/site.ts';
import { hitAt, querySet, runQuery, type Outcome } from '../search/run-queries.ts';
import { liveLoad, loadRows } from './live-load.ts';
import { challengeLoad, challengeRows } from './challenge-load.ts';

const CACHE = join('node_modules', '.cache', 'dbweek-diagrams-v2');
const rows: string[][] = [];
const row = (...cells: (string | number)[]) => rows.push(cells.map(String));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timed(command: string, args: string[]): number {
  return timedOutput(command, args).ms;
}

function timedOutput(command: string, args: string[]): { ms: number; output: string } {
  const start = performance.now();
  const output = execFileSync(command, args, { encoding: 'utf-8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  return { ms: performance.now() - start, output };
}

/** The seconds an integration reported for its step in a build's log ("… in 3.2 s"). */
function stepSeconds(output: string, integration: string): string {
  const line = output.split('\n').find((l) => l.includes(`[${integration}]`) && / in [\d.]+ s$/.test(l.trim()));
  return line ? `${line.trim().match(/ in ([\d.]+) s$/)![1]} s` : 'not in the build log';
}

function diagramStats(): { drawn: number; cached: number; ms: number } {
  return JSON.parse(readFileSync(join(CACHE, 'last-build.json'), 'utf-8'));
}

// `npm run bench -- --tests`: only the parts of `npm test`, timed (the rest takes long and is not needed for that).
const ONLY_TESTS = process.argv.includes('--tests');

async function measureSite() {
  // Build: once with no drawings cached, once with all of them cached. Each includes the search index and the
  // service worker, written by their integrations in astro:build:done; their own times come from the build's log.
  rmSync(CACHE, { recursive: true, force: true });
  const cold = timed('npx', ['astro', 'build']);
  const coldDiagrams = diagramStats();
  const warm = timedOutput('npx', ['astro', 'build']);
  const warmDiagrams = diagramStats();
  row('Build', 'astro build, diagrams drawn (cold)', `${(cold / 1000).toFixed(1)} s`);
  row('Build', 'astro build, diagrams cached', `${(warm.ms / 1000).toFixed(1)} s`);
  row(
    'Build',
    `diagrams: ${coldDiagrams.drawn} drawings in Chromium (summed over parallel work)`,
    `${(coldDiagrams.ms / 1000).toFixed(1)} s`,
  );
  row('Build', `diagrams: ${warmDiagrams.cached} drawings from the cache`, `${warmDiagrams.ms.toFixed(0)} ms`);
  row(
    'Build',
    'search index (Pagefind Node API: pages, facts, vocabulary), in the build',
    stepSeconds(warm.output, 'dbweek:search-index'),
  );
  row('Build', 'service worker (Workbox generateSW), in the build', stepSeconds(warm.output, 'dbweek:service-worker'));

  // Offline: what the service worker downloads on a first visit (every page, CSS, JS, icons, the search index).
  const precached = await precachedFiles('dist');
  const precacheGzip = precached.reduce((sum, file) => sum + gzipBytes(readFileSync(join('dist', file))), 0);
  row('Offline', `precache: ${precached.length} files, gzipped (aim: under 1.5 MB)`, kb(precacheGzip));

  // Bytes per page: HTML, CSS and JavaScript before interaction, gzipped.
  const PAGES = {
    home: 'index.html',
    'session (Aurora, 7 diagrams)': 'sessions/amazon-aurora/index.html',
    'service (Aurora)': 'services/aurora/index.html',
    figures: 'figures/index.html',
    glossary: 'glossary/index.html',
    quiz: 'quiz/index.html',
  };
  for (const [name, page] of Object.entries(PAGES)) {
    row(
      'Bytes',
      `${name}: HTML / CSS / JS (gzipped)`,
      `${kb(gzipBytes(html(page)))} / ${kb(cssGzip(page))} / ${kb(initialJsGzip(page))}`,
    );
  }

  // The Aurora page before diagrams were drawn once (two themed SVGs per diagram, Mermaid's stylesheet in
  // each): 38,798 bytes gzipped, measured on commit 4e57c79. Issue 19 asks for at least 30 % less.
  const AURORA_BEFORE = 38_798;
  const auroraAfter = gzipBytes(html('sessions/amazon-aurora/index.html'));
  row(
    'Bytes',
    'Aurora page HTML, gzipped: before (4e57c79) / after',
    `${AURORA_BEFORE} B / ${auroraAfter} B (${(100 * (1 - auroraAfter / AURORA_BEFORE)).toFixed(0)} % smaller)`,
  );

  // The site's own server, as `npm run serve` runs it, on a free port.
  const server = await createSiteServer();
  const base = (await server.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');

  try {
    // Search: the query set (tests/search/queries.yaml) typed into /search/ as a person would: where the
    // expected fact or section lands (hit@1, hit@3), the time from the last keystroke to the answer on
    // screen, and the bytes each query fetches.
    const browser = await chromium.launch(launchOptions());
    const page = await browser.newPage();
    let bytes = 0;
    page.on('response', async (response) => {
      if (response.url().includes('/pagefind/')) bytes += (await response.body().catch(() => Buffer.alloc(0))).length;
    });
    await page.goto(`${base}/search/`);
    const box = page.getByRole('searchbox');
    await box.waitFor();
    const outcomes: Outcome[] = [];
    const fetched: number[] = [];
    for (const item of querySet()) {
      bytes = 0;
      outcomes.push(await runQuery(page, box, item));
      fetched.push(bytes);
    }
    const scored = outcomes.filter((o) => o.case.expect).length;
    const percent = (x: number) => `${(x * 100).toFixed(0)} %`;
    row('Search', `hit@1 over ${scored} queries with an expected fact or section`, percent(hitAt(outcomes, 1)));
    row('Search', `hit@3 over ${scored} queries`, percent(hitAt(outcomes, 3)));
    const nothing = outcomes.filter((o) => o.case.nothing);
    row(
      'Search',
      `words the notes never use that found nothing`,
      `${nothing.filter((o) => o.shown.length === 0).length} of ${nothing.length}`,
    );
    // The first query also loads Pagefind's WebAssembly and index: its time is its own row.
    const latencies = outcomes.slice(1).map((o) => o.ms);
    row(
      'Search',
      `last keystroke to results, median of ${latencies.length} queries (debounce 120 ms included)`,
      `${median(latencies).toFixed(0)} ms`,
    );
    row('Search', 'last keystroke to results, slowest query', `${Math.max(...latencies).toFixed(0)} ms`);
    row('Search', 'first query, loading included', `${outcomes[0]!.ms.toFixed(0)} ms`);
    row('Search', 'bytes fetched by the first query (WebAssembly, vocabulary, index, fragments)', kb(fetched[0]!));
    row('Search', `bytes fetched per later query, median of ${fetched.length - 1}`, kb(median(fetched.slice(1))));

    // Reading on a phone: each session page's height at 375 px wide, in px and in 812 px screens.
    const phone = await browser.newPage({ viewport: { width: 375, height: 812 } });
    for (const id of readdirSync(join('dist', 'sessions')).filter((d) => existsSync(join('dist', 'sessions', d, 'index.html')))) {
      await phone.goto(`${base}/sessions/${id}/`);
      const height = await phone.evaluate(() => document.documentElement.scrollHeight);
      row('Reading (375 px)', `page height: /sessions/${id}/`, `${height} px (${(height / 812).toFixed(1)} screens)`);
    }
    await browser.close();

    // Lighthouse, mobile preset (its default), on four pages.
    const chrome = await chromeLauncher.launch({
      chromePath: chromiumPath() ?? chromium.executablePath(),
      chromeFlags: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    try {
      for (const [name, path] of [
        ['home', '/'],
        ['session with diagrams', '/sessions/amazon-aurora/'],
        ['service', '/services/aurora/'],
        ['quiz', '/quiz/'],
      ] as const) {
        const result = await lighthouse(`${base}${path}`, { port: chrome.port, output: 'json', logLevel: 'error' });
        const lhr = result!.lhr;
        const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
        const audit = (id: string) => lhr.audits[id]?.displayValue ?? '?';
        row(
          'Lighthouse (mobile)',
          `${name} ${path}: performance / accessibility / best practices / SEO`,
          `${score('performance')} / ${score('accessibility')} / ${score('best-practices')} / ${score('seo')} (LCP ${audit('largest-contentful-paint')}, TBT ${audit('total-blocking-time')}, CLS ${audit('cumulative-layout-shift')})`,
        );
      }
    } finally {
      chrome.kill();
    }
  } finally {
    await server.close();
  }

  // Live games under load: a room of 200 and ten rooms of 50, one process and two through Redis; a room of 2,000 and
  // four rooms of 500 joining in a storm; a flood of bots; the host's page in Chromium under 2,000 answers (live-load.ts).
  rows.push(...loadRows(await liveLoad()));
  // Challenges under load: 200 players answering at once, on SQLite and PostgreSQL (challenge-load.ts).
  rows.push(...challengeRows(await challengeLoad()));
}

if (!ONLY_TESTS) await measureSite();

// Tests: `npm test` as a developer runs it (tests/run.ts: the parts side by side where nothing stops them), with the
// wall time of each part as that run measured it, and of the whole.
const NAMES: Record<string, string> = {
  build: 'build (astro build: site, search index, service worker)',
  lint: 'lint (ESLint, Prettier)',
  unit: 'unit tests (node:test, three files at a time)',
  e2e: 'end-to-end suite (Playwright, 2 workers)',
  check: 'check (astro check)',
  dist: 'checks over dist/ (node:test: links, HTML, budgets, precache)',
  fixtures: 'fixture builds (node:test, two at a time)',
};
let testsPassed = true;
try {
  execFileSync('npm', ['test'], { stdio: 'ignore' });
} catch {
  testsPassed = false;
}
const times = JSON.parse(readFileSync(join('test-results', 'npm-test-times.json'), 'utf-8')) as {
  total: number;
  parts: { name: string; script: string; startedAt: number; seconds: number; ok: boolean }[];
};
for (const p of times.parts)
  row(
    'Tests',
    `${NAMES[p.name] ?? p.name}: npm run ${p.script}, in npm test`,
    p.ok ? `${p.seconds.toFixed(0)} s (from ${p.startedAt.toFixed(0)} s)` : 'failed (run it alone to see why)',
  );
row(
  'Tests',
  'npm test: all of the above, side by side where they can be',
  `${times.total.toFixed(0)} s${testsPassed ? '' : ' (failed)'}`,
);

const table = ['| area | measure | value |', '| --- | --- | --- |', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const cpu = execFileSync('nproc').toString().trim();
const out = `# Benchmark\n\nMeasured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, ${cpu} cores, Node ${process.version}.\n\n${table}\n`;
// Only a whole run replaces the recorded results.
if (!ONLY_TESTS) writeFileSync(join('tests', 'bench', 'results.md'), out);
console.log(table);
if (!existsSync('dist/index.html')) process.exitCode = 1;
