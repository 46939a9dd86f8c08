// Browser contexts that a test opens itself (a host's screen, each phone, a player of a challenge). Playwright
// closes the contexts of its own fixtures after each test, not these: left open, a finished game's pages run on
// beside the next tests of the worker (a host's music and podium, phones reconnecting to a server a test has
// stopped), taking CPU those tests need. Each spec that opens them closes them after each test.
import type { Browser, BrowserContext, BrowserContextOptions } from '@playwright/test';

const opened = new Set<BrowserContext>();

export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  opened.add(context);
  context.once('close', () => opened.delete(context));
  return context;
}

/** For `test.afterEach`: every context `newContext` opened and nothing closed yet. */
export async function closeContexts(): Promise<void> {
  await Promise.all([...opened].map((context) => context.close()));
}
