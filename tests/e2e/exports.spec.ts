// Take it home: the Anki deck, the facts as JSON and CSV, each parsed by a real CSV reader with one row per
// question or fact and every source link landing on a section that exists; the links to them where people
// look; and the one-page handout of a session.
import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { load } from 'js-yaml';
import { DIST, html } from '../lib/dist.ts';
import { brokenReason } from '../lib/links.ts';

const SITE = new URL(process.env['SITE_URL'] ?? 'https://database-week.example');
const read = (path: string) => readFileSync(`${DIST}/${path}`, 'utf-8');

interface Entry {
  id: string;
  figure?: { value: number; unit: string };
}
const fromYaml = (dir: string): Entry[] => readdirSync(dir).flatMap((f) => load(readFileSync(`${dir}/${f}`, 'utf-8')) as Entry[]);
const facts = fromYaml('content/facts');
const questions = fromYaml('content/quiz');

/** An absolute link of an export, checked against the built site: same origin, page and #section exist. */
function expectResolves(url: string, what: string) {
  const parsed = new URL(url);
  expect(parsed.origin, what).toBe(SITE.origin);
  expect(parsed.hash, `${what}: links to a section`).toMatch(/^#[a-z0-9-]+$/);
  expect(brokenReason({ from: '/', href: parsed.pathname + parsed.hash }), `${what} → ${url}`).toBeUndefined();
}

test('the Anki deck has its file headers and one note per quiz question, each with its source', () => {
  const text = read('exports/quiz-deck.txt');
  const lines = text.split('\n');
  const headers = lines.filter((l) => l.startsWith('#'));
  expect(headers).toEqual([
    '#separator:tab',
    '#html:true',
    '#notetype:Basic',
    '#deck:Database Week',
    '#columns:GUID\tFront\tBack\tSource\tTags',
    '#guid column:1',
    '#tags column:5',
  ]);
  const rows: string[][] = parse(lines.slice(headers.length).join('\n'), { delimiter: '\t', relax_column_count: false });
  expect(rows.length).toBe(questions.length);
  expect(rows.map((r) => r[0]).sort()).toEqual(questions.map((q) => `database-week:${q.id}`).sort());
  for (const [guid, front, back, source, tags] of rows) {
    expect(front, guid).toMatch(/^<p>.+<\/p>/);
    expect(back, guid).toContain(`<a href="${source}">`);
    expectResolves(source!, guid!);
    expect(tags!.split(' '), guid).toEqual(
      expect.arrayContaining(['database-week', expect.stringMatching(/^session::[a-z0-9-]+$/)]),
    );
  }
});

test('the deck shows the right answer on the back: Aurora keeps six copies', () => {
  const row = (parse(read('exports/quiz-deck.txt').replace(/^#.*\n/gm, ''), { delimiter: '\t' }) as string[][]).find(
    (r) => r[0] === 'database-week:aurora-q-copies',
  )!;
  expect(row[1]).toContain('How many copies of the data does Aurora keep?');
  expect(row[2]).toMatch(/^<p><b>6\b/);
});

test('facts.json and facts.csv hold every fact once, with voice, session, section URL, services and figure', () => {
  const json = JSON.parse(read('exports/facts.json'));
  expect(Object.keys(json.voices)).toEqual(['speaker', 'note-taker', 'audience', 'uncertain']);
  expect(json.count).toBe(facts.length);
  expect(json.facts.map((f: { id: string }) => f.id).sort()).toEqual(facts.map((f) => f.id).sort());

  const csv: Record<string, string>[] = parse(read('exports/facts.csv'), { bom: true, columns: true });
  expect(Object.keys(csv[0]!)).toEqual([
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
  expect(csv.length).toBe(facts.length);
  expect(csv.map((r) => r['id'])).toEqual(json.facts.map((f: { id: string }) => f.id));

  for (const row of csv) {
    expectResolves(row['section_url']!, row['id']!);
    expect(['speaker', 'note-taker', 'audience', 'uncertain']).toContain(row['voice']);
    const source = facts.find((f) => f.id === row['id'])!;
    expect(row['figure_value'], row['id']).toBe(source.figure ? String(source.figure.value) : '');
    expect(row['figure_unit'], row['id']).toBe(source.figure?.unit ?? '');
  }
});

test('the exports are linked from the quiz, the figures and the services pages, and download', async ({ page }) => {
  for (const [path, name, file] of [
    ['/quiz/', /the \d+ questions as an Anki deck/, 'quiz-deck.txt'],
    ['/figures/', 'CSV', 'facts.csv'],
    ['/figures/', 'JSON', 'facts.json'],
    ['/services/', 'CSV', 'facts.csv'],
  ] as const) {
    await page.goto(path);
    const link = page.getByRole('link', { name });
    await expect(link).toBeVisible();
    const download = page.waitForEvent('download');
    await link.click();
    expect((await download).suggestedFilename()).toBe(`database-week-${file}`);
  }
});

test('"Print handout" prints the session on one page: its main diagram and key figures, not the narrative', async ({ page }) => {
  await page.goto('/sessions/amazon-aurora/');
  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-printed-as', document.documentElement.dataset['print'] ?? '');
  });
  await page.getByRole('button', { name: 'Print handout' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-printed-as', 'handout');

  await page.evaluate(() => (document.documentElement.dataset['print'] = 'handout'));
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { name: 'Key figures' })).toBeVisible();
  await expect(page.locator('.prose > .diagram').first()).toBeVisible();
  await expect(page.locator('.prose > .diagram').nth(1)).toBeHidden();
  await expect(page.locator('.prose > p').first()).toBeHidden();
  await expect(page.getByText(/Full notes, search and quiz: https?:\/\/.+\/sessions\/amazon-aurora\//)).toBeVisible();
});

test('every session handout fits one A4 and one Letter page', async ({ page }) => {
  const sessions = readdirSync('content/sessions').map((f) => f.replace(/\.mdx$/, ''));
  const withHandout = sessions.filter((id) => html(`sessions/${id}/index.html`).includes('<print-handout'));
  expect(withHandout.length).toBeGreaterThanOrEqual(5);
  for (const id of withHandout) {
    await page.goto(`/sessions/${id}/`);
    await page.evaluate(() => (document.documentElement.dataset['print'] = 'handout'));
    for (const format of ['A4', 'Letter'] as const) {
      const pdf = (await page.pdf({ format })).toString('latin1');
      const pageCount = pdf.match(/\/Type\s*\/Page(?!s)/g)?.length;
      expect(pageCount, `${id} on ${format}`).toBe(1);
    }
  }
});
