// Reading on a phone and finding the way through: diagram text large enough at 375 px, figures as
// cards, prev/next saying how complete each session's notes are, the current section marked on a
// laptop, back to top, a clean printout, and an enlarged diagram that says it pans.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { html, pages, urlOf } from '../lib/dist.ts';

const PHONE = { width: 375, height: 812 };
const LAPTOP = { width: 1280, height: 800 };
const SMALLEST_TEXT = 11;

/** Every page that shows a diagram, from the build itself. */
const DIAGRAM_PAGES = pages()
  .filter((p) => html(p).includes('class="diagram"'))
  .map(urlOf);

/** The sessions in the notes' order with how complete their notes are, read from content/. */
const SESSIONS = readdirSync('content/sessions')
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => {
    const front = readFileSync(join('content/sessions', f), 'utf-8').match(/^---\n([\s\S]*?)\n---/)![1]!;
    const data = load(front) as { order: number; notes: string };
    return { id: f.replace(/\.mdx$/, ''), order: data.order, notes: data.notes };
  })
  .sort((a, b) => a.order - b.order);
const hasNotes = (notes: string) => notes === 'full' || notes === 'partial';

/** Per diagram on the page: the smallest text as drawn on screen, in CSS px (font size × the SVG's scale). */
async function smallestDiagramText(page: Page): Promise<number[]> {
  return page.locator('main figure.diagram svg').evaluateAll((svgs) =>
    (svgs as SVGSVGElement[]).map((svg) => {
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      const sizes = [...svg.querySelectorAll('text, tspan')]
        .filter((t) => (t.textContent ?? '').trim() !== '')
        .map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
      return Math.min(...sizes);
    }),
  );
}

test.describe('at 375 px', () => {
  test.use({ viewport: PHONE });

  for (const path of DIAGRAM_PAGES) {
    test(`every diagram's smallest text is at least ${SMALLEST_TEXT} px on ${path}`, async ({ page }) => {
      await page.goto(path);
      const sizes = await smallestDiagramText(page);
      expect(sizes.length).toBeGreaterThan(0);
      test
        .info()
        .annotations.push({ type: 'smallest diagram text (px)', description: sizes.map((s) => s.toFixed(1)).join(', ') });
      for (const [i, size] of sizes.entries()) expect(size, `diagram ${i + 1} on ${path}`).toBeGreaterThanOrEqual(SMALLEST_TEXT);
      // Legible without pushing the page sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    });
  }

  test('the Aurora page is at least a third shorter than the 23,150 px it was, with every one of its facts on it', async ({
    page,
  }) => {
    await page.goto('/sessions/amazon-aurora/');
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    test.info().annotations.push({ type: 'Aurora page height at 375 px', description: `${height} px` });
    expect(height).toBeLessThanOrEqual(Math.floor((23_150 * 2) / 3));
    // Each fact of the session is on the page: a bullet with its anchor, or a row of a table the page names it in.
    const facts = (load(readFileSync('content/facts/amazon-aurora.yaml', 'utf-8')) as { id: string }[]).map((f) => f.id);
    expect(facts.length).toBeGreaterThan(50);
    const inTables = [
      ...readFileSync('content/sessions/amazon-aurora.mdx', 'utf-8').matchAll(/shownInTable=\{\[([^\]]*)\]/g),
    ].flatMap((m) => m[1]!.match(/[\w-]+/g) ?? []);
    const anchors = await page.locator('main li.fact[id]').evaluateAll((els) => els.map((e) => e.id.replace(/^fact-/, '')));
    expect(facts.filter((id) => !anchors.includes(id) && !inTables.includes(id))).toEqual([]);
  });

  test('each figure is a card whose fields all fit the screen, and filters and sorting still work', async ({ page }) => {
    await page.goto('/figures/');
    const cards = page.locator('#figures-table tbody tr');
    const total = await cards.count();
    expect(total).toBeGreaterThan(40);
    const overflowing = await cards.evaluateAll((rows) =>
      rows.flatMap((row) =>
        [...(row as HTMLTableRowElement).cells]
          .filter((cell) => {
            const box = cell.getBoundingClientRect();
            return box.left < 0 || box.right > innerWidth || cell.scrollWidth > cell.clientWidth + 1;
          })
          .map((cell) => `${row.id}: ${cell.dataset.label ?? 'figure'}`),
      ),
    );
    expect(overflowing).toEqual([]);
    const region = page.getByRole('region', { name: 'Figures table' });
    expect(await region.evaluate((r) => r.scrollWidth - r.clientWidth)).toBeLessThanOrEqual(1);
    // Each card names its fields in words a reader sees.
    const first = cards.first();
    for (const label of ['Service', 'Session', 'Voice']) {
      expect(
        await first.locator(`td[data-label="${label}"]`).evaluate((td) => getComputedStyle(td, '::before').content),
      ).toContain(label);
    }

    await page.getByRole('combobox', { name: 'Service' }).selectOption('snowball');
    const visible = page.locator('#figures-table tbody tr:visible');
    await expect.poll(() => visible.count()).toBeLessThan(total);
    await expect(page.getByRole('status')).toHaveText(`${await visible.count()} of ${total} figures`);

    const sort = page.getByRole('button', { name: 'Figure', exact: true });
    await expect(sort).toBeVisible();
    await sort.click();
    const values = await page
      .locator('#figures-table tbody tr:visible td:first-child')
      .evaluateAll((cells) => cells.map((c) => Number((c as HTMLElement).dataset.value)));
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });

  test('prev and next say how complete the notes are, and from DMS a link skips to the next session with notes', async ({
    page,
  }) => {
    await page.goto('/sessions/database-migration-service/');
    const nav = page.getByRole('navigation', { name: 'Sessions' });
    const next = nav.getByRole('link', { name: /^Next session\b(?! with)/ });
    await expect(next).toHaveAttribute('href', '/sessions/sql-server-on-rds/');
    await expect(next).toContainText('No notes taken');
    await expect(nav.getByRole('link', { name: /Previous session/ })).toContainText('Partial notes');
    const skip = nav.getByRole('link', { name: /Next session with notes/ });
    await expect(skip).toHaveAttribute('href', '/sessions/amazon-aurora/');
    await expect(skip).toContainText('Full notes');
    await skip.click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Aurora');
  });

  test('back to top appears far down a long page and returns to the start of the content', async ({ page }) => {
    await page.goto('/sessions/amazon-aurora/');
    const back = page.getByRole('link', { name: 'Back to top' });
    await expect(back).toBeHidden();
    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    await expect(back).toBeVisible();
    await back.click();
    await expect.poll(() => page.evaluate(() => scrollY)).toBeLessThan(200);
    await expect(page.locator('main')).toBeFocused();
  });

  test('the table of contents starts folded above the text, and opens', async ({ page }) => {
    await page.goto('/sessions/amazon-aurora/');
    const toc = page.getByRole('navigation', { name: 'On this page' });
    const first = toc.getByRole('link').first();
    await expect(first).toBeHidden();
    await toc.getByText('On this page').click();
    await expect(first).toBeVisible();
  });

  test('the enlarged diagram says it pans, and pans by keyboard', async ({ page }) => {
    await page.goto('/sessions/amazon-aurora/');
    // The widest drawing of the page is the one larger than a phone's screen.
    const widest = await page.locator('main figure.diagram').evaluateAll(
      (figures) =>
        figures
          .map((f, i) => ({
            i,
            w: parseFloat((f.querySelector('.diagram__frame') as HTMLElement).style.getPropertyValue('--w')),
          }))
          .sort((a, b) => b.w - a.w)[0]!.i,
    );
    const figure = page.locator('main figure.diagram').nth(widest);
    await figure.getByRole('button', { name: /Enlarge diagram/ }).click();
    const dialog = page.getByRole('dialog');
    const region = dialog.getByRole('region', { name: /Diagram at full size/ });
    await expect(dialog.getByText(/drag, scroll or use the arrow keys to move sideways/)).toBeVisible();
    await expect(region).toHaveAccessibleDescription(/larger than the screen/);
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((r) => r.scrollLeft)).toBeGreaterThan(0);
  });
});

for (const session of SESSIONS) {
  test(`prev/next of session ${session.order} skip to the next session with notes only when the next has none`, () => {
    const source = html(`sessions/${session.id}/index.html`);
    const nav = source.match(/<nav class="prev-next[^"]*"[^>]*>([\s\S]*?)<\/nav>/)?.[1] ?? '';
    const next = SESSIONS.find((s) => s.order === session.order + 1);
    const skipTo = next && !hasNotes(next.notes) ? SESSIONS.find((s) => s.order > next.order && hasNotes(s.notes)) : undefined;
    const links = [...nav.matchAll(/href="\/sessions\/([^/]+)\/"/g)].map((m) => m[1]);
    const prev = SESSIONS.find((s) => s.order === session.order - 1);
    expect(links).toEqual([prev?.id, next?.id, skipTo?.id].filter(Boolean));
    if (skipTo) expect(nav).toContain('Next session with notes');
  });
}

test.describe('on a laptop', () => {
  test.use({ viewport: LAPTOP });

  test('the table of contents marks the section being read', async ({ page }) => {
    await page.goto('/sessions/amazon-aurora/');
    const toc = page.getByRole('navigation', { name: 'On this page' });
    const links = toc.getByRole('link');
    expect(await links.count()).toBeGreaterThan(3);
    await expect(links.first()).toHaveAttribute('aria-current', 'location');

    const third = links.nth(2);
    const name = (await third.textContent())!.trim();
    await page.getByRole('heading', { level: 2, name, exact: true }).evaluate((h) => h.scrollIntoView());
    await expect(third).toHaveAttribute('aria-current', 'location');
    await expect(toc.locator('[aria-current]')).toHaveCount(1);
    // The list stays in view beside the text while it marks the place.
    await expect(third).toBeInViewport();
  });

  test('a short page shows no back-to-top link, even scrolled to its end', async ({ page }) => {
    await page.goto('/sessions/amazon-rds/');
    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    await page.evaluate(() => new Promise(requestAnimationFrame));
    await expect(page.getByRole('link', { name: 'Back to top' })).toBeHidden();
  });
});

test.describe('printed', () => {
  for (const path of ['/sessions/amazon-aurora/', '/figures/']) {
    test(`no button or toggle prints, and text descriptions do, on ${path}`, async ({ page }) => {
      await page.goto(path);
      await page.emulateMedia({ media: 'print' });
      const controls = page.locator('button, summary, [role="button"], theme-toggle, .back-to-top');
      const shown = await controls.evaluateAll((els) =>
        els.filter((e) => (e as HTMLElement).checkVisibility()).map((e) => e.outerHTML.slice(0, 80)),
      );
      expect(shown).toEqual([]);
      for (const description of await page.locator('.diagram__text p').all()) await expect(description).toBeVisible();
    });
  }

  test('a diagram prints at the column width, in the light palette whatever the theme', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('dbweek:theme', 'dark'));
    await page.goto('/sessions/amazon-aurora/');
    await page.emulateMedia({ media: 'print' });
    const svg = page.locator('main figure.diagram svg').first();
    const column = await page.locator('main article').evaluate((a) => a.getBoundingClientRect().width);
    expect((await svg.boundingBox())!.width).toBeLessThanOrEqual(column);
    expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe('rgb(0, 0, 0)');
    const node = svg.locator('.node rect').first();
    expect(await node.evaluate((r) => getComputedStyle(r).fill)).toBe('rgb(232, 240, 252)');
  });
});

test('categories are named as a reader says them', async ({ page }) => {
  await page.goto('/categories/migration/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Migration');
  await expect(page).toHaveTitle(/^Migration ·/);
  await page.goto('/categories/relational/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Relational databases');
  expect(html('categories/platform/index.html')).not.toContain('tooling databases');
});
