// Runs queries through the search UI of the built site, as a person would (type, wait for the answer),
// and reads the results in the order shown. Shared by the query-set test and `npm run bench`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import type { Page } from 'playwright';

export interface QueryCase {
  query: string;
  /**
   * What should be found: `fact:<id>`, a page or section URL ("/services/aurora/", "/sessions/x/#y"), a comparison of
   * two names (`compare:dms+sct`, the ids in alphabetical order) or a since-then note (`since:<id>`). Any one counts.
   */
  expect?: string[];
  /** Words the notes never use: the answer must be "No results". */
  nothing?: boolean;
  /** Why this query is in the set. */
  why?: string;
}

export interface Shown {
  fact?: string | undefined;
  compare?: string | undefined;
  since?: string | undefined;
  url: string;
  sections: string[];
}

export interface Outcome {
  case: QueryCase;
  shown: Shown[];
  status: string;
  /** 1-based position of the first expected result, or undefined when it is not among those shown. */
  rank?: number | undefined;
  /** From the last keystroke to the answer on screen. */
  ms: number;
}

export function querySet(): QueryCase[] {
  return load(readFileSync(join(import.meta.dirname, 'queries.yaml'), 'utf-8')) as QueryCase[];
}

const matches = (want: string, item: Shown) => {
  if (want.startsWith('fact:')) return item.fact === want.slice(5);
  if (want.startsWith('compare:')) return item.compare === want.slice(8);
  if (want.startsWith('since:')) return item.since === want.slice(6);
  return item.url === want || item.sections.includes(want);
};

/**
 * Types the query into the search box of a page where the panel is open, and reads the answer. `paste` puts the
 * whole query in with one input event, as a paste does: the same search runs on the same text, for a test that
 * is about what is found rather than about keystrokes (typing is tests/e2e/search.spec.ts's, latency the bench's).
 */
export async function runQuery(
  page: Page,
  box: ReturnType<Page['getByRole']>,
  item: QueryCase,
  { paste = false }: { paste?: boolean } = {},
): Promise<Outcome> {
  await box.fill('');
  if (paste) await box.fill(item.query);
  else await box.pressSequentially(item.query, { delay: 0 });
  const typed = await page.evaluate(() => performance.now());
  const status = page.locator('[data-search-panel] [data-status]');
  const quotedQuery = `“${item.query.trim()}”`;
  await status.filter({ hasText: quotedQuery }).waitFor();
  const ms = (await page.evaluate(() => performance.now())) - typed;
  const shown = await page.locator('[data-search-panel] li.result').evaluateAll((items) =>
    items.map((li) => ({
      fact: (li as HTMLElement).dataset['fact'],
      compare: (li as HTMLElement).dataset['compare'],
      since: (li as HTMLElement).dataset['since'],
      url: (li as HTMLElement).dataset['url'] ?? '',
      sections: [...li.querySelectorAll<HTMLElement>('.sections li')].map((s) => s.dataset['url'] ?? ''),
    })),
  );
  const at = item.expect ? shown.findIndex((s) => item.expect!.some((want) => matches(want, s))) : -1;
  return { case: item, shown, status: (await status.textContent()) ?? '', rank: at >= 0 ? at + 1 : undefined, ms };
}

export function hitAt(outcomes: Outcome[], k: number): number {
  const scored = outcomes.filter((o) => o.case.expect);
  return scored.filter((o) => o.rank !== undefined && o.rank <= k).length / scored.length;
}
