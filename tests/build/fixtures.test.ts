// Bad content must stop the build and name the file and the field. Each case in tests/fixtures/cases/ is one or
// two files laid over the small valid site in tests/fixtures/base/, plus `expect.txt`: the pattern the build's
// error must match, naming the case's own file. The base files are copied into the case folder for the build
// (the site's own config reads it through CONTENT_DIR) and removed after. Cases build one at a time: Astro writes
// its generated content modules to the project's .astro/ folder, so two builds at once overwrite each other's
// (seen: one case failing with another case's error), and a root made of links to this one does not build.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { after, describe, test } from 'node:test';

const root = join(import.meta.dirname, '../..');
const fixtures = join(root, 'tests/fixtures');
const base = join(fixtures, 'base');

/** The base site's files, relative to its folder. */
const baseFiles = (readdirSync(base, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
  .filter((d) => d.isFile())
  .map((d) => relative(base, join(d.parentPath, d.name)));

function build(contentDir: string): Promise<{ status: number; output: string }> {
  const out = mkdtempSync(join(tmpdir(), 'dbweek-fixture-'));
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['astro', 'build', '--outDir', join(out, 'dist')],
      {
        cwd: root,
        encoding: 'utf-8',
        maxBuffer: 32 * 1024 * 1024,
        // Colour codes split the words a case matches; CI may force them on (FORCE_COLOR), so ask for none
        // and strip any left.
        env: {
          ...process.env,
          NO_COLOR: '1',
          FORCE_COLOR: '0',
          CONTENT_DIR: relative(root, contentDir),
          ASTRO_CACHE_DIR: join(out, 'cache'),
        },
      },
      (error, stdout, stderr) => {
        rmSync(out, { recursive: true, force: true });
        resolve({ status: error ? Number(error.code ?? 1) || 1 : 0, output: stripVTControlCharacters(`${stdout}\n${stderr}`) });
      },
    );
  });
}

/** Lay the base under a case: copy what the case does not replace, and list the copies for removal. */
function materialise(caseDir: string): string[] {
  const copies = baseFiles.filter((file) => !existsSync(join(caseDir, file)));
  for (const file of copies) cpSync(join(base, file), join(caseDir, file));
  return copies.map((file) => join(caseDir, file));
}

const copied: string[] = [];
after(() => {
  for (const file of copied) rmSync(file, { force: true });
});

test('the base site builds', async () => {
  const { status, output } = await build(base);
  assert.equal(status, 0, output.slice(-2000));
});

describe('bad content stops the build, naming its file and field', { concurrency: 1 }, () => {
  // FIXTURE=<case> runs one case.
  const only = process.env['FIXTURE'];
  for (const name of readdirSync(join(fixtures, 'cases')).sort()) {
    if (only && name !== only) continue;
    const caseDir = join(fixtures, 'cases', name);
    const expected = new RegExp(readFileSync(join(caseDir, 'expect.txt'), 'utf-8').trim());
    test(name, async () => {
      copied.push(...materialise(caseDir));
      const { status, output } = await build(caseDir);
      assert.notEqual(status, 0, `${name}: the build passed`);
      assert.match(output, expected);
    });
  }
});
