// End-to-end tests against the built site (dist/), served on a free local port. Never the network.
import { createServer } from 'node:net';
import { defineConfig, devices } from '@playwright/test';
import { launchOptions } from './src/diagrams/chromium.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

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
  timeout: 30_000,
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
    command: `node tests/lib/serve.ts ${port}`,
    url: `${baseURL}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
