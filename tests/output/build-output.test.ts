// Checks over the built site (dist/), no browser needed: structure, figures, budgets. Run after the build.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { cssGzip, html, initialJsGzip, pages, urlOf } from '../lib/dist.ts';

const text = (page: string) =>
  html(page)
    .replace(/<(script|style|svg)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

const SESSIONS = [
  'databases-on-aws',
  'full-stack-apps',
  'database-migration-service',
  'sql-server-on-rds',
  'amazon-rds',
  'getting-started-with-rds',
  'amazon-aurora',
  'aurora-dev-test',
  'matching-database-to-workload',
  'dynamodb-elasticsearch',
  'graph-and-neptune',
  'first-neptune-graph-app',
];

test('twelve session pages, linked from the programme in the order of the notes', () => {
  const home = html('index.html');
  const order = [...home.matchAll(/href="\/sessions\/([a-z0-9-]+)\/"/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(order)], SESSIONS);
  for (const id of SESSIONS) assert.ok(pages().includes(`sessions/${id}/index.html`), id);
});

test('every heading on a session page has an id, and ids are unique', () => {
  for (const id of SESSIONS) {
    const source = html(`sessions/${id}/index.html`);
    const headings = [...source.matchAll(/<h([2-6])([^>]*)>/g)];
    assert.ok(headings.length > 0, id);
    for (const [tag, , attrs] of headings) assert.match(attrs!, /\sid="[^"]+"/, `${id}: ${tag}`);
    const ids = [...source.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(
      ids.filter((x, i) => ids.indexOf(x) !== i),
      [],
      `duplicate ids on ${id}`,
    );
  }
});

// The numbers of the notes, each on the page of the session that gave it (our own list).
const FIGURES: Record<string, string[]> = {
  'databases-on-aws': [
    '8 categories',
    '5×',
    '3×',
    '15 read replicas',
    '15 replicas',
    '6 copies',
    '3 Availability Zones',
    '6 replicas',
    'MySQL 5.7',
    'single-digit ms',
  ],
  'full-stack-apps': ['15 minutes', '1,100', '10 characters'],
  'database-migration-service': ['90%', '5 TB', '72 TB', '$250', '170,000'],
  'amazon-aurora': [
    '1/10',
    '5×',
    '3×',
    '5,000',
    '4 of 6',
    '3 of 6',
    'hundreds',
    '10–20 s',
    '$2.32',
    '$6.96',
    '$4.43',
    '$11.39',
    '28.7%',
    '20%',
    '72 h',
    '$0.012',
    'under 1 s',
    'under 1 min',
    '2 GB',
    '256',
    '64 TB',
    'r5.4XL',
  ],
  'matching-database-to-workload': ['15 minutes', '1/10', 'three', 'second'],
};

test('every figure of the notes appears on its session page', () => {
  const all = Object.values(FIGURES).flat();
  assert.ok(all.length >= 40);
  for (const [session, figures] of Object.entries(FIGURES)) {
    const page = text(`sessions/${session}/index.html`);
    for (const figure of figures) assert.ok(page.includes(figure), `${figure} on ${session}`);
  }
});

test('nothing from the blog page chrome reaches the site', () => {
  for (const page of pages()) assert.doesNotMatch(text(page), /Popular posts|Minecraft|Sierpinski|Emacs|ERNOS/, page);
});

test('byte budgets: JavaScript before interaction ≤ 10 KB gzipped on content pages, ≤ 30 KB on the quiz; CSS ≤ 30 KB', () => {
  const report: string[] = [];
  for (const page of pages()) {
    const js = initialJsGzip(page);
    const css = cssGzip(page);
    // The quiz's pages (the game, the host screen, a shared result card, which reads the link through the quiz's
    // schemas) have the quiz budget; the phone's page carries Socket.IO's client and the answer controls: 35 KB.
    const url = urlOf(page);
    const jsBudget = url.startsWith('/quiz/') ? 30_000 : url === '/play/' ? 35_000 : 10_000;
    if (js > jsBudget) report.push(`${urlOf(page)}: ${js} B of JavaScript (budget ${jsBudget})`);
    if (css > 30_000) report.push(`${urlOf(page)}: ${css} B of CSS (budget 30000)`);
  }
  assert.deepEqual(report, []);
  // The quiz really ships its game: a budget test that measures nothing would pass anyway.
  assert.ok(initialJsGzip('quiz/index.html') > 5_000);
});

test('every diagram reserves its size: each drawing carries its width and height', () => {
  const source = html('sessions/amazon-aurora/index.html');
  const drawings = [...source.matchAll(/<div class="diagram__frame"[^>]*>\s*<svg([^>]*)>/g)].map((m) => m[1]!);
  assert.equal(drawings.length, readFileSync('content/sessions/amazon-aurora.mdx', 'utf-8').match(/^```mermaid/gm)?.length);
  for (const attrs of drawings) {
    assert.match(attrs, /\swidth="\d+"/);
    assert.match(attrs, /\sheight="\d+"/);
  }
});
