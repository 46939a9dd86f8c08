// The light and dark themes differ only in colour: every colour is a light-dark() token and a theme only sets
// color-scheme. That is what lets the end-to-end axe walk run only the colour rules in the dark theme.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { allFiles, html, pages } from '../lib/dist.ts';

/** Every style sheet the build ships: CSS files and <style> elements (the diagrams carry their own). */
function styleSheets(): { where: string; css: string }[] {
  const files = allFiles('.css').map((f) => ({ where: f, css: readFileSync(f, 'utf-8') }));
  const inline = pages().flatMap((p) =>
    [...html(p).matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => ({ where: p, css: m[1]! })),
  );
  return [...files, ...inline];
}

test('no style rule depends on the colour scheme except through light-dark()', () => {
  const sheets = styleSheets();
  assert.ok(sheets.length > 1);
  const problems: string[] = [];
  for (const { where, css } of sheets) {
    if (/@media[^{]*prefers-color-scheme/.test(css)) problems.push(`${where}: a prefers-color-scheme media query`);
    // A theme selector may only choose the colour scheme: its block sets color-scheme and nothing else.
    for (const m of css.matchAll(/\[data-theme(?:=[^\]]*)?\][^{]*\{([^}]*)\}/g)) {
      const declarations = m[1]!
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean);
      if (declarations.some((d) => !/^color-scheme\s*:/.test(d))) problems.push(`${where}: ${m[0].slice(0, 120)}`);
    }
  }
  assert.deepEqual(problems, []);
  // light-dark() is really how the colours are given: a check of nothing would pass too.
  assert.ok(sheets.some(({ css }) => css.includes('light-dark(')));
});
