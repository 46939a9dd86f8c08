// Since-then notes: what changed after the event, each dated and linked to the AWS page that says
// so, shown beside the facts it concerns, on its services' pages, and all together on /since/.
// The list of notes comes from content/since, never copied here.
import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { html, pages, urlOf } from '../lib/dist.ts';

interface NoteYaml {
  id: string;
  title: string;
  date: Date | string;
  source: string;
  facts?: string[];
  services?: string[];
  rename?: { service: string; now: string };
}
const notes: NoteYaml[] = readdirSync('content/since')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({ id: f.replace(/\.yaml$/, ''), ...(load(readFileSync(`content/since/${f}`, 'utf-8')) as Omit<NoteYaml, 'id'>) }));

const factSession = new Map(
  readdirSync('content/facts').flatMap((f) =>
    (load(readFileSync(`content/facts/${f}`, 'utf-8')) as { id: string }[]).map((fact) => [fact.id, f.replace(/\.yaml$/, '')]),
  ),
);

const AWS_HOST = /(^|\.)(aws\.amazon\.com|amazonaws\.cn|repost\.aws)$/;
const isoDate = (d: Date | string) => (d instanceof Date ? d.toISOString().slice(0, 10) : d);

test('there are since-then notes to check', () => {
  expect(notes.length).toBeGreaterThanOrEqual(3);
});

test('every since-then note on the site has a date and an https link on an AWS domain', () => {
  let seen = 0;
  for (const page of pages()) {
    for (const [aside] of html(page).matchAll(/<aside class="since"[\s\S]*?<\/aside>/g)) {
      seen++;
      expect(aside, page).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}"[^>]*>[^<]*\d{4}<\/time>/);
      const links = [...aside.matchAll(/<a href="([^"]+)"/g)].map((m) => new URL(m[1]!.replace(/&amp;/g, '&')));
      expect(links.length, page).toBeGreaterThan(0);
      for (const url of links) {
        expect(url.protocol, `${page}: ${url}`).toBe('https:');
        expect(url.hostname, `${page}: ${url}`).toMatch(AWS_HOST);
      }
    }
  }
  expect(seen).toBeGreaterThanOrEqual(notes.length);
});

test('/since/ lists every note with its title, date and source', async ({ page }) => {
  await page.goto('/since/');
  const items = page.locator('ol.since-list > li');
  await expect(items).toHaveCount(notes.length);
  for (const note of notes) {
    const item = page.locator(`#since-${note.id}`);
    await expect(item.getByRole('heading', { name: note.title })).toBeVisible();
    await expect(item.locator('time')).toHaveAttribute('datetime', isoDate(note.date));
    await expect(item.getByRole('link', { name: new URL(note.source).hostname })).toHaveAttribute('href', note.source);
  }
});

// One test per session page, so a slow page does not eat another's time.
const bySession = new Map<string, { note: NoteYaml; fact: string }[]>();
for (const note of notes) {
  for (const fact of note.facts ?? []) {
    const session = factSession.get(fact) ?? `(no session for fact ${fact} of ${note.id})`;
    bySession.set(session, [...(bySession.get(session) ?? []), { note, fact }]);
  }
}
for (const [session, pairs] of bySession) {
  test(`on ${session}, each note stands beside its facts, and every concerned fact links to it`, async ({ page }) => {
    await page.goto(`/sessions/${session}/`, { waitUntil: 'domcontentloaded' });
    for (const { note, fact } of pairs) {
      const box = page.locator(`aside.since#since-${note.id}`);
      await expect(box).toHaveCount(1);
      const li = page.locator(`#fact-${fact}`);
      // A fact that a table on the page states in full has no bullet of its own; the note still stands.
      if ((await li.count()) === 0) continue;
      await li.getByRole('link', { name: `Since then: ${note.title}` }).click();
      await expect(page).toHaveURL(new RegExp(`#since-${note.id}$`));
      await expect(box).toBeInViewport();
    }
  });
}

test('a service page shows the note, and a renamed service its name today beside the name used at the event', async ({
  page,
}) => {
  for (const note of notes) {
    for (const service of note.services ?? []) {
      await page.goto(`/services/${service}/`);
      await expect(page.getByRole('complementary', { name: `Since then: ${note.title}` })).toBeVisible();
    }
    if (note.rename) {
      await page.goto(`/services/${note.rename.service}/`);
      await expect(page.locator('.name-now')).toContainText(`${note.rename.now} today`);
    }
  }
});

test('home and every session page say what can be said about the date of the notes', () => {
  const withDate = pages().filter((p) => p === 'index.html' || /^sessions\/[^/]+\/index\.html$/.test(p));
  expect(withDate.length).toBe(13);
  for (const page of withDate) {
    const source = html(page);
    expect(source, urlOf(page)).toContain('About these notes');
    expect(source, urlOf(page)).toMatch(/Undated\./);
    expect(source, urlOf(page)).toContain('href="/since/"');
  }
});
