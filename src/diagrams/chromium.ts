// Finds the Chromium that tests and the diagram renderer drive: CHROMIUM_PATH if set, else Playwright's own
// browser when it is installed, else the system's headless shell (Debian's chromium-headless-shell), else the
// system's full Chromium. The headless shell is what Playwright itself runs headless: it has no browser UI,
// and here it does the same work in half the CPU time of the full browser's headless mode.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright';

const SYSTEM = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The executable path to pass to Playwright, or undefined for Playwright's own browser. */
export function chromiumPath(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file is there.`);
    return fromEnv;
  }
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    // Playwright throws when its browsers were never downloaded; fall through to the system's.
  }
  const system = SYSTEM.find((p) => existsSync(p));
  if (system) return system;
  throw new Error(
    "No Chromium found. Either install Playwright's browser (npx playwright install chromium) " +
      "or the system's (apt-get install chromium-headless-shell, or chromium), or set CHROMIUM_PATH to a Chromium executable.",
  );
}

/** Launch options that work as root in a container and never reach the network on their own. */
export function launchOptions() {
  const executablePath = chromiumPath();
  return {
    ...(executablePath ? { executablePath } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  };
}
