import { expect, test, type Page } from '@playwright/test';
import { POLL_INTERVAL_MS, VIEWER_DC } from '../support/env';
import { bringOvhUp, takeOvhDown } from '../support/simulator';

// The OVH API going down and coming back. The server refreshes its cache from the upstream at most once per
// interval of real time (and retries a failed refresh after the same pause), so this spec waits for that real
// interval; the browser's own polls are driven by its fake clock.

/** Real time: the server's cached copies loaded so far are all due for a refresh by then. */
async function waitForServerInterval(since: number): Promise<void> {
  const wait = since + POLL_INTERVAL_MS + 1_000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

const staleBanners = (page: Page) => page.getByRole('alert').filter({ hasText: 'Stale since' });

test.afterEach(async () => {
  await bringOvhUp();
});

test('an upstream outage keeps the data with a stale banner, amber then red, and recovery clears it', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await page.clock.install();
  await page.goto('/');
  const card = page.getByRole('article', { name: VIEWER_DC.name });
  await expect(card.getByText(/^Updated /)).toBeVisible();
  const figures = await card.getByRole('definition').allTextContents();
  const loadedAt = Date.now();

  await takeOvhDown();
  await waitForServerInterval(loadedAt);
  const downAt = Date.now();
  await page.clock.fastForward(POLL_INTERVAL_MS);
  const banner = staleBanners(page).first();
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(banner).toHaveClass(/stale-amber/);
  await expect(banner).toContainText('This service is currently unavailable');
  expect(await card.getByRole('definition').allTextContents()).toEqual(figures);

  // Three intervals without fresh data: red.
  await page.clock.fastForward(2 * POLL_INTERVAL_MS);
  await expect(banner).toHaveClass(/stale-red/);

  await bringOvhUp();
  await waitForServerInterval(downAt);
  await expect(async () => {
    await page.clock.fastForward(POLL_INTERVAL_MS);
    await expect(staleBanners(page)).toHaveCount(0, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await expect(card.getByText(/^Updated /)).toBeVisible();
});
