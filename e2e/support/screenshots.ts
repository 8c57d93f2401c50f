import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';

// Every e2e run takes the README's screenshots; `npm run screenshots` (SCREENSHOT_DIR=docs/screenshots) keeps
// them. Otherwise they go with the run's results, so a plain `npm test` leaves the working tree alone.

export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  const path = dir ? join(dir, `${name}.png`) : testInfo.outputPath(`${name}.png`);
  // The mouse and the text cursor out of the picture.
  await page.mouse.move(0, 0);
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}
