// Search quality as a number: the query set in tests/search/queries.yaml, pasted into the search page's box
// (typing, key by key, is search.spec.ts's). The expected fact or section must be among the first three results for at least 95 %
// of the queries, and words the notes never use must find nothing at all.
import { expect, test } from '@playwright/test';
import { hitAt, querySet, runQuery, type Outcome } from '../search/run-queries.ts';

const HIT_AT_3 = 0.95;

test('the query set: hit@3 at least 95 %, and "No results" for every word the notes never use', async ({ page }) => {
  const cases = querySet();
  // Generous: two cores shared by several browsers; the latency itself is measured by `npm run bench`.
  test.setTimeout(cases.length * 6_000);
  expect(cases.filter((c) => c.expect).length, 'queries with an expected result').toBeGreaterThanOrEqual(40);
  expect(cases.filter((c) => c.nothing).length, 'words that must find nothing').toBeGreaterThanOrEqual(5);

  await page.goto('/search/');
  const box = page.getByRole('searchbox');
  const outcomes: Outcome[] = [];
  for (const item of cases) outcomes.push(await runQuery(page, box, item, { paste: true }));

  const misses = outcomes
    .filter((o) => o.case.expect && !(o.rank && o.rank <= 3))
    .map(
      (o) =>
        `${o.case.query} → rank ${o.rank ?? 'none'}; shown: ${o.shown
          .slice(0, 3)
          .map((s) => (s.fact ? `fact:${s.fact}` : s.url))
          .join(', ')}`,
    );
  expect(hitAt(outcomes, 3), `missed:\n${misses.join('\n')}`).toBeGreaterThanOrEqual(HIT_AT_3);

  for (const o of outcomes.filter((o) => o.case.nothing)) {
    expect(o.shown, `"${o.case.query}" must find nothing`).toEqual([]);
    expect(o.status, `"${o.case.query}"`).toContain('No results');
  }
});
