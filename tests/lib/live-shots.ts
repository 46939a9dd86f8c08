// Screenshots of a live game for looking at (not a test): the host's lobby and question, a phone's question and
// result, at 1280×800 and 375×812, light and dark. Run with the site's server on PORT: node tests/lib/live-shots.ts
import { chromium } from 'playwright';
import { launchOptions } from '../../src/diagrams/chromium.ts';

const base = `http://127.0.0.1:${process.env['PORT'] ?? 4321}`;
const out = process.env['OUT'] ?? '/tmp';
const browser = await chromium.launch(launchOptions());
for (const theme of ['light', 'dark'] as const) {
  const setTheme = `localStorage.setItem('dbweek:theme', '${theme}')`;
  const hostContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await hostContext.addInitScript(setTheme);
  const host = await hostContext.newPage();
  await host.goto(`${base}/quiz/host/`);
  await host.getByLabel('Questions from').selectOption('category:analytics');
  await host.getByTestId('live-host').click();
  const pin = (await host.getByTestId('live-pin').textContent())!.trim();
  const phoneContext = await browser.newContext({ viewport: { width: 375, height: 812 } });
  await phoneContext.addInitScript(setTheme);
  const phone = await phoneContext.newPage();
  await phone.goto(`${base}/play/?pin=${pin}`);
  await phone.screenshot({ path: `${out}/live-phone-join-${theme}.png` });
  await phone.getByTestId('play-nickname').fill('Ada');
  await phone.getByTestId('play-join').click();
  await host.getByTestId('live-player').waitFor();
  await host.screenshot({ path: `${out}/live-host-lobby-${theme}.png` });
  await host.getByTestId('live-begin').click();
  await phone.getByTestId('answer-option').first().waitFor();
  await host.screenshot({ path: `${out}/live-host-question-${theme}.png` });
  await phone.screenshot({ path: `${out}/live-phone-question-${theme}.png` });
  await host.getByRole('button', { name: 'Show the answer now' }).click();
  await phone.getByTestId('play-result').waitFor();
  await host.screenshot({ path: `${out}/live-host-reveal-${theme}.png` });
  await phone.screenshot({ path: `${out}/live-phone-result-${theme}.png` });
  await hostContext.close();
  await phoneContext.close();
}
await browser.close();
