// Every link and #anchor of the built site, resolved against dist/ without a server. A build made for a
// base path (BASE_PATH=/database-week/) is checked the same way: every link must stay under its base.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, html, pages, urlOf } from './dist.ts';

export interface Link {
  from: string;
  href: string;
}

/** A build to check: its folder and the base path it was built for. */
export interface Build {
  dist: string;
  base: string;
}
const ROOT: Build = { dist: DIST, base: '/' };

const idsCache = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let ids = idsCache.get(file);
  if (!ids) {
    ids = new Set([...readFileSync(file, 'utf-8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
    idsCache.set(file, ids);
  }
  return ids;
}

/** The file a site path serves, or undefined (also for a path outside the build's base). */
export function fileFor(path: string, build: Build = ROOT): string | undefined {
  const clean = decodeURIComponent(path.split(/[?#]/)[0]!);
  if (!clean.startsWith(build.base)) return undefined;
  const candidate = join(build.dist, clean.slice(build.base.length));
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  const index = join(candidate, 'index.html');
  return existsSync(index) ? index : undefined;
}

/** Why an internal link is broken, or undefined when it resolves (page and anchor). */
export function brokenReason(link: Link, build: Build = ROOT): string | undefined {
  const url = new URL(link.href.replace(/&amp;/g, '&'), `http://site${link.from}`);
  const file = fileFor(url.pathname, build);
  if (!file) return `no page at ${url.pathname}`;
  const anchor = decodeURIComponent(url.hash.slice(1));
  if (anchor && file.endsWith('.html') && !idsOf(file).has(anchor)) return `no #${anchor} on ${url.pathname}`;
  return undefined;
}

/** Every href and src in every built page. */
export function allLinks(build: Build = ROOT): { internal: Link[]; external: Link[] } {
  const internal: Link[] = [];
  const external: Link[] = [];
  for (const page of pages(build.dist)) {
    const from = build.base + urlOf(page).slice(1);
    const source = html(page, build.dist).replace(/<script[^>]*type="application\/json"[\s\S]*?<\/script>/g, '');
    for (const m of source.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      const href = m[1]!;
      if (/^(mailto:|tel:|data:|javascript:)/.test(href)) continue;
      if (/^https?:\/\//.test(href)) external.push({ from, href });
      else internal.push({ from, href });
    }
  }
  return { internal, external };
}
