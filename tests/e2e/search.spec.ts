// Search: facts as answers, plain-language questions, nothing for words the notes never use, excerpts
// that read, filters kept in the URL, keyboard, phones. Asserted on what a reader sees.
import { expect as baseExpect, test, type Locator, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { expectNoAxeViolations, useTheme } from './helpers.ts';

// The first search of a page loads Pagefind's WebAssembly and index: on two shared cores that can take
// longer than the default five seconds. (Latency is measured by `npm run bench`, not here.)
const expect = baseExpect.configure({ timeout: 15_000 });

async function openSearch(page: Page) {
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search the notes' });
  await expect(dialog).toBeVisible();
  const input = dialog.getByRole('searchbox');
  await expect(input).toBeFocused();
  return { dialog, input };
}

const resultList = (scope: Page | Locator) => scope.getByRole('list', { name: 'Results' });
const results = (scope: Page | Locator) => resultList(scope).locator('> li.result');

test('a fact answers the question first: its statement, figure, voice in words and "Session › Section" link', async ({
  page,
}) => {
  await page.goto('/');
  const { dialog, input } = await openSearch(page);
  await input.fill('how many read replicas does Aurora allow?');
  const first = results(dialog).first();
  await expect(first).toContainText('An Aurora cluster can have up to 15 read replicas.');
  await expect(first).toContainText('15 read replicas');
  await expect(first).toContainText('Speaker');
  const source = first.getByRole('link', { name: 'Amazon Aurora › Read replicas' });
  await expect(source).toHaveAttribute(
    'href',
    /^\/sessions\/amazon-aurora\/\?highlight=read&highlight=replicas&highlight=aurora#fact-aurora-15-replicas$/,
  );
  // The question words were left out, and the panel says so.
  await expect(dialog.getByText('Searched for read replicas aurora')).toBeVisible();

  await source.click();
  await expect(page).toHaveURL(/\/sessions\/amazon-aurora\/\?.*#fact-aurora-15-replicas$/);
  const fact = page.locator('#fact-aurora-15-replicas');
  await expect(fact).toBeInViewport();
  await expect(fact.locator('mark').filter({ hasText: /replicas/i })).toBeVisible();
});

test('a fact that has changed since the event says so in its result, linking to its since-then note', async ({ page }) => {
  // Every since-then note, from content: each of its facts, searched by its own statement, shows the note's title.
  const notes = readdirSync('content/since').map((file) => ({
    id: file.replace(/\.yaml$/, ''),
    ...(load(readFileSync(`content/since/${file}`, 'utf-8')) as { title: string; facts?: string[] }),
  }));
  const note = notes.find((n) => n.facts?.length)!;
  const factId = note.facts![0]!;
  const facts = readdirSync('content/facts').flatMap(
    (file) => load(readFileSync(`content/facts/${file}`, 'utf-8')) as { id: string; statement: string }[],
  );
  const statement = facts.find((f) => f.id === factId)!.statement;
  await page.goto('/');
  const { dialog, input } = await openSearch(page);
  await input.fill(statement);
  const result = resultList(dialog).locator(`li[data-fact="${factId}"]`);
  await expect(result).toContainText(statement);
  await expect(result).toContainText(`Since then ${note.title}`);
  const link = result.getByRole('link', { name: note.title });
  await expect(link).toHaveAttribute('href', `/since/#since-${note.id}`);
  await link.click();
  await expect(page.locator(`#since-${note.id}`)).toBeInViewport();
});

test('"quorum" answers with the quorum facts and the Aurora storage section, and opening one highlights the word there', async ({
  page,
}) => {
  await page.goto('/');
  const { dialog, input } = await openSearch(page);
  await input.fill('quorum');
  await expect(results(dialog).first()).toContainText('quorum of 4 of 6 copies');
  await expect(resultList(dialog).locator('a[href*="#storage-and-replication"]').first()).toBeVisible();
  await results(dialog).first().getByRole('link').click();
  // The fact stands in a table on its page (no bullet of its own), so its link leads to its section.
  await expect(page).toHaveURL(/\/sessions\/amazon-aurora\/\?(?:fact=[a-z-]+&)?highlight=quorum#storage-and-replication$/);
  await expect(
    page
      .locator('mark')
      .filter({ hasText: /quorum/i })
      .first(),
  ).toBeVisible();
  await expect(dialog).toBeHidden();
});

test('highlighted words in an excerpt keep the space between them on screen', async ({ page }) => {
  await page.goto('/search/?q=read%20replicas');
  await expect(results(page).first()).toBeVisible();
  const pairs = await page.locator('.excerpt').evaluateAll((excerpts) =>
    excerpts.flatMap((excerpt) =>
      [...excerpt.querySelectorAll('mark')].flatMap((mark) => {
        const gap = mark.nextSibling;
        const next = gap?.nextSibling;
        if (
          gap?.nodeType !== Node.TEXT_NODE ||
          gap.textContent !== ' ' ||
          !(next instanceof HTMLElement) ||
          next.tagName !== 'MARK'
        )
          return [];
        const a = mark.getBoundingClientRect();
        const b = next.getBoundingClientRect();
        return [
          {
            rendered: (excerpt as HTMLElement).innerText,
            words: `${mark.textContent} ${next.textContent}`,
            sameLine: Math.abs(a.top - b.top) < 2,
            gap: b.left - a.right,
          },
        ];
      }),
    ),
  );
  expect(pairs.length, 'an excerpt with two highlighted words side by side').toBeGreaterThan(0);
  for (const pair of pairs) {
    expect(pair.rendered).toContain(pair.words);
    if (pair.sameLine) expect(pair.gap, pair.words).toBeGreaterThan(1);
  }
});

test('excerpts do not repeat their heading, and table cells read apart', async ({ page }) => {
  await page.goto('/search/?q=snowball%20capacity');
  const figures = results(page).filter({ has: page.getByRole('link', { name: 'Figures', exact: true }) });
  await expect(figures.locator('.excerpt')).toContainText('72 TB. Capacity of one Snowball An AWS Snowball');

  // Pagefind's excerpt of a section starts with the section's heading, which the result shows as its link.
  await page.goto('/search/?q=storage%20replication');
  const section = resultList(page)
    .locator('.sections > li')
    .filter({ has: page.getByRole('link', { name: 'Storage and replication' }) });
  await expect(section.first()).toBeVisible();
  await expect(section.first().locator('.excerpt')).not.toHaveText(/^\s*Storage and replication/i);
});

test('a word the notes never use shows "No results", not pages that share a prefix with it', async ({ page }) => {
  await page.goto('/search/');
  const box = page.getByRole('searchbox');
  for (const word of ['zzqxv', 'minecraft', 'minxyzzy']) {
    await box.fill(word);
    await expect(page.getByText(`No results for “${word}”`)).toBeVisible();
    await expect(results(page)).toHaveCount(0);
  }
  await expectNoAxeViolations(page);
});

test('a misspelt service offers the right name, and taking it searches for it', async ({ page }) => {
  await page.goto('/');
  const { dialog, input } = await openSearch(page);
  await input.fill('aroura');
  await expect(dialog.getByText('No results for “aroura”')).toBeVisible();
  await expect(dialog.getByText('Did you mean Aurora?')).toBeVisible();
  await dialog.getByRole('button', { name: 'Aurora' }).click();
  await expect(input).toHaveValue('Aurora');
  await expect(results(dialog).first().getByRole('link').first()).toHaveAttribute('href', /^\/services\/aurora\//);
});

test('filters have human labels and survive a reload through the URL', async ({ page }) => {
  await page.goto('/search/?q=snowball');
  await expect(results(page).first()).toBeVisible();
  await page.getByText('Filters').click();
  const kind = page.getByRole('group', { name: 'Kind of result' });
  await kind.getByRole('checkbox', { name: /^Facts/ }).check();
  await expect(page).toHaveURL(/[?&]kind=fact(&|$)/);
  await expect(page).toHaveURL(/[?&]q=snowball(&|$)/);
  await expect(results(page).first()).toBeVisible();
  await expect(resultList(page).locator('> li.result--page')).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole('searchbox')).toHaveValue('snowball');
  await expect(page.getByRole('group', { name: 'Kind of result' }).getByRole('checkbox', { name: /^Facts/ })).toBeChecked();
  await expect(results(page).first()).toBeVisible();
  await expect(resultList(page).locator('> li.result--page')).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Service' }).getByRole('checkbox', { name: /^Snowball/ })).toBeVisible();
});

test('keyboard only: "/" opens, arrows and Enter navigate, Escape closes and returns focus', async ({ page }) => {
  await page.goto('/sessions/');
  const trigger = page.getByRole('link', { name: 'Sessions', exact: true });
  await trigger.focus();
  const { dialog, input } = await openSearch(page);
  await input.pressSequentially('backtrack');
  await expect(results(dialog).first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();

  await page.keyboard.press('Control+k');
  await expect(dialog).toBeVisible();
  const box = dialog.getByRole('searchbox');
  await box.fill('backtrack window');
  await expect(dialog.getByRole('status')).toContainText('“backtrack window”');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const focused = resultList(dialog).locator('a:focus');
  await expect(focused).toHaveCount(1);
  const href = await focused.getAttribute('href');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(href!.replace(/[?#].*$/, '').replace(/\//g, '\\/')));
});

test('a service name finds its service page first, above the facts and pages that mention it', async ({ page }) => {
  for (const [query, service] of [
    ['snowball', 'snowball'],
    ['athena', 'athena'],
    ['redshift', 'redshift'],
    ['es', 'elasticsearch-service'],
  ]) {
    await page.goto(`/search/?q=${query}`);
    await expect(results(page).first().getByRole('link').first()).toHaveAttribute('href', new RegExp(`^/services/${service}/`));
  }
  await expect(page.getByText('Searched for elasticsearch service')).toBeVisible();
});

for (const theme of ['light', 'dark'] as const) {
  test(`on a phone (${theme}), the first answer is on screen without scrolling past the filters; no axe violations`, async ({
    page,
  }) => {
    test.setTimeout(60_000); // two axe runs
    await useTheme(page, theme);
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto('/search/?q=how%20many%20read%20replicas%20does%20aurora%20allow');
    await expect(results(page).first()).toBeInViewport({ ratio: 1 });
    await expectNoAxeViolations(page);

    await page.goto('/');
    const { dialog, input } = await openSearch(page);
    await input.fill('snowball capacity');
    await expect(results(dialog).first()).toBeInViewport({ ratio: 1 });
    await expectNoAxeViolations(page);
  });
}

test('"sct vs dms" shows the two side by side first, says the notes do not compare them, and links each fact to its section', async ({
  page,
}) => {
  await page.goto('/search/?q=sct%20vs%20dms');
  const card = results(page).first();
  await expect(card).toContainText('SCT and DMS');
  await expect(card).toContainText('The notes do not compare SCT and DMS directly.');
  for (const name of ['SCT', 'DMS']) {
    const side = card.getByRole('region', { name, exact: true });
    await expect(side.getByRole('link', { name, exact: true })).toHaveAttribute('href', `/services/${name.toLowerCase()}/`);
    await expect(side.locator('li').first()).toContainText(name === 'SCT' ? 'Schema Conversion Tool' : 'DMS');
  }
  // Every fact in the card leads to where it was said.
  const sources = card.locator('li a.compare-source');
  expect(await sources.count()).toBeGreaterThan(3);
  for (const href of await sources.evaluateAll((links) => links.map((a) => a.getAttribute('href')!)))
    expect(href).toMatch(/^\/sessions\/[^/]+\/\?highlight=.*#[a-z0-9-]+$/);
  await expectNoAxeViolations(page, { include: '[data-search-panel]' });
  const first = sources.first();
  const section = new URL((await first.getAttribute('href'))!, 'http://x').hash;
  await first.click();
  await expect(page.locator(section)).toBeInViewport();
});

test('where the notes do compare two services, the comparison says so and quotes them first', async ({ page }) => {
  await page.goto('/search/?q=difference%20between%20qldb%20and%20managed%20blockchain');
  const card = results(page).first();
  await expect(card).toContainText('QLDB and Managed Blockchain');
  await expect(card).toContainText('Where the notes compare them:');
  await expect(card.locator('.compare-both li').first()).toContainText(
    'QLDB is a different thing from Amazon Managed Blockchain',
  );
  await expect(card).not.toContainText('do not compare');
});

test('"what replaced elasticsearch" shows the since-then note itself first, with its date and its AWS source', async ({
  page,
}) => {
  const note = load(readFileSync('content/since/opensearch-rename.yaml', 'utf-8')) as { title: string; source: string };
  await page.goto('/search/?q=what%20replaced%20elasticsearch');
  const card = results(page).first();
  await expect(card).toContainText('Since then');
  await expect(card.getByRole('link', { name: note.title })).toHaveAttribute('href', '/since/#since-opensearch-rename');
  await expect(card.locator('time')).toHaveText('8 September 2021');
  await expect(card.getByRole('link', { name: new URL(note.source).hostname })).toHaveAttribute('href', note.source);
  // A plain question about the service shows no such note first.
  await page.goto('/search/?q=elasticsearch%20fields');
  await expect(results(page).first()).not.toContainText('Since then');
});
