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
  assert.match(
    output,
    /tests\/fixtures\/bad-reference\/sessions\/amazon-aurora\.mdx: entry "amazon-aurora" field "services\[1\]" refers to "warp-drive"/,
  );
});

test('a fact whose section is not a heading of its session fails the build, naming the file and the field', () => {
  const { status, output } = build('missing-section');
  assert.notEqual(status, 0);
  assert.match(output, /content\/facts\/amazon-aurora\.yaml: fact "f-one" field "section": "replication" is not a heading/);
});

test('a fact about a service that does not exist fails the build, naming the file and the field', () => {
  const { status, output } = build('unknown-service-in-fact');
  assert.notEqual(status, 0);
  assert.match(
    output,
    /tests\/fixtures\/unknown-service-in-fact\/facts\/amazon-aurora\.yaml: entry "f-one" field "services\[1\]" refers to "flux-capacitor"/,
  );
});

test('a quiz question citing a fact that does not exist fails the build, naming the file and the field', () => {
  const { status, output } = build('bad-citation');
  assert.notEqual(status, 0);
  assert.match(
    output,
    /tests\/fixtures\/bad-citation\/quiz\/amazon-aurora\.yaml: entry "q-copies" field "facts\[0\]" refers to "f-does-not-exist"/,
  );
});

test('a Mermaid syntax error fails the build, naming the file and the diagram', () => {
  const { status, output } = build('bad-mermaid');
  assert.notEqual(status, 0);
  assert.match(
    output,
    /tests\/fixtures\/bad-mermaid\/sessions\/amazon-aurora\.mdx, diagram 1 \("A diagram with a syntax error"\): Mermaid could not draw this diagram/,
  );
});

test('a facts file that is not valid YAML fails the build, naming the file and the line', () => {
  const { status, output } = build('bad-yaml');
  assert.notEqual(status, 0);
  assert.match(output, /tests\/fixtures\/bad-yaml\/facts\/amazon-aurora\.yaml: not valid YAML: .* \(2:\d+\)/);
});

test('two facts with the same id fail the build, naming the file and the id', () => {
  const { status, output } = build('duplicate-id');
  assert.notEqual(status, 0);
  assert.match(output, /tests\/fixtures\/duplicate-id\/facts\/amazon-aurora\.yaml: id "f-one" is already used/);
});
