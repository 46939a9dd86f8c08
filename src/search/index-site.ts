// The search index, built by an Astro integration in astro:build:done with Pagefind's Node API:
// - every page of the build, with a space put between table cells and other blocks the HTML minifier
//   glued together, so an excerpt never reads "LimitValueSection";
// - every fact as a record of its own (statement, figure, voice, "Session › Section"), with the
//   words people use for what its figure measures (latency for ms, capacity for TB);
// - the site's vocabulary (pagefind/vocabulary.json): each word with the number of pages and
//   facts it stands in, the names and aliases of services and terms, and the session pages without
//   notes. The search UI uses it to answer "No results" for a word the site never uses, to offer
//   "Did you mean…" for a near miss, and to read aliases.
// The facts come from the content layer, which only code built by Astro reads: search-data-route.ts, rendered
// in memory during the build (src/lib/build-routes.ts).
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Nodes } from 'hast';
import type { SearchData } from './records.ts';
import { measureWords } from './measures.ts';
import { wordsOf } from './words.ts';
import type { Vocabulary } from './query.ts';
import { buildRouteHooks } from '../lib/build-routes.ts';

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'pagefind' ? [] : htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

/**
 * Where the minifier glued words that the page shows apart, a space: after blocks (table cells, list
 * items), between inline items side by side (a figure and its unit), and before a fact's statement in
 * the figures table, which CSS sets on a line of its own.
 */
const separateBlocks = (html: string) =>
  html
    .replace(/<\/(td|th|tr|li|dt|dd|p|h[1-6]|caption|figcaption|div|section|summary)>(?=<)/g, '</$1> ')
    .replace(/<\/(a|span|strong|em|abbr|code)>(?=<(a|span|strong|em|abbr|code)\b)/g, '</$1> ')
    .replace(/(?<=[^\s>])(<span class="statement")/g, ' $1');

/** The text Pagefind indexes on a page: inside data-pagefind-body, outside data-pagefind-ignore. */
function indexedText(html: string): string {
  const parts: string[] = [];
  const walk = (node: Nodes, inBody: boolean) => {
    if (node.type === 'text') {
      if (inBody) parts.push(node.value);
      return;
    }
    if (node.type !== 'root' && node.type !== 'element') return;
    let body = inBody;
    if (node.type === 'element') {
      const el = node as Element;
      if (['script', 'style', 'svg', 'template'].includes(el.tagName)) return;
      if (el.properties['dataPagefindIgnore'] !== undefined) return;
      if (el.properties['dataPagefindBody'] !== undefined) body = true;
    }
    for (const child of node.children) walk(child, body);
  };
  walk(fromHtml(html), false);
  return parts.join(' ');
}

/**
 * Index the build in `dist` (made for the base path `base`) with the site's search data; returns what it indexed.
 * Records are kept relative to the site's root: Pagefind puts the base path (taken from where its bundle is
 * served) in front of every result's URL. Fact links come from the built site with the base already in them.
 */
export async function writeSearchIndex(dist: string, base: string, data: SearchData) {
  const BASE = base.replace(/^\/?/, '/').replace(/\/?$/, '/');
  const fromRoot = (url: string) => (url.startsWith(BASE) ? `/${url.slice(BASE.length)}` : url);
  const fail = (message: string): never => {
    throw new Error(`search index: ${message}`);
  };

  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) fail(errors.join('; '));
  try {
    const documentFrequency = new Map<string, number>();
    const count = (text: string) => {
      for (const word of new Set(wordsOf(text))) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
    };

    let pages = 0;
    const pageHtml = new Map<string, string>();
    for (const path of htmlFiles(dist)) {
      const content = separateBlocks(readFileSync(path, 'utf-8'));
      // Pages without a body to index (the quiz, search itself, 404) stay out, as with Pagefind's CLI.
      if (!/<[a-z][^>]*\sdata-pagefind-body[\s=>]/.test(content)) continue;
      const url = `/${relative(dist, path).replace(/index\.html$/, '')}`;
      pageHtml.set(url, content);
      const added = await index!.addHTMLFile({ url, content });
      if (added.errors.length) fail(`${path}: ${added.errors.join('; ')}`);
      count(indexedText(content));
      pages++;
    }
    for (const fact of data.facts) {
      const figure = fact.figure
        ? `${fact.figure.display} ${fact.figure.unit}. ${fact.figure.measures}. ${measureWords(fact.figure.unit)}`
        : '';
      const content = [fact.statement, figure, fact.services.join(' ')].join(' ');
      // Each fact links to itself on its session page, or to its section where the page gives it no id.
      // Every record needs a URL of its own: Pagefind keeps one record per URL.
      const [page, id] = fromRoot(fact.anchor).split('#');
      const url = pageHtml.get(page!)?.includes(`id="${id}"`)
        ? fromRoot(fact.anchor)
        : `${fromRoot(fact.href).replace('#', `?fact=${fact.id}#`)}`;
      const added = await index!.addCustomRecord({
        url,
        content,
        language: 'en',
        meta: {
          title: fact.statement,
          fact: fact.id,
          voice: fact.voice,
          voiceLabel: fact.voiceLabel,
          source: fact.source,
          section: fact.href,
          // A bare number gets its unit ("15 read replicas"); "72 TB", "$250" and "2×" already say it.
          ...(fact.figure && {
            figure: /^[\d.,/\s–-]+$/.test(fact.figure.display)
              ? `${fact.figure.display} ${fact.figure.unit}`
              : fact.figure.display,
            measures: fact.figure.measures,
          }),
          ...(fact.since && { since: fact.since.title, sinceHref: fact.since.href }),
        },
        filters: { kind: ['fact'], service: fact.services, format: [fact.format] },
      });
      if (added.errors.length) fail(`fact ${fact.id}: ${added.errors.join('; ')}`);
      count(content);
    }

    const written = await index!.writeFiles({ outputPath: join(dist, 'pagefind') });
    if (written.errors.length) fail(written.errors.join('; '));

    const vocabulary: Vocabulary = {
      words: Object.fromEntries([...documentFrequency].sort(([a], [b]) => a.localeCompare(b))),
      names: data.names.map(({ display, url, kind, aliases }) => {
        // "AWS Snowball" is also searched as "Snowball".
        const bare = aliases.map((a) => a.replace(/^(Amazon|AWS)\s+/, ''));
        const forms = [...new Set([display, ...aliases, ...bare].map((f) => wordsOf(f).join(' ')).filter(Boolean))];
        return { display, url, kind, forms };
      }),
      thin: data.thin,
    };
    writeFileSync(join(dist, 'pagefind', 'vocabulary.json'), JSON.stringify(vocabulary));
    return { pages, facts: data.facts.length, words: documentFrequency.size };
  } finally {
    await pagefind.close();
  }
}

/** The Astro integration: the search data rendered in memory during the build, the index written after it. */
export function searchIndex(): AstroIntegration {
  let data: SearchData | undefined;
  let base = '/';
  return {
    name: 'dbweek:search-index',
    hooks: {
      ...buildRouteHooks({
        pattern: '/_build/search-data.json',
        entrypoint: new URL('./search-data-route.ts', import.meta.url),
        receive: async (response) => {
          data = (await response.json()) as SearchData;
        },
      }),
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!data) throw new Error('search index: the search data was not rendered during the build');
        const start = performance.now();
        const { pages, facts, words } = await writeSearchIndex(fileURLToPath(dir), base, data);
        // The time ends the line: tests/bench/bench.ts reads it.
        logger.info(`${pages} pages, ${facts} facts, ${words} words in ${((performance.now() - start) / 1000).toFixed(1)} s`);
      },
    },
  };
}
