import { rm } from 'node:fs/promises';

/** The server's data directory lives for one run only. */
// eslint-disable-next-line no-restricted-syntax -- Playwright loads global hooks through their default export.
export default async function globalTeardown(): Promise<void> {
  const dir = process.env.VSCOPE_E2E_DATA_DIR;
  if (dir) await rm(dir, { recursive: true, force: true });
}
