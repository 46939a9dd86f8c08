// The content as the build wrote it, read without a browser: service pages and the figures table, link
// previews, build-time diagrams, and the exports (the Anki deck, the facts as JSON and CSV).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { load } from 'js-yaml';
import { DIST, allFiles, gzipBytes, html, pages } from '../lib/dist.ts';
import { brokenReason } from '../lib/links.ts';

interface Entry {
  id: string;
  figure?: { value: number; unit: string };
}
const fromYaml = (dir: string): Entry[] => readdirSync(dir).flatMap((f) => load(readFileSync(`${dir}/${f}`, 'utf-8')) as Entry[]);
const facts = fromYaml('content/facts');
const questions = fromYaml('content/quiz');

// Service, category and figure pages: facts gathered from every session, each linked to where it was said.

const sourceLinks = (page: string) =>
  [...html(page).matchAll(/<a class="source"[^>]*href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

test('the Aurora page gathers facts from at least three sessions', () => {
  const sessions = new Set(sourceLinks('services/aurora/index.html').map((href) => href.split('#')[0]));
  assert.ok(sessions.size >= 3, [...sessions].join(' '));
});

test('every service page has at least one fact, each linked to a section that exists', () => {
  const servicePages = pages().filter((p) => /^services\/[^/]+\/index\.html$/.test(p));
  assert.ok(servicePages.length >= 27);
  for (const page of servicePages) {
    const links = sourceLinks(page);
    assert.ok(links.length > 0, page);
    for (const href of links) {
      assert.match(href, /#[a-z0-9-]+$/, page);
      assert.equal(brokenReason({ from: '/services/', href }), undefined, `${page} → ${href}`);
    }
  }
});

test('the figures table holds every figure entry', () => {
  const withFigure = facts.filter((f) => f.figure);
  const rows = [...html('figures/index.html').matchAll(/<tr id="figure-([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(rows.sort(), withFigure.map((f) => f.id).sort());
});

// Pasted links preview: Open Graph and Twitter card tags on every page, and the image they name.

const meta = (source: string, attr: 'property' | 'name', key: string) =>
  source.match(new RegExp(`<meta ${attr}="${key}" content="([^"]*)"`))?.[1];

test('every page has a title, description and image for link previews', () => {
  const missing: string[] = [];
  for (const page of pages()) {
    const source = html(page);
    for (const [attr, key] of [
      ['property', 'og:title'],
      ['property', 'og:description'],
      ['property', 'og:image'],
      ['property', 'og:url'],
      ['name', 'twitter:card'],
      ['name', 'twitter:image'],
    ] as const) {
      if (!meta(source, attr, key)) missing.push(`${page}: ${key}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('the preview image is a 1200×630 PNG', () => {
  const png = readFileSync(join(DIST, 'og.png'));
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1200, 630]);
  const image = meta(html('index.html'), 'property', 'og:image')!;
  assert.match(new URL(image).pathname, /\/og\.png$/);
});

// Build-time Mermaid: one SVG per diagram in the HTML, no Mermaid script anywhere.

test('one drawing per diagram, coloured by the tokens, and the Aurora page within its byte budget', () => {
  const source = html('sessions/amazon-aurora/index.html');
  const figures = source.match(/<figure class="diagram"/g)?.length ?? 0;
  const drawings = source.match(/<svg[^>]*role="graphics-document/g)?.length ?? 0;
  const written = readFileSync('content/sessions/amazon-aurora.mdx', 'utf-8').match(/^```mermaid/gm)?.length ?? 0;
  assert.equal(figures, written);
  assert.equal(drawings, figures);
  // No colour is baked in that changes with the theme: Mermaid's stylesheet refers to the site's tokens.
  assert.ok(source.includes('fill:var(--diagram-node)'));
  assert.ok(!source.includes('data-variant'));
  // 38.8 KB gzipped before diagrams were drawn once; the budget is 30 % below that.
  assert.ok(gzipBytes(source) <= 27_150, `${gzipBytes(source)} B gzipped`);
});

test('no JavaScript file of the build contains the Mermaid runtime, and no page loads one', () => {
  const scripts = allFiles('.js');
  assert.ok(scripts.length > 0);
  for (const file of scripts)
    assert.doesNotMatch(readFileSync(file, 'utf-8'), /mermaid\.initialize|flowchart-v2|mermaidAPI/, file);
  const page = readFileSync(`${DIST}/sessions/amazon-aurora/index.html`, 'utf-8');
  assert.ok(page.includes('<svg'));
  assert.doesNotMatch(page, /<script[^>]*mermaid/i);
});

// Take it home: the exports, each parsed by a real CSV reader, every source link landing on a section.

const SITE = new URL(process.env['SITE_URL'] ?? 'https://database-week.example');
const read = (path: string) => readFileSync(`${DIST}/${path}`, 'utf-8');

/** An absolute link of an export, checked against the built site: same origin, page and #section exist. */
function assertResolves(url: string, what: string) {
  const parsed = new URL(url);
  assert.equal(parsed.origin, SITE.origin, what);
  assert.match(parsed.hash, /^#[a-z0-9-]+$/, `${what}: links to a section`);
  assert.equal(brokenReason({ from: '/', href: parsed.pathname + parsed.hash }), undefined, `${what} → ${url}`);
}

test('the Anki deck has its file headers and one note per quiz question, each with its source', () => {
  const lines = read('exports/quiz-deck.txt').split('\n');
  const headers = lines.filter((l) => l.startsWith('#'));
  assert.deepEqual(headers, [
    '#separator:tab',
    '#html:true',
    '#notetype:Basic',
    '#deck:Database Week',
    '#columns:GUID\tFront\tBack\tSource\tTags',
    '#guid column:1',
    '#tags column:5',
  ]);
  const rows: string[][] = parse(lines.slice(headers.length).join('\n'), { delimiter: '\t', relax_column_count: false });
  assert.equal(rows.length, questions.length);
  assert.deepEqual(rows.map((r) => r[0]).sort(), questions.map((q) => `database-week:${q.id}`).sort());
  for (const [guid, front, back, source, tags] of rows) {
    assert.match(front!, /^<p>.+<\/p>/, guid);
    assert.ok(back!.includes(`<a href="${source}">`), guid);
    assertResolves(source!, guid!);
    const tagList = tags!.split(' ');
    assert.ok(tagList.includes('database-week') && tagList.some((t) => /^session::[a-z0-9-]+$/.test(t)), `${guid}: ${tags}`);
  }
});

test('the deck shows the right answer on the back: Aurora keeps six copies', () => {
  const row = (parse(read('exports/quiz-deck.txt').replace(/^#.*\n/gm, ''), { delimiter: '\t' }) as string[][]).find(
    (r) => r[0] === 'database-week:aurora-q-copies',
  )!;
  assert.ok(row[1]!.includes('How many copies of the data does Aurora keep?'));
  assert.match(row[2]!, /^<p><b>6\b/);
});

test('facts.json and facts.csv hold every fact once, with voice, session, section URL, services and figure', () => {
  const json = JSON.parse(read('exports/facts.json'));
  assert.deepEqual(Object.keys(json.voices), ['speaker', 'note-taker', 'audience', 'uncertain']);
  assert.equal(json.count, facts.length);
  assert.deepEqual(json.facts.map((f: { id: string }) => f.id).sort(), facts.map((f) => f.id).sort());

  const csv: Record<string, string>[] = parse(read('exports/facts.csv'), { bom: true, columns: true });
  assert.deepEqual(Object.keys(csv[0]!), [
    'id',
    'statement',
    'voice',
    'session',
    'session_title',
    'section_url',
    'services',
    'figure_value',
    'figure_unit',
    'figure_measures',
  ]);
  assert.equal(csv.length, facts.length);
  assert.deepEqual(
    csv.map((r) => r['id']),
    json.facts.map((f: { id: string }) => f.id),
  );
  for (const row of csv) {
    assertResolves(row['section_url']!, row['id']!);
    assert.ok(['speaker', 'note-taker', 'audience', 'uncertain'].includes(row['voice']!), row['id']);
    const source = facts.find((f) => f.id === row['id'])!;
    assert.equal(row['figure_value'], source.figure ? String(source.figure.value) : '', row['id']);
    assert.equal(row['figure_unit'], source.figure?.unit ?? '', row['id']);
  }
});
