import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { build } from 'vite';
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/server/logging';
import { startServer } from '../src/server/server';
import type { MeteringEngine } from '../src/metering';
import { DEMO_ADMIN } from '../src/server/testing/api-harness';

// What the browser benchmarks share: the SPA built as `npm start` builds it (into a folder of their own, so a
// running server's files are left alone), the real server in demo mode serving it on a free port, and Debian's
// Chromium with the flags a root process on a closed network needs.

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface BrowserBench {
  /** The server's origin. */
  base: string;
  browser: Browser;
  /** The server's embedded metering engine, for a bench to load history into. */
  meteringEngine: MeteringEngine | undefined;
  close: () => Promise<void>;
}

export async function startBrowserBench(
  options: { env?: Record<string, string>; chromiumArgs?: string[] } = {},
): Promise<BrowserBench> {
  const webRoot = mkdtempSync(join(tmpdir(), 'vscope-bench-web-'));
  await build({ logLevel: 'silent', build: { outDir: webRoot, emptyOutDir: true, sourcemap: false } });
  // The capacity backfill would share the CPU with what the benches time.
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: ':memory:',
    DEMO_CAPACITY_BACKFILL: 'false',
    ...options.env,
  });
  const server = await startServer(config, { logger: createLogger({ logLevel: 'silent' }), webRoot });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...(options.chromiumArgs ?? [])],
  });
  return {
    base: server.address,
    browser,
    meteringEngine: server.metering.source.kind === 'engine' ? server.metering.source.engine : undefined,
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(webRoot, { recursive: true, force: true });
    },
  };
}

/** Signs the page in as the demo's admin, through the login form. */
export async function signIn(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('Username').fill(DEMO_ADMIN.username);
  await page.getByLabel('Password').fill(DEMO_ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** CPU milliseconds the page's main thread has used so far (Chromium's own counter): unlike the wall clock, it
 * does not grow while the page waits for a core on a loaded machine. Needs `Performance.enable`. */
export async function cpuMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? Number.NaN) * 1000;
}

/** Waits until the page's main thread has been idle for a while (it is waiting, not still working), and
 * returns its CPU counter then. */
export async function quietCpuMs(page: Page, cdp: CDPSession): Promise<number> {
  let last = await cpuMs(cdp);
  for (;;) {
    await page.waitForTimeout(150);
    const now = await cpuMs(cdp);
    if (now - last < 2) return now;
    last = now;
  }
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** `url`'s JSON as the signed-in page gets it, asked again while the server answers 503 because its first load
 * from OVH is still under way (it holds a request on a cold list a few seconds, less than a large list takes). */
export async function getJson<T>(page: Page, url: string): Promise<T> {
  const deadline = performance.now() + 120_000;
  for (;;) {
    const response = await page.request.get(url);
    if (response.ok()) return (await response.json()) as T;
    if (response.status() !== 503 || performance.now() > deadline)
      throw new Error(`${url} answered ${response.status()}`);
    await setTimeout(100);
  }
}
