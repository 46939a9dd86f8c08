// The service worker that makes the whole site work offline after one visit, written by an Astro integration
// in astro:build:done, over the finished output (after the search index: see astro.config.mjs).
//
// Why Workbox's generateSW run here, over the finished output, and not @vite-pwa/astro: that integration
// writes its worker before the search index exists, so the index (its wasm, index chunks and fragments) would
// be missing from the precache and search would fail offline. Run last, generateSW sees every file the host
// will serve, whatever made it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { generateSW } from 'workbox-build';
import { LIVE_PATH } from '../live/protocol.ts';
import { precacheGlobs } from './precache.ts';

/**
 * The worker's first fetch listener: a request under the live path stops here, before Workbox's, and so goes to
 * the network as if there were no worker. Workbox would answer any URL whose path, query string ignored and
 * index.html added, is a precached file: a page at the live path would then answer Socket.IO's polling with
 * HTML from the cache, and offline a join would hang on a stale answer instead of failing.
 */
export const liveBypass = (livePath: string) =>
  `self.addEventListener('fetch', (event) => {
  if (new URL(event.request.url).pathname.startsWith(${JSON.stringify(livePath)})) event.stopImmediatePropagation();
});
`;

/** Write sw.js into a finished build; returns what it precaches. `livePath` is for the test that proves the bypass. */
export async function writeServiceWorker(outDir: string, { livePath = LIVE_PATH } = {}) {
  const swDest = join(outDir, 'sw.js');
  const result = await generateSW({
    globDirectory: outDir,
    ...precacheGlobs,
    swDest,
    // One file, no workbox-*.js beside it: the worker's own URL is all a host must not cache long.
    inlineWorkboxRuntime: true,
    mode: 'production',
    sourcemap: false,
    // A new build takes over at once (the page then shows a quiet "updated" notice) instead of waiting
    // for every tab to close, which in a site of separate pages could be never.
    skipWaiting: true,
    clientsClaim: true,
    cleanupOutdatedCaches: true,
    // "/sessions/x/" is answered by the precached "sessions/x/index.html".
    directoryIndex: 'index.html',
    // Every query string is the page's own business (?highlight= from search, ?seed= and result cards of
    // the quiz): the document is the same static file, so the precached copy answers.
    ignoreURLParametersMatching: [/./],
    // Astro's /_astro/ files carry their hash in the name: no revision query needed to bust them.
    dontCacheBustURLsMatching: /\/_astro\//,
    // Anything not precached goes to the network untouched: there is no runtime caching, and no navigation
    // fallback that would answer for it. Live games are kept out of the precache's reach by liveBypass.
  });
  // Before Workbox's listeners, so that it runs first (listeners run in the order they were added).
  writeFileSync(swDest, liveBypass(livePath) + readFileSync(swDest, 'utf-8'));
  return result;
}

/** The Astro integration: after the build (and the search index), the worker. */
export function offlineSupport(): AstroIntegration {
  return {
    name: 'dbweek:service-worker',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const start = performance.now();
        const { count, size, warnings } = await writeServiceWorker(fileURLToPath(dir));
        for (const warning of warnings) logger.warn(warning);
        // The time ends the line: tests/bench/bench.ts reads it.
        const seconds = ((performance.now() - start) / 1000).toFixed(1);
        logger.info(`sw.js precaches ${count} files, ${(size / 1024).toFixed(0)} KiB before compression, in ${seconds} s`);
      },
    },
  };
}
