// `npm run bench`: measurements of the built site on this machine, printed as a table and written to
// tests/bench/results.md. Build time (diagrams cold and cached), bytes per page, search quality (hit@1
// and hit@3 over the query set), its latency and the bytes a query fetches, and Lighthouse in its
// mobile preset. Not part of `npm test`: times vary.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { chromium } from 'playwright';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { launchOptions, chromiumPath } from '../../src/diagrams/chromium.ts';
import { cssGzip, gzipBytes, html, initialJsGzip } from '../lib/dist.ts';
import { hitAt, querySet, runQuery, type Outcome } from '../search/run-queries.ts';

const CACHE = join('node_modules', '.cache', 'dbweek-diagrams');
const rows: string[][] = [];
const row = (...cells: (string | number)[]) => rows.push(cells.map(String));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timed(command: string, args: string[]): number {
  const start = performance.now();
  execFileSync(command, args, { stdio: 'ignore' });
  return performance.now() - start;
}

function diagramStats(): { drawn: number; cached: number; ms: number } {
  return JSON.parse(readFileSync(join(CACHE, 'last-build.json'), 'utf-8'));
}

// Build: once with no drawings cached, once with all of them cached.
rmSync(CACHE, { recursive: true, force: true });
const cold = timed('npx', ['astro', 'build']);
const coldDiagrams = diagramStats();
const warm = timed('npx', ['astro', 'build']);
const warmDiagrams = diagramStats();
const index = timed('node', ['src/search/index-site.ts']);
row('Build', 'astro build, diagrams drawn (cold)', `${(cold / 1000).toFixed(1)} s`);
row('Build', 'astro build, diagrams cached', `${(warm / 1000).toFixed(1)} s`);
row(
  'Build',
  `diagrams: ${coldDiagrams.drawn} drawings in Chromium (summed over parallel work)`,
  `${(coldDiagrams.ms / 1000).toFixed(1)} s`,
);
row('Build', `diagrams: ${warmDiagrams.cached} drawings from the cache`, `${warmDiagrams.ms.toFixed(0)} ms`);
row('Build', 'search index (Pagefind Node API: pages, facts, vocabulary)', `${(index / 1000).toFixed(1)} s`);

// Bytes per page: HTML, CSS and JavaScript before interaction, gzipped.
const PAGES = {
  home: 'index.html',
  'session (Aurora, 8 diagrams)': 'sessions/amazon-aurora/index.html',
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

// A server for the built site.
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
const port = await freePort();
const server = spawn('node', ['tests/lib/serve.ts', String(port)], { stdio: 'ignore' });
const base = `http://127.0.0.1:${port}`;
await new Promise((r) => setTimeout(r, 500));

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
  server.kill();
}

const table = ['| area | measure | value |', '| --- | --- | --- |', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const cpu = execFileSync('nproc').toString().trim();
const out = `# Benchmark\n\nMeasured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, ${cpu} cores, Node ${process.version}.\n\n${table}\n`;
writeFileSync(join('tests', 'bench', 'results.md'), out);
console.log(table);
if (!existsSync('dist/index.html')) process.exitCode = 1;
