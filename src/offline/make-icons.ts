// Draws the app icons (public/icons/*.png) from public/favicon.svg in headless Chromium, so the icon has one
// source. Run after changing the favicon: node src/offline/make-icons.ts. The PNGs are committed.
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright';
import { launchOptions } from '../diagrams/chromium.ts';

const svg = readFileSync('public/favicon.svg', 'utf-8');
/** name, size in px, and how much of it the drawing fills: a maskable icon keeps its drawing in the safe zone. */
const icons = [
  { name: 'icon-192.png', size: 192, fill: 0.86, background: 'transparent' },
  { name: 'icon-512.png', size: 512, fill: 0.86, background: 'transparent' },
  { name: 'maskable-512.png', size: 512, fill: 0.62, background: '#f7f7f4' },
  { name: 'apple-touch-icon.png', size: 180, fill: 0.74, background: '#f7f7f4' },
];

mkdirSync('public/icons', { recursive: true });
const browser = await chromium.launch(launchOptions());
try {
  for (const { name, size, fill, background } of icons) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<body style="margin:0;display:grid;place-items:center;width:${size}px;height:${size}px;background:${background}">
        <div style="width:${Math.round(size * fill)}px;height:${Math.round(size * fill)}px">${svg.replace('<svg ', '<svg width="100%" height="100%" ')}</div>
      </body>`,
    );
    await page.screenshot({ path: `public/icons/${name}`, omitBackground: background === 'transparent' });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`icons: ${icons.map((i) => i.name).join(', ')} in public/icons/`);
