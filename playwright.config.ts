// End-to-end tests against the built site (dist/), served by the site's own server on a free local port. Never the network.
import { defineConfig, devices } from '@playwright/test';
import { launchOptions } from './src/diagrams/chromium.ts';
import { freePort } from './tests/lib/free-port.ts';

// Chosen once in the runner; workers load this file again and inherit the port through the environment.
process.env['DBWEEK_TEST_PORT'] ??= String(Number(process.env['PORT']) || (await freePort()));
const port = Number(process.env['DBWEEK_TEST_PORT']);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './tests/e2e',
  fullyParallel: true,
  // Two cores here: one worker per core keeps timers honest in the quiz tests.
  workers: 2,
  retries: 0,
  reporter: 'list',
  // Generous for a 2-core machine shared with a build; a whole quiz game is marked test.slow() on top.
  timeout: 60_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
    // Each test's fresh context would otherwise install the service worker and download the whole site;
    // tests/e2e/offline.spec.ts allows it where it is the subject.
    serviceWorkers: 'block',
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions: launchOptions() } }],
  webServer: {
    // The site's own server (src/server/), as `npm run serve` runs it.
    command: 'node src/server/main.ts',
    // Short heartbeats: a dropped phone shows as away in about two seconds instead of ten.
    env: { PORT: String(port), HOST: '127.0.0.1', LIVE_PING_MS: '1000' },
    url: `${baseURL}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
