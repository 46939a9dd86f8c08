// A server-only install (`npm ci --omit=dev`, then `LIVE_ONLY=1 node src/server/main.ts`) has every package the
// server imports, and none of the build's: everything the server reaches from main.ts is in `dependencies`.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf-8')) as {
  dependencies: Record<string, string>;
};

/** Every package the module imports at run time, following its relative imports (type-only imports left out). */
function packagesReached(entry: string): { packages: Set<string>; files: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, 'utf-8');
    const specifiers = [
      ...source.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm),
      ...source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
    ].map((m) => m[1]!);
    for (const spec of specifiers) {
      if (spec.startsWith('node:')) continue;
      if (spec.startsWith('.')) {
        const path = resolve(dirname(file), spec);
        const found = [path, `${path}.ts`, join(path, 'index.ts')].find((p) => existsSync(p) && p.endsWith('.ts'));
        assert.ok(found, `${file}: cannot resolve ${spec}`);
        visit(found);
      } else packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  };
  visit(join(root, entry));
  return { packages, files };
}

test("every package the server imports is a runtime dependency, and the build's are not", () => {
  const { packages, files } = packagesReached('src/server/main.ts');
  assert.ok(files.size > 5, `${files.size} modules reached`);
  assert.ok(packages.has('socket.io') && packages.has('fastify'), [...packages].join(', '));
  assert.deepEqual(
    [...packages].filter((p) => !(p in manifest.dependencies)),
    [],
    'imported by the server but only in devDependencies',
  );
  const buildOnly = ['astro', 'mermaid', 'mermaid-isomorphic', 'playwright', 'pagefind', 'workbox-build', 'svgo'];
  assert.deepEqual(
    buildOnly.filter((p) => p in manifest.dependencies),
    [],
  );
});
