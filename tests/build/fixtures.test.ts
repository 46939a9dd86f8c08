// Bad content must stop the build and name the file and the field. Each fixture is a small
// content folder built with the site's own config (CONTENT_DIR), into a folder of its own.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

function build(fixture: string) {
  const out = mkdtempSync(join(tmpdir(), `dbweek-${fixture}-`));
  const result = spawnSync('npx', ['astro', 'build', '--outDir', join(out, 'dist')], {
    encoding: 'utf-8',
    env: { ...process.env, CONTENT_DIR: `tests/fixtures/${fixture}`, ASTRO_CACHE_DIR: join(out, 'cache') },
  });
  rmSync(out, { recursive: true, force: true });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

test('a session without a title fails the build, naming the file and the field', () => {
  const { status, output } = build('missing-title');
  assert.notEqual(status, 0);
  assert.match(output, /sessions\/amazon-aurora\.mdx/);
  assert.match(output, /title/);
});

test('a session referencing a service that does not exist fails the build, naming the file and the field', () => {
  const { status, output } = build('bad-reference');
  assert.notEqual(status, 0);
  assert.match(output, /tests\/fixtures\/bad-reference\/sessions\/amazon-aurora\.mdx: entry "amazon-aurora" field "services\[1\]" refers to "warp-drive"/);
});
