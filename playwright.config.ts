import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { ADMIN_STATE, BASE_URL, E2E_PORT, SIMULATOR_PORT, VIEWER_STATE } from './e2e/support/env';

// Browser tests against the real server in demo mode (its simulator on a fixed loopback port, so tests can take
// the upstream down), with Debian's Chromium: `npx playwright install` is never needed. One worker: the machine
// has two cores, and the outage tests change what every page sees.

// The config is evaluated again in each worker; the environment carries the runner's choice to them. The server
// creates the folder, so a run whose server never starts leaves nothing behind.
const dataDir = (process.env.VSCOPE_E2E_DATA_DIR ??= join(tmpdir(), `vscope-e2e-${randomUUID()}`));

const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
};

const NOC_VIEWPORT = { width: 1920, height: 1080 };

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  // CI shares its two CPUs with the reference Gnocchi's metricd (about 99 % busy idle): pages there took three
  // times as long as on a quiet machine, and 10 s for a page's data was not always enough.
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  globalTeardown: './e2e/support/global-teardown.ts',
  use: {
    ...chromium,
    baseURL: BASE_URL,
    locale: 'en-GB',
    timezoneId: 'Europe/Paris',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'setup', testMatch: /\.setup\.ts$/ },
    {
      name: 'admin',
      testMatch: 'admin/**/*.spec.ts',
      dependencies: ['setup'],
      use: { viewport: { width: 1440, height: 900 }, storageState: ADMIN_STATE },
    },
    {
      name: 'viewer',
      testMatch: 'viewer/**/*.spec.ts',
      dependencies: ['setup'],
      use: { viewport: { width: 1440, height: 900 }, storageState: VIEWER_STATE },
    },
    {
      // Wall screens: no user session of their own (a display token is their only credential), dark, 1080p.
      name: 'noc',
      testMatch: 'wall/**/*.spec.ts',
      dependencies: ['setup'],
      use: { viewport: NOC_VIEWPORT, colorScheme: 'dark' },
    },
    {
      // Taking the upstream down leaves stale cache entries behind for a retry interval: run it last.
      name: 'outage',
      testMatch: 'outage/**/*.spec.ts',
      dependencies: ['admin', 'viewer', 'noc'],
      use: { viewport: NOC_VIEWPORT, storageState: ADMIN_STATE },
    },
  ],
  webServer: {
    command: 'npm start',
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      VSCOPE_MODE: 'demo',
      HOST: '127.0.0.1',
      PORT: String(E2E_PORT),
      DEMO_SIMULATOR_PORT: String(SIMULATOR_PORT),
      // The server's floor: its cache refreshes from the upstream at most this often, in real time.
      POLL_INTERVAL_SECONDS: '30',
      DATA_DIR: dataDir,
      // A year of capacity history costs the server a minute of CPU while the tests start; the Capacity spec
      // checks what the page asks and shows, which needs no history. The README's pictures
      // (`npm run screenshots`) show the demo as a user sees it, with that year.
      DEMO_CAPACITY_BACKFILL: process.env.SCREENSHOT_DIR ? 'true' : 'false',
      LOG_LEVEL: 'warn',
    },
  },
});
