// The site's colour tokens as data: src/styles/tokens.css is the one place they are defined, and the
// diagrams need them twice at build time, to colour Mermaid's two drawings and to map each colour of
// the drawings back to the custom property it came from.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Theme = 'light' | 'dark';
export interface Token {
  name: string;
  light: string;
  dark: string;
}

const TOKENS_FILE = join(process.cwd(), 'src', 'styles', 'tokens.css');

/** "#abc", "#AABBCC", "rgb(170, 187, 204)" → "#aabbcc"; anything else (hsl, named colours) undefined. */
export function hex(colour: string): string | undefined {
  const c = colour.trim().toLowerCase();
  const short = c.match(/^#([0-9a-f])([0-9a-f])([0-9a-f])$/);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  if (/^#[0-9a-f]{6}$/.test(c)) return c;
  const rgb = c.match(/^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*1(?:\.0*)?\s*)?\)$/);
  if (rgb)
    return `#${rgb
      .slice(1, 4)
      .map((n) => Number(n).toString(16).padStart(2, '0'))
      .join('')}`;
  return undefined;
}

let cache: Map<string, Token> | undefined;
/** Every `--name: light-dark(#light, #dark)` of tokens.css, by name. */
export function tokens(): Map<string, Token> {
  if (cache) return cache;
  const css = readFileSync(TOKENS_FILE, 'utf-8');
  cache = new Map();
  for (const m of css.matchAll(/--([\w-]+)\s*:\s*light-dark\(\s*(#[0-9a-fA-F]{3,6})\s*,\s*(#[0-9a-fA-F]{3,6})\s*\)/g)) {
    cache.set(m[1]!, { name: m[1]!, light: hex(m[2]!)!, dark: hex(m[3]!)! });
  }
  return cache;
}

/** A token's value in one theme; a missing token is a build error naming the file. */
export function token(name: string, theme: Theme): string {
  const t = tokens().get(name);
  if (!t) throw new Error(`src/styles/tokens.css: the diagrams need a colour token --${name}: light-dark(…, …)`);
  return t[theme];
}

/** The token whose light and dark values are exactly this pair of colours, if there is one. */
export function tokenFor(light: string, dark: string): Token | undefined {
  const l = hex(light);
  const d = hex(dark);
  if (!l || !d) return undefined;
  // Several tokens can share a pair (--accent and --voice-speaker); the first defined wins, consistently.
  for (const t of tokens().values()) if (t.light === l && t.dark === d) return t;
  return undefined;
}
