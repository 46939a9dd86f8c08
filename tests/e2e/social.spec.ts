// Pasted links preview: every page carries Open Graph and Twitter card tags, and the image they name is a
// 1200×630 PNG the build drew.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DIST, html, pages } from '../lib/dist.ts';

const meta = (source: string, attr: 'property' | 'name', key: string) =>
  source.match(new RegExp(`<meta ${attr}="${key}" content="([^"]*)"`))?.[1];

test('every page has a title, description and image for link previews', () => {
  const missing: string[] = [];
  for (const page of pages()) {
    const source = html(page);
    for (const [attr, key] of [
      ['property', 'og:title'],
      ['property', 'og:description'],
      ['property', 'og:image'],
      ['property', 'og:url'],
      ['name', 'twitter:card'],
      ['name', 'twitter:image'],
    ] as const) {
      if (!meta(source, attr, key)) missing.push(`${page}: ${key}`);
    }
  }
  expect(missing).toEqual([]);
});

test('the preview image is a 1200×630 PNG', () => {
  const png = readFileSync(join(DIST, 'og.png'));
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  const image = meta(html('index.html'), 'property', 'og:image')!;
  expect(new URL(image).pathname).toMatch(/\/og\.png$/);
});
