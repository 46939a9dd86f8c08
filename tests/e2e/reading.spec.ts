// Reading on a phone and finding the way through: the notes on the first screen, diagram text large
// enough at 375 px, figures as cards, prev/next saying how complete each session's notes are, the section
// bar and the current section, landing on a search result below the bar, back to top over no text, a
// clean and short printout, and an enlarged diagram that says it pans.
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolationsInBothThemes } from './helpers.ts';
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

/** The section a target belongs to: the last section heading at or before it in the page. */
async function sectionOf(page: Page, id: string): Promise<string> {
  return page.evaluate((id) => {
    const target = document.getElementById(id)!;
    const headings = [...document.querySelectorAll<HTMLElement>('main article.prose h2:not(#key-figures)')];
    const at = headings.findLast((h) => h === target || h.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING);
    return at?.textContent?.trim() ?? '';
  }, id);
}

/** The bottom of the section bar when it shows, else 0. */
const barBottom = (page: Page) =>
  page.evaluate(() => {
    const bar = document.querySelector<HTMLElement>('section-bar');
    return bar && !bar.hidden && bar.checkVisibility() ? bar.getBoundingClientRect().bottom : 0;
  });

for (const [size, viewport] of [
  ['375×812', PHONE],
  ['1280×800', LAPTOP],
] as const) {
  test.describe(`at ${size}`, () => {
    test.use({ viewport });

    test('on every session page with notes, the first heading of the notes is on the first screen', async ({ page }) => {
      const withNotes = SESSIONS.filter((s) => hasNotes(s.notes));
      expect(withNotes.length).toBeGreaterThanOrEqual(5);
      const tops: string[] = [];
      for (const { id } of withNotes) {
        await page.goto(`/sessions/${id}/`);
        const heading = page.locator('main article.prose h2').first();
        const top = (await heading.boundingBox())!.y;
        tops.push(`${id}: ${Math.round(top)} px`);
        expect(top, id).toBeGreaterThanOrEqual(0);
        expect(top, id).toBeLessThan(viewport.height);
      }
      test.info().annotations.push({ type: `first notes heading at ${size}`, description: tops.join(', ') });
    });

    test('following three search results lands each target in view, below the section bar, its section marked current', async ({
      page,
    }) => {
      for (const query of ['backtrack price', 'snowball capacity', 'global database failover time']) {
        await page.goto(`/search/?q=${encodeURIComponent(query)}`);
        const result = page.locator('[data-search-panel] li.result--fact').first();
        await result.getByRole('link', { name: /›/ }).click();
        await page.waitForURL(/#/);
        const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
        const target = page.locator(`[id="${id}"]`);
        const section = await sectionOf(page, id);
        expect(section, query).not.toBe('');
        // In view, below the bar (the highlight script may scroll once more after the marks arrive).
        await expect
          .poll(async () => {
            const box = (await target.boundingBox())!;
            return box.y >= (await barBottom(page)) && box.y < viewport.height;
          }, query)
          .toBe(true);
        await expect(page.locator('.toc ol a[aria-current="location"]'), query).toHaveText(section);
        if (viewport === PHONE) await expect(page.locator('section-bar [data-current]'), query).toHaveText(section);
      }
    });

    for (const path of ['/sessions/amazon-aurora/', '/services/aurora/', '/glossary/'])
      test(`back to top never sits over text, at any scroll position, on ${path}`, async ({ page }) => {
        await page.goto(path);
        const height = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
        let checked = 0;
        for (const at of [0.25, 0.4, 0.55, 0.7, 0.85, 1]) {
          await page.evaluate((y) => scrollTo(0, y), Math.round(height * at));
          await page.evaluate(() => new Promise(requestAnimationFrame));
          const back = page.getByRole('link', { name: 'Back to top' });
          await expect(back).toBeVisible();
          // What lies under the control, with the control itself out of the way: its own panel, never the notes.
          const under = await back.evaluate((link) => {
            const box = link.getBoundingClientRect();
            link.style.visibility = 'hidden';
            const points = [
              [box.left + 2, box.top + 2],
              [box.right - 2, box.top + 2],
              [box.left + 2, box.bottom - 2],
              [box.right - 2, box.bottom - 2],
              [(box.left + box.right) / 2, (box.top + box.bottom) / 2],
            ];
            const hits = points.map(([x, y]) => {
              const hit = document.elementFromPoint(x!, y!);
              return hit?.closest('section-bar, .toc, .back-to-top') ? 'panel' : (hit?.outerHTML.slice(0, 60) ?? 'nothing');
            });
            link.style.visibility = '';
            return hits;
          });
          expect(under, `scrolled to ${at * 100} %`).toEqual(['panel', 'panel', 'panel', 'panel', 'panel']);
          checked++;
        }
        expect(checked).toBe(6);
      });
  });
}

test.describe('the section bar at 375 px', () => {
  test.use({ viewport: PHONE });

  test('hidden while the title shows; halfway down the Aurora page it names the section in view and opens the contents', async ({
    page,
  }) => {
    await page.goto('/sessions/amazon-aurora/');
    const bar = page.locator('section-bar');
    await expect(bar).toBeHidden();
    await page.evaluate(() => scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2));
    await expect(bar).toBeVisible();
    // The section in view: the one holding what is just under the bar.
    const inView = await page.evaluate(() => {
      const y = document.querySelector('section-bar')!.getBoundingClientRect().bottom + 12;
      const el = document.elementFromPoint(innerWidth / 2, y)!;
      const headings = [...document.querySelectorAll<HTMLElement>('main article.prose h2:not(#key-figures)')];
      return headings
        .findLast((h) => h === el || h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)!
        .textContent!.trim();
    });
    const current = bar.getByRole('button', { name: new RegExp(`Section: ${inView}`) });
    await expect(current).toBeVisible();
    await expect(current).toHaveAccessibleName(new RegExp(`^Section: ${inView}\\s*, contents$`));

    await current.click();
    const menu = page.getByRole('navigation', { name: 'Sections' });
    await expect(menu).toBeVisible();
    await expect(menu.getByRole('link', { name: inView, exact: true })).toHaveAttribute('aria-current', 'location');
    await menu.getByRole('link', { name: 'Backtrack', exact: true }).click();
    await expect(menu).toBeHidden();
    const heading = page.getByRole('heading', { level: 2, name: 'Backtrack', exact: true });
    await expect.poll(async () => (await heading.boundingBox())!.y).toBeGreaterThanOrEqual((await bar.boundingBox())!.height);
    await expect(heading).toBeInViewport();
    await expect(bar.locator('[data-current]')).toHaveText('Backtrack');
  });

  test('no axe violations with the section bar closed and open, in both themes', async ({ page }) => {
    await page.goto('/sessions/amazon-aurora/');
    await page.evaluate(() => scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2));
    const bar = page.locator('section-bar');
    await expect(bar).toBeVisible();
    await expectNoAxeViolationsInBothThemes(page, { include: 'section-bar' });
    await bar.getByRole('button').click();
    await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
    await expectNoAxeViolationsInBothThemes(page, { include: 'section-bar, #section-menu' });
  });
});

test.describe('printed, every session with notes', () => {
  for (const session of SESSIONS.filter((s) => hasNotes(s.notes))) {
    test(`no button, summary, link-as-button or frame prints on ${session.id}`, async ({ page }) => {
      await page.goto(`/sessions/${session.id}/`);
      await page.emulateMedia({ media: 'print' });
      const shown = await page
        .locator(
          'button, summary, [role="button"], .quiz-me, .print-handout, section-bar, [popover], .back-to-top, header, footer, nav',
        )
        .evaluateAll((els) => els.filter((e) => (e as HTMLElement).checkVisibility()).map((e) => e.outerHTML.slice(0, 80)));
      expect(shown).toEqual([]);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    });
  }

  test('the Aurora page prints on at most 10 A4 pages (it took 15)', async ({ page }) => {
    await page.goto('/sessions/amazon-aurora/');
    const pdf = await page.pdf({ format: 'A4' });
    const sheets = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    test.info().annotations.push({ type: 'Aurora printed', description: `${sheets} A4 pages` });
    expect(sheets).toBeGreaterThan(3);
    expect(sheets).toBeLessThanOrEqual(10);
  });
});
