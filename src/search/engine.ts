// Runs a query against Pagefind's JS API in the browser: facts and pages are searched apart, so a
// fact that answers the query is shown first; terms are left out one by one (plain words only, the
// most common first) when all of them together find nothing; pages with substance come before
// session pages without notes; a service's own page comes first for its name.
import { SiteWords, parseQuery, type ParsedQuery, type Vocabulary } from './query.ts';
import { withBase } from '../lib/paths.ts';
import { comparisonOf, mayAnswer, sinceOf, type AnswerSince, type AnswersData, type Comparison } from './answers.ts';

const BUNDLE = withBase('/pagefind/');

/** The kinds of page the site indexes (data-pagefind-filter="kind:…" in Base.astro), facts apart. */
export const PAGE_KINDS = ['service', 'session', 'category', 'glossary', 'figure', 'guide'] as const;
export const FACT_KIND = 'fact';

export type Filters = Record<string, string[]>;
type Counts = Record<string, Record<string, number>>;

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
  sub_results: { title: string; url: string; excerpt: string }[];
}
interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindResultData>;
}
interface PagefindSearch {
  results: PagefindResult[];
  filters: Counts;
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string, options?: { filters?: Record<string, unknown> }): Promise<PagefindSearch>;
  filters(): Promise<Counts>;
}

export interface FactHit {
  id: string;
  statement: string;
  voice: string;
  voiceLabel: string;
  source: string;
  /** The fact on its session page. */
  href: string;
  /** Its section. */
  section: string;
  figure?: string | undefined;
  measures?: string | undefined;
  /** A since-then note on the fact: its title and its link on /since/. */
  since?: { title: string; href: string } | undefined;
}

export interface PageHit {
  url: string;
  title: string;
  kind: string;
  excerpt: string;
  sections: { title: string; url: string; excerpt: string }[];
}

export interface Answer {
  query: ParsedQuery;
  /** The words searched in the end, after question words, aliases and any left-out terms. */
  searched: string[];
  /** Plain words left out because, with them, nothing matched. */
  dropped: string[];
  /** Plain words left out for the facts alone, because no fact holds them all. */
  factDropped: string[];
  factCount: number;
  pageCount: number;
  facts: FactHit[];
  pages: PageHit[];
  counts: Counts;
  /** Two names compared: what the notes say of each, and where they set them side by side. */
  comparison?: Comparison | undefined;
  /** Since-then notes the query asks about (what replaced, renamed or ended something). */
  since: AnswerSince[];
  /** The next facts and pages, for "more". */
  moreFacts(n: number): Promise<FactHit[]>;
  morePages(n: number): Promise<PageHit[]>;
}

const FIRST_FACTS = 3;
const FIRST_PAGES = 8;

async function toFact(result: PagefindResult): Promise<FactHit> {
  const { url, meta } = await result.data();
  return {
    id: meta['fact'] ?? '',
    statement: meta['title'] ?? '',
    voice: meta['voice'] ?? 'speaker',
    voiceLabel: meta['voiceLabel'] ?? '',
    source: meta['source'] ?? url,
    href: url,
    section: meta['section'] ?? url,
    figure: meta['figure'],
    measures: meta['measures'],
    since: meta['since'] && meta['sinceHref'] ? { title: meta['since'], href: meta['sinceHref'] } : undefined,
  };
}

async function toPage(result: PagefindResult): Promise<PageHit> {
  const data = await result.data();
  return {
    url: data.url,
    title: data.meta['title'] ?? data.url,
    kind: data.filters['kind']?.[0] ?? '',
    excerpt: data.excerpt,
    // The page's own entry (no heading) is the page result itself.
    sections: data.sub_results.filter((s) => s.url.includes('#')),
  };
}

/** No kind chosen, or facts among the kinds chosen. */
const wantsFacts = (filters: Filters) => !filters['kind']?.length || filters['kind'].includes(FACT_KIND);

/** The chosen filters other than kind, each as "any of the values chosen". */
const otherFilters = (filters: Filters) =>
  Object.fromEntries(
    Object.entries(filters)
      .filter(([name, values]) => name !== 'kind' && values.length)
      .map(([name, values]) => [name, { any: values }]),
  );

function sumCounts(a: Counts, b: Counts): Counts {
  const sum: Counts = structuredClone(a);
  for (const [filter, values] of Object.entries(b)) {
    sum[filter] ??= {};
    for (const [value, n] of Object.entries(values)) sum[filter]![value] = (sum[filter]![value] ?? 0) + n;
  }
  return sum;
}

export class SearchEngine {
  private constructor(
    private readonly pagefind: Pagefind,
    private readonly site: SiteWords,
    private readonly thin: Set<string>,
  ) {}

  static async load(): Promise<SearchEngine> {
    const [pagefind, vocabulary] = await Promise.all([
      import(/* @vite-ignore */ `${BUNDLE}pagefind.js`) as Promise<Pagefind>,
      fetch(`${BUNDLE}vocabulary.json`).then((r) => {
        if (!r.ok) throw new Error(`${BUNDLE}vocabulary.json: ${r.status}`);
        return r.json() as Promise<Vocabulary>;
      }),
    ]);
    // Page length weighs less than Pagefind's default, so a short page without notes does not
    // outrank a long one that explains the subject.
    await pagefind.options({ excerptLength: 22, ranking: { pageLength: 0.35, termFrequency: 1, termSaturation: 1.2 } });
    await pagefind.init();
    // Loads every filter's values: a search reports counts only for filters already loaded.
    await pagefind.filters();
    return new SearchEngine(pagefind, new SiteWords(vocabulary), new Set(vocabulary.thin));
  }

  private answersData: Promise<AnswersData | undefined> | undefined;
  /** /search-answers.json, once; without it search still answers, with no cards. */
  private answers(): Promise<AnswersData | undefined> {
    this.answersData ??= fetch(withBase('/search-answers.json'))
      .then((r) => (r.ok ? (r.json() as Promise<AnswersData>) : undefined))
      .catch(() => undefined);
    return this.answersData;
  }

  /** Totals per filter value over the whole index, for the filter pane before any query. */
  totals(): Promise<Counts> {
    return this.pagefind.filters();
  }

  parse(raw: string): ParsedQuery {
    return parseQuery(raw, this.site);
  }

  async search(raw: string, filters: Filters): Promise<Answer> {
    const query = this.parse(raw);
    const empty: Answer = {
      query,
      searched: [],
      dropped: [],
      factDropped: [],
      factCount: 0,
      pageCount: 0,
      facts: [],
      pages: [],
      counts: {},
      since: [],
      moreFacts: async () => [],
      morePages: async () => [],
    };
    if (query.nothing) return empty;

    // All terms first; when they find nothing together, leave out plain words one at a time, each time
    // the one whose absence finds most. Facts get the same chance apart: a question's own verbs
    // ("handle", "make") rarely stand in a one-sentence fact.
    const all = await this.relax(
      query.terms,
      query.droppable,
      (t) => this.searchApart(t, filters),
      (f) => f.facts.length + f.pages.length,
    );
    const { terms, dropped } = all;
    let found = all.found;
    let factDropped: string[] = [];
    if (found.facts.length === 0 && found.pages.length > 0 && wantsFacts(filters)) {
      const remaining = query.droppable.filter((t) => terms.includes(t));
      const facts = await this.relax(
        terms,
        remaining,
        (t) => this.searchFacts(t, filters),
        (r) => r.length,
      );
      if (facts.found.length) {
        found = { ...found, facts: facts.found };
        factDropped = facts.dropped;
      }
    }

    // Counts for a filter with values chosen are counted without that filter, as facets are: within a
    // filter the values add up (any of them), so each count says what checking that value adds.
    const counts = structuredClone(found.counts);
    for (const [name, values] of Object.entries(filters)) {
      if (!values.length) continue;
      counts[name] = (await this.searchApart(terms, { ...filters, [name]: [] })).counts[name] ?? {};
    }

    // The answer cards' data is fetched only for a query that names two things or asks what became of one.
    let comparison: Comparison | undefined;
    let since: AnswerSince[] = [];
    if (mayAnswer(query.words, query.names)) {
      const data = await this.answers();
      comparison = data && comparisonOf(query.words, query.names, data);
      since = data ? sinceOf(query.words, query.names, data) : [];
    }

    const facts = await Promise.all(found.facts.slice(0, FIRST_FACTS).map(toFact));
    const pages = this.order(await Promise.all(found.pages.slice(0, FIRST_PAGES).map(toPage)), query);
    let factsShown = facts.length;
    let pagesShown = pages.length;
    return {
      query,
      searched: terms,
      dropped,
      factDropped,
      factCount: found.facts.length,
      pageCount: found.pages.length,
      facts,
      pages,
      counts,
      comparison,
      since,
      moreFacts: async (n) => {
        const next = await Promise.all(found.facts.slice(factsShown, factsShown + n).map(toFact));
        factsShown += next.length;
        return next;
      },
      morePages: async (n) => {
        const next = await Promise.all(found.pages.slice(pagesShown, pagesShown + n).map(toPage));
        pagesShown += next.length;
        return next;
      },
    };
  }

  /** Leaves out droppable terms, greedily, until `count` finds something (or one term is left). */
  private async relax<T>(
    terms: string[],
    droppable: string[],
    run: (terms: string[]) => Promise<T>,
    count: (found: Awaited<T>) => number,
  ) {
    let found: Awaited<T> = await run(terms);
    const dropped: string[] = [];
    let candidates = droppable.filter((t) => terms.includes(t));
    while (count(found) === 0 && candidates.length && terms.length > 1) {
      let best: { term: string; found: Awaited<T>; n: number } | undefined;
      for (const term of candidates) {
        const next = await run(terms.filter((t) => t !== term));
        const n = count(next);
        if (!best || n > best.n) best = { term, found: next, n };
      }
      terms = terms.filter((t) => t !== best!.term);
      candidates = candidates.filter((t) => t !== best!.term);
      dropped.push(best!.term);
      found = best!.found;
    }
    return { terms, dropped, found };
  }

  private async searchFacts(terms: string[], filters: Filters): Promise<PagefindResult[]> {
    return (await this.pagefind.search(terms.join(' '), { filters: { ...otherFilters(filters), kind: FACT_KIND } })).results;
  }

  /** Facts and pages as two searches, so neither crowds the other out; the counts are their sum. */
  private async searchApart(terms: string[], filters: Filters) {
    const term = terms.join(' ');
    const chosen = filters['kind'] ?? [];
    const rest = otherFilters(filters);
    const pageKinds = chosen.length ? chosen.filter((k) => k !== FACT_KIND) : [...PAGE_KINDS];
    const wantFacts = wantsFacts(filters);
    const none: PagefindSearch = { results: [], filters: {} };
    const [facts, pages] = await Promise.all([
      wantFacts ? this.pagefind.search(term, { filters: { ...rest, kind: FACT_KIND } }) : none,
      pageKinds.length ? this.pagefind.search(term, { filters: { ...rest, kind: { any: pageKinds } } }) : none,
    ]);
    return { facts: facts.results, pages: pages.results, counts: sumCounts(facts.filters, pages.filters) };
  }

  /** A service's page first for its name; session pages without notes after pages with substance. */
  private order(pages: PageHit[], query: ParsedQuery): PageHit[] {
    const rank = (p: PageHit) => (p.url === query.servicePage ? 0 : this.thin.has(p.url) ? 2 : 1);
    return pages
      .map((p, i) => ({ p, i }))
      .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
      .map(({ p }) => p);
  }
}
