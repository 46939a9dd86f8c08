// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import rehypeDiagrams from './src/diagrams/rehype-diagrams.ts';
import rehypeScrollTables from './src/lib/rehype-scroll-tables.ts';
import rehypeBaseLinks from './src/lib/rehype-base-links.ts';
import { devSearchIndex } from './src/search/dev-index.ts';
import { searchIndex } from './src/search/index-site.ts';
import { offlineSupport } from './src/offline/build-sw.ts';
import { contentChecks } from './src/lib/content-checks-build.ts';
import { ogImage } from './src/social/og-image.ts';

export default defineConfig({
  // SITE_URL: the address the site is published at (canonical links, sitemap, links in the exports).
  site: process.env.SITE_URL ?? 'https://database-week.example',
  // BASE_PATH: the sub-path it is published under, e.g. /database-week/ for a GitHub Pages project site.
  base: process.env.BASE_PATH ?? '/',
  // OUT_DIR: where the build goes (tests build a sub-path variant beside dist/).
  outDir: process.env.OUT_DIR ?? './dist',
  trailingSlash: 'always',
  markdown: {
    processor: unified({
      rehypePlugins: [rehypeDiagrams, rehypeScrollTables, [rehypeBaseLinks, { base: process.env.BASE_PATH ?? '/' }]],
    }),
    // No code listings on this site; Mermaid blocks are drawn by rehypeDiagrams. (Shiki's inline styles would also fight the CSP.)
    syntaxHighlight: false,
  },
  // In this order: content checks before any page; after the build, the search index, then the service worker,
  // which precaches the index (astro:build:done hooks run in the order of this list).
  integrations: [
    contentChecks(),
    mdx(),
    sitemap({ filter: (page) => !page.includes('/quiz/result/') }),
    devSearchIndex(),
    ogImage({
      name: 'Database Week',
      tagline: 'A week of AWS database talks: every fact, figure and diagram, searchable, and a quiz that teaches.',
    }),
    searchIndex(),
    offlineSupport(),
  ],
  // A Content-Security-Policy meta tag on every page: scripts only from this site or by hash, never
  // 'unsafe-inline'. Pagefind compiles WebAssembly ('wasm-unsafe-eval') in a worker from /pagefind/.
  // Styles allow inline: the build-time Mermaid SVGs carry their own <style> elements.
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "worker-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: { resources: ["'self'", "'unsafe-inline'"] },
    },
  },
  devToolbar: { enabled: false },
  // Fixture builds in tests keep their own content store, apart from the site's.
  cacheDir: process.env.ASTRO_CACHE_DIR ?? './node_modules/.astro',
});
