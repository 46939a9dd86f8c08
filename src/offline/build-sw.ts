// After the build and the search index: write the service worker that makes the whole site work offline
// after one visit. Usage: node src/offline/build-sw.ts (reads OUT_DIR, default dist).
//
// Why Workbox's generateSW run here, over the finished output, and not @vite-pwa/astro: that integration
// writes its worker in Astro's build:done hook, before `pagefind` has written the search index, so the
// index (its wasm, index chunks and fragments) would be missing from the precache and search would fail
// offline. Run last, generateSW sees every file the host will serve, whatever made it.
import { generateSW } from 'workbox-build';
import { precacheGlobs } from './precache.ts';

const outDir = process.env['OUT_DIR'] ?? 'dist';

const { count, size, warnings } = await generateSW({
  globDirectory: outDir,
  ...precacheGlobs,
  swDest: `${outDir}/sw.js`,
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
  // Live games (Socket.IO under /socket.io/) and anything else not precached go to the network untouched:
  // there is no runtime caching, and no navigation fallback that would answer for them.
});

for (const warning of warnings) console.warn(`service worker: ${warning}`);
console.log(`service worker: ${outDir}/sw.js precaches ${count} files, ${(size / 1024).toFixed(0)} KiB before compression`);
