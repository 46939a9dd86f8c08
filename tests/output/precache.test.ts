// What the service worker keeps for offline use, read from the build: every page, the whole search index, no
// downloads, a budget. (That the worker then serves it, and leaves live games alone: tests/e2e/offline.spec.ts.)
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DIST, gzipBytes, pages } from '../lib/dist.ts';
import { precachedFiles } from '../../src/offline/precache.ts';
import { LIVE_PATH } from '../../src/live/protocol.ts';

test('the precache holds every page and the whole search index, under 1.5 MB gzipped, and no downloads', async () => {
  const files = await precachedFiles(DIST);
  const worker = readFileSync(join(DIST, 'sw.js'), 'utf-8');
  for (const file of files) assert.ok(worker.includes(`"${file}"`), `sw.js lists ${file}`);
  const missing = (wanted: string[]) => wanted.filter((f) => !files.includes(f));
  assert.deepEqual(missing(pages()), [], 'every page');
  assert.deepEqual(missing(['pagefind/pagefind.js', 'pagefind/vocabulary.json', 'pagefind/wasm.en.pagefind']), []);
  for (const folder of ['index', 'fragment', 'filter']) {
    const all = readdirSync(join(DIST, 'pagefind', folder)).map((f) => `pagefind/${folder}/${f}`);
    assert.deepEqual(missing(all), [], `every pagefind/${folder}/ file`);
  }
  assert.deepEqual(
    files.filter((f) => f.startsWith('exports/') || f === 'sw.js'),
    [],
  );
  const gzipped = files.reduce((sum, f) => sum + gzipBytes(readFileSync(join(DIST, f))), 0);
  assert.ok(gzipped < 1.5 * 1024 * 1024, `${gzipped} B gzipped`);
});

test("the worker's first fetch listener lets the live path through", () => {
  const worker = readFileSync(join(DIST, 'sw.js'), 'utf-8');
  const first = worker.indexOf("addEventListener('fetch'");
  assert.ok(first >= 0 && first < 200, 'a fetch listener at the very start of sw.js');
  assert.ok(worker.slice(0, 400).includes(JSON.stringify(LIVE_PATH)), `the bypass names ${LIVE_PATH}`);
});
