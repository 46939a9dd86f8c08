// End-to-end tests against the built site (dist/), served by the site's own server on a free local port. Never the network.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { launchOptions } from './src/diagrams/chromium.ts';
import { freePort } from './tests/lib/free-port.ts';

// Chosen once in the runner; workers load this file again and inherit the port through the environment.
process.env['DBWEEK_TEST_PORT'] ??= String(Number(process.env['PORT']) || (await freePort()));
const port = Number(process.env['DBWEEK_TEST_PORT']);
const baseURL = `http://127.0.0.1:${port}`;
// Challenges' SQLite file: a folder of this run's own, never the developer's data/.
process.env['DBWEEK_TEST_DATA'] ??= mkdtempSync(join(tmpdir(), 'dbweek-e2e-data-'));

/**
 * The suite by area, one project each, so that a developer runs the part they touch: `npx playwright test
 * --project @quiz` or `--grep @quiz` (grep reads the project's name too). Every spec file is in exactly one.
 * Listed longest first: the workers take the longest tests (a challenge played by three, whole live games) first,
 * so that none of them starts last and runs on alone.
 */
const AREAS: Record<string, RegExp> = {
  '@challenges': /(?:^|\/)challenges\.spec\.ts$/,
  '@live': /(?:^|\/)live(-[a-z-]+)?\.spec\.ts$/,
  '@a11y': /(?:^|\/)quality\.spec\.ts$/,
  '@search': /(?:^|\/)search(-[a-z-]+)?\.spec\.ts$/,
  '@quiz': /(?:^|\/)quiz(-[a-z-]+)?\.spec\.ts$/,
  '@offline': /(?:^|\/)(offline|base-path)\.spec\.ts$/,
  '@security': /(?:^|\/)security\.spec\.ts$/,
  '@content': /(?:^|\/)(reading|since|voices|knowledge|diagrams|exports|foundation)\.spec\.ts$/,
};
for (const file of readdirSync('tests/e2e').filter((f) => f.endsWith('.spec.ts'))) {
  const areas = Object.keys(AREAS).filter((area) => AREAS[area]!.test(file));
  if (areas.length !== 1) throw new Error(`playwright.config.ts: tests/e2e/${file} is in ${areas.length} areas (AREAS)`);
}

export default defineConfig({
  testDir: './tests/e2e',
  fullyParallel: true,
  // Two cores here: one worker per core keeps timers honest in the quiz tests.
  workers: 2,
  retries: 0,
  reporter: 'list',
  // Generous for a 2-core machine shared with a build; a whole quiz game is marked test.slow() on top.
  timeout: 60_000,
  // A limit, not a wait: a passing check returns as soon as its condition holds. 15 s covers a machine running
  // other builds beside the suite.
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    // No trace unless asked for (`npx playwright test --trace retain-on-failure`): recording one films every page
    // (a screencast composited and encoded in software here) and doubled the suite's CPU time.
    trace: 'off',
    // Each test's fresh context would otherwise install the service worker and download the whole site;
    // tests/e2e/offline.spec.ts allows it where it is the subject.
    serviceWorkers: 'block',
    // As a visitor who asked for reduced motion: the site's decorative motion (timer bars, transitions, the podium
    // rising) would keep Chromium compositing frames in software on every page of every test, half of a live
    // game's CPU here. Where motion is the subject, a test asks for it (the projector in live-show.spec.ts).
    reducedMotion: 'reduce',
  },
  projects: Object.entries(AREAS).map(([name, files]) => ({
    name,
    testMatch: files,
    use: { ...devices['Desktop Chrome'], launchOptions: launchOptions() },
  })),
  webServer: {
    // The site's own server (src/server/), as `npm run serve` runs it.
    command: 'node src/server/main.ts',
    // Short heartbeats: a dropped phone shows as away in about five seconds instead of ten.
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      LIVE_PING_MS: '1000',
      // A pong may take 4 s: a page busy for seconds (axe on a loaded machine) must not lose its seat. A dropped
      // phone still shows as away in about five seconds.
      LIVE_PING_TIMEOUT_MS: '4000',
      DATA_DIR: process.env['DBWEEK_TEST_DATA'],
      // Every test's host comes from 127.0.0.1; a room left by a finished test stays open for minutes.
      MAX_ROOMS_PER_ADDRESS: '1000',
    },
    url: `${baseURL}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
