// What the service worker keeps for offline use, shared by the build step and the benchmark that sizes it.
export const precacheGlobs = {
  globPatterns: [
    // Every page, style sheet, script, drawing and icon, and the web app manifest.
    '**/*.{html,css,js,svg,png,webmanifest}',
    // Pagefind's index for English pages: its entry point, metadata, the wasm the search runs on, index
    // chunks, filters and the result fragments; and the site's vocabulary, which the search panel reads.
    'pagefind/pagefind-entry.json',
    'pagefind/vocabulary.json',
    'pagefind/*.pf_meta',
    'pagefind/wasm.en.pagefind',
    'pagefind/{index,fragment,filter}/*',
  ],
  globIgnores: [
    // The worker itself is never precached.
    'sw.js',
    // Pagefind's own UIs: this site's panel (src/search/ui.ts) uses only its JS API, pagefind.js.
    'pagefind/pagefind-ui.*',
    'pagefind/pagefind-modular-ui.*',
    'pagefind/pagefind-component-ui.*',
    // Downloads are fetched when wanted; keeping them offline would double the precache.
    'exports/**',
  ],
  // The largest page is a few hundred KB; anything near this size is a mistake worth a warning.
  maximumFileSizeToCacheInBytes: 2 * 1024 * 1024,
};

/** The files the worker downloads on a first visit, relative to the build folder: the same list build-sw.ts writes. */
export async function precachedFiles(outDir: string): Promise<string[]> {
  const { getManifest } = await import('workbox-build');
  const { manifestEntries } = await getManifest({ globDirectory: outDir, ...precacheGlobs });
  return (manifestEntries ?? []).map((entry) => entry.url);
}
