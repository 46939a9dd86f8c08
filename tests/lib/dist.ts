// Reads the built site (dist/): its pages and what each loads before any interaction.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export const DIST = join(process.cwd(), 'dist');

/** Every built HTML page, as a path relative to dist/ (e.g. "sessions/amazon-aurora/index.html"). */
export function pages(dist = DIST): string[] {
  return allFiles('.html', dist).map((path) => relative(dist, path));
}

export const html = (page: string, dist = DIST) => readFileSync(join(dist, page), 'utf-8');
export const gzipBytes = (text: string | Buffer) => gzipSync(text, { level: 9 }).length;

/** URL path of a page file: "sessions/x/index.html" → "/sessions/x/". */
export const urlOf = (page: string) => `/${page.replace(/index\.html$/, '')}`;

function localAsset(href: string): string | undefined {
  if (!href.startsWith('/') || href.startsWith('//')) return undefined;
  return join(DIST, href.split(/[?#]/)[0]!);
}

/**
 * JavaScript a page loads before any interaction: module scripts, their static imports
 * (followed through the bundle), and inline scripts. Dynamic import() is left out: that is
 * loaded on interaction, as the search UI is.
 */
export function initialScripts(page: string): { files: string[]; inline: string[] } {
  const source = html(page);
  const files = new Set<string>();
  const queue = [
    ...source.matchAll(/<script[^>]*\bsrc="([^"]+)"/g),
    ...source.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ]
    .map((m) => localAsset(m[1]!))
    .filter((p): p is string => Boolean(p));
  while (queue.length) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const code = readFileSync(file, 'utf-8');
    for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w${}\s,*]+from\s*)?["']([^"']+)["']/g)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) queue.push(join(file, '..', spec));
      else if (spec.startsWith('/')) queue.push(join(DIST, spec));
    }
  }
  // Inline scripts that run: data blocks (type="application/json", such as the quiz's question bank) are not JavaScript.
  const inline = [...source.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter((m) => !/type="application\/(ld\+)?json"/.test(m[1]!))
    .map((m) => m[2]!)
    .filter((code) => code.trim());
  return { files: [...files], inline };
}

export function initialJsGzip(page: string): number {
  const { files, inline } = initialScripts(page);
  return files.reduce((sum, f) => sum + gzipBytes(readFileSync(f)), 0) + inline.reduce((s, c) => s + gzipBytes(c), 0);
}

/** Data blocks a page ships inline (the quiz's question bank), gzipped. */
export function inlineDataGzip(page: string): number {
  const blocks = [...html(page).matchAll(/<script[^>]*type="application\/json"[^>]*>([\s\S]*?)<\/script>/g)];
  return blocks.reduce((sum, m) => sum + gzipBytes(m[1]!), 0);
}

export function cssGzip(page: string): number {
  const source = html(page);
  const linked = [...source.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)]
    .map((m) => localAsset(m[1]!))
    .filter((p): p is string => Boolean(p))
    .map((p) => readFileSync(p, 'utf-8'));
  const inline = [...source.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
  return gzipBytes([...linked, ...inline].join('\n'));
}

/** Every file under dist/ with the given extension, Pagefind's own bundle excepted. */
export function allFiles(ext: string, dist = DIST): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'pagefind') walk(path);
      } else if (name.endsWith(ext)) found.push(path);
    }
  };
  walk(dist);
  return found.sort();
}
