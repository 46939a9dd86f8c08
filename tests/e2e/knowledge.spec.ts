// Service, category, figure and glossary pages: facts gathered from every session, each linked to
// where it was said; the figures table filters and sorts, and its URL can be shared.
import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { html, pages } from '../lib/dist.ts';
import { brokenReason } from '../lib/links.ts';

interface FactYaml {
  id: string;
  figure?: unknown;
  services?: string[];
}
const facts: FactYaml[] = readdirSync('content/facts').flatMap(
  (f) => load(readFileSync(`content/facts/${f}`, 'utf-8')) as FactYaml[],
);

const sourceLinks = (page: string) =>
  [...html(page).matchAll(/<a class="source"[^>]*href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

test('the Aurora page gathers facts from at least three sessions', () => {
  const sessions = new Set(sourceLinks('services/aurora/index.html').map((href) => href.split('#')[0]));
  expect(sessions.size).toBeGreaterThanOrEqual(3);
});

test('every service page has at least one fact, each linked to a section that exists', () => {
  const servicePages = pages().filter((p) => /^services\/[^/]+\/index\.html$/.test(p));
  expect(servicePages.length).toBeGreaterThanOrEqual(27);
  for (const page of servicePages) {
    const links = sourceLinks(page);
    expect(links.length, page).toBeGreaterThan(0);
    for (const href of links) {
      expect(href, page).toMatch(/#[a-z0-9-]+$/);
      expect(brokenReason({ from: '/services/', href }), `${page} → ${href}`).toBeUndefined();
    }
  }
});

test('the figures table holds every figure entry', () => {
  const withFigure = facts.filter((f) => f.figure);
  const rows = [...html('figures/index.html').matchAll(/<tr id="figure-([^"]+)"/g)].map((m) => m[1]);
  expect(rows.sort()).toEqual(withFigure.map((f) => f.id).sort());
});

test('filtering the figures by service narrows the rows, records the filter in the URL, and a shared URL restores it', async ({
  page,
}) => {
  await page.goto('/figures/');
  const rows = page.locator('#figures-table tbody tr');
  const all = await rows.count();
  await page.getByRole('combobox', { name: 'Service' }).selectOption({ label: 'Snowball' });
  await expect(page).toHaveURL(/\?service=snowball$/);
  const visible = page.locator('#figures-table tbody tr:visible');
  await expect.poll(() => visible.count()).toBeLessThan(all);
  expect(await visible.count()).toBeGreaterThan(0);
  for (const row of await visible.all()) await expect(row.locator('td').nth(2)).toContainText('Snowball');
  await expect(page.getByRole('status')).toHaveText(`${await visible.count()} of ${all} figures`);

  const shared = page.url();
  const other = await page.context().newPage();
  await other.goto(shared);
  await expect(other.getByRole('combobox', { name: 'Service' })).toHaveValue('snowball');
  await expect.poll(() => other.locator('#figures-table tbody tr:visible').count()).toBe(await visible.count());
});

test('sorting the figures by a column works by keyboard', async ({ page }) => {
  await page.goto('/figures/');
  const sort = page.getByRole('button', { name: 'Figure', exact: true });
  await sort.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('columnheader', { name: 'Figure' })).toHaveAttribute('aria-sort', 'ascending');
  const values = async () =>
    page
      .locator('#figures-table tbody tr td:first-child')
      .evaluateAll((cells) => cells.map((c) => Number((c as HTMLElement).dataset.value)));
  const ascending = await values();
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  await page.keyboard.press('Space');
  await expect(page.getByRole('columnheader', { name: 'Figure' })).toHaveAttribute('aria-sort', 'descending');
  const descending = await values();
  expect(descending).toEqual([...descending].sort((a, b) => b - a));
});

test('the glossary defines at least twenty terms, and a term in a session page leads to its definition', async ({ page }) => {
  await page.goto('/sessions/amazon-aurora/');
  const term = page.locator('main a.term', { hasText: /quorum/i }).first();
  await term.click();
  await expect(page).toHaveURL(/\/glossary\/#quorum$/);
  await expect(page.locator('#quorum')).toBeInViewport();
  expect(await page.locator('.term[id] h2').count()).toBeGreaterThanOrEqual(20);
});
