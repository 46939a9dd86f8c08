// The built HTML itself: valid by the Nu HTML Checker, and no word glued to the link after it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { DIST, html, pages } from '../lib/dist.ts';

test('the Nu HTML Checker finds no errors in any built page', async () => {
  const jar = createRequire(import.meta.url)('vnu-jar') as string;
  let output = '';
  try {
    await promisify(execFile)('java', ['-jar', jar, '--errors-only', '--format', 'gnu', '--skip-non-html', DIST], {
      encoding: 'utf-8',
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    output = `${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? ''}`;
    // No report at all means the checker did not run (no Java, say): that is a failure too, with its reason.
    if (!output.trim()) output = String(error);
  }
  assert.deepEqual(output.trim().split('\n').filter(Boolean), []);
});

test('no word runs into the link after it ("on thequiz page"), on any built page', () => {
  // A line break between a word and a link in a template can be dropped by the build; the reader sees one word.
  const glued = pages().flatMap((p) =>
    [...html(p).matchAll(/[A-Za-z,.;:]<a\s[^>]*>([^<]{0,30})/g)].map((m) => `${p}: …${m[0].slice(0, 1)}${m[1]}`),
  );
  assert.deepEqual(glued, []);
});
