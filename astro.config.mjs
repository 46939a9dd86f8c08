// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import rehypeDiagrams from './src/diagrams/rehype-diagrams.ts';
import rehypeScrollTables from './src/lib/rehype-scroll-tables.ts';

export default defineConfig({
  site: process.env.SITE_URL ?? 'https://database-week.example',
  trailingSlash: 'always',
  markdown: {
    processor: unified({
      rehypePlugins: [rehypeDiagrams, rehypeScrollTables],
    }),
    syntaxHighlight: { type: 'shiki', excludeLangs: ['mermaid', 'math'] },
  },
  integrations: [mdx(), sitemap()],
  devToolbar: { enabled: false },
  // Fixture builds in tests keep their own content store, apart from the site's.
  cacheDir: process.env.ASTRO_CACHE_DIR ?? './node_modules/.astro',
});
