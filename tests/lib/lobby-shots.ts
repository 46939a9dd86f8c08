// Screenshots of the live host's setup and lobby for looking at (not a test): the answer-order setting, and the
// lobby with one player away and its "Remove 1 away player" button; 375×812 and 1280×800, light and dark.
// Run with the site's server on PORT (LIVE_PING_MS short, so a closed phone shows as away soon):
// OUT=/tmp/shots node tests/lib/lobby-shots.ts
import { chromium } from 'playwright';
import { launchOptions } from '../../src/diagrams/chromium.ts';

const base = `http://127.0.0.1:${process.env['PORT'] ?? 4321}`;
const out = process.env['OUT'] ?? '/tmp';
const browser = await chromium.launch(launchOptions());
for (const theme of ['light', 'dark'] as const) {
  for (const [name, viewport] of [
    ['phone', { width: 375, height: 812 }],
    ['laptop', { width: 1280, height: 800 }],
  ] as const) {
    const setTheme = `localStorage.setItem('dbweek:theme', '${theme}')`;
    const hostContext = await browser.newContext({ viewport });
    await hostContext.addInitScript(setTheme);
    const host = await hostContext.newPage();
    await host.goto(`${base}/quiz/host/`);
    await host.screenshot({ path: `${out}/host-setup-${name}-${theme}.png`, fullPage: true });
    await host.getByTestId('live-host').click();
    const pin = (await host.getByTestId('live-pin').textContent())!.trim();
    const phones = [];
    for (const nickname of ['Ada', 'Grace']) {
      const phoneContext = await browser.newContext({ viewport: { width: 375, height: 812 } });
      phones.push(phoneContext);
      const phone = await phoneContext.newPage();
      await phone.goto(`${base}/play/?pin=${pin}`);
      await phone.getByTestId('play-nickname').fill(nickname);
      await phone.getByTestId('play-join').click();
      await host.getByTestId('live-player').filter({ hasText: nickname }).waitFor();
      if (nickname === 'Grace') await phoneContext.close();
    }
    await host.getByRole('button', { name: /Remove 1 away player/ }).waitFor({ timeout: 30_000 });
    await host.screenshot({ path: `${out}/host-lobby-${name}-${theme}.png`, fullPage: true });
    for (const phoneContext of phones) await phoneContext.close();
    await hostContext.close();
  }
}
await browser.close();
