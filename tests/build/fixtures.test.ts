// Bad content must stop the build and name the file and the field. Each case in tests/fixtures/cases/ is one or
// two files laid over the small valid site in tests/fixtures/base/, plus `expect.txt`: the pattern the build's
// error must match, naming the case's own file.
//
// Each build runs in a project root of its own, in a temporary folder: the site's code (src/, public/, the
// config) copied, node_modules linked, and the case's content at the same relative path as in the repository, so
// the error names the file as a reader finds it here. Astro writes generated modules and its prerender bundle
// to the root's .astro/ folder: two builds in one root overwrite each other's (seen: one case failing with
// another case's error), so sharing the repository's root meant one build at a time. Own roots build in parallel.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { after, describe, test } from 'node:test';

const root = join(import.meta.dirname, '../..');
const fixtures = join(root, 'tests/fixtures');
const SITE = ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json'];

const roots: string[] = [];
after(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

/** A project root for one build: the site's code, linked node_modules, the base content and the case over it. */
function projectRoot(caseName?: string): { dir: string; contentDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'dbweek-fixture-'));
  roots.push(dir);
  for (const entry of SITE) cpSync(join(root, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const contentDir = caseName ? `tests/fixtures/cases/${caseName}` : 'tests/fixtures/base';
  cpSync(join(fixtures, 'base'), join(dir, contentDir), { recursive: true });
  if (caseName) cpSync(join(fixtures, 'cases', caseName), join(dir, contentDir), { recursive: true });
  return { dir, contentDir };
}

function build(caseName?: string): Promise<{ status: number; output: string }> {
  const { dir, contentDir } = projectRoot(caseName);
  return new Promise((resolve) => {
    execFile(
      join(root, 'node_modules/.bin/astro'),
      ['build'],
      {
        cwd: dir,
        encoding: 'utf-8',
        maxBuffer: 32 * 1024 * 1024,
        // Colour codes split the words a case matches; CI may force them on (FORCE_COLOR), so ask for none
        // and strip any left.
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CONTENT_DIR: contentDir, ASTRO_CACHE_DIR: join(dir, 'cache') },
      },
      (error, stdout, stderr) =>
        resolve({ status: error ? Number(error.code ?? 1) || 1 : 0, output: stripVTControlCharacters(`${stdout}\n${stderr}`) }),
    );
  });
}

// One build per core at most: a third build on two cores only makes each slower.
const concurrency = Math.max(1, Math.min(2, availableParallelism()));

test('the base site builds', async () => {
  const { status, output } = await build();
  assert.equal(status, 0, output.slice(-2000));
});

describe('bad content stops the build, naming its file and field', { concurrency }, () => {
  // FIXTURE=<case> runs one case.
  const only = process.env['FIXTURE'];
  for (const name of readdirSync(join(fixtures, 'cases')).sort()) {
    if (only && name !== only) continue;
    const expected = new RegExp(readFileSync(join(fixtures, 'cases', name, 'expect.txt'), 'utf-8').trim());
    test(name, async () => {
      const { status, output } = await build(name);
      assert.notEqual(status, 0, `${name}: the build passed`);
      assert.match(output, expected);
    });
  }
});
