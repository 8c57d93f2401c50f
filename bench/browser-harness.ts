import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { build } from 'vite';
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/server/logging';
import { startServer } from '../src/server/server';

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
  close: () => Promise<void>;
}

export async function startBrowserBench(
  options: { env?: Record<string, string>; chromiumArgs?: string[] } = {},
): Promise<BrowserBench> {
  const webRoot = mkdtempSync(join(tmpdir(), 'vscope-bench-web-'));
  await build({ logLevel: 'silent', build: { outDir: webRoot, emptyOutDir: true, sourcemap: false } });
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: ':memory:', ...options.env });
  const server = await startServer(config, { logger: createLogger({ logLevel: 'silent' }), webRoot });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...(options.chromiumArgs ?? [])],
  });
  return {
    base: server.address,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(webRoot, { recursive: true, force: true });
    },
  };
}
