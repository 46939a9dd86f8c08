// The site's preview image for pasted links (Open Graph and Twitter cards), drawn once per build in the same
// headless Chromium that draws the diagrams: a 1200×630 card in the site's colours and Kahoot's four shapes.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { chromium } from 'playwright';
import { launchOptions } from '../diagrams/chromium.ts';

export const OG_IMAGE = 'og.png';
export const OG_SIZE = { width: 1200, height: 630 } as const;

const card = (name: string, tagline: string) => `<!doctype html><html><head><style>
  body { margin: 0; width: 1200px; height: 630px; display: grid; place-content: center; gap: 28px; padding: 0 96px;
    box-sizing: border-box; background: #15171c; color: #f3f4f6; font-family: system-ui, sans-serif; }
  h1 { margin: 0; font-size: 104px; letter-spacing: -2px; }
  p { margin: 0; font-size: 40px; color: #b4bac5; max-width: 980px; line-height: 1.25; }
  .shapes { display: flex; gap: 22px; }
  .shapes svg { width: 72px; height: 72px; }
</style></head><body>
  <div class="shapes">
    <svg viewBox="0 0 24 24"><path d="M12 3 22 20H2Z" fill="#e21b3c"/></svg>
    <svg viewBox="0 0 24 24"><path d="M12 2 22 12 12 22 2 12Z" fill="#1368ce"/></svg>
    <svg viewBox="0 0 24 24"><circle cx="12" cy="12" r="10" fill="#d89e00"/></svg>
    <svg viewBox="0 0 24 24"><path d="M3 3h18v18H3Z" fill="#26890c"/></svg>
  </div>
  <h1>${name}</h1>
  <p>${tagline}</p>
</body></html>`;

export function ogImage({ name, tagline }: { name: string; tagline: string }): AstroIntegration {
  return {
    name: 'dbweek-og-image',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const browser = await chromium.launch(launchOptions());
        try {
          const page = await browser.newPage({ viewport: OG_SIZE });
          await page.setContent(card(name, tagline));
          writeFileSync(fileURLToPath(new URL(OG_IMAGE, dir)), await page.screenshot({ type: 'png' }));
        } finally {
          await browser.close();
        }
      },
    },
  };
}
