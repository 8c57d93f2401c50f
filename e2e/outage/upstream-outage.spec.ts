import { expect, test, type Page } from '@playwright/test';
import { createDisplay } from '../support/displays';
import { POLL_INTERVAL_MS, SERVICE, VIEWER_DC } from '../support/env';
import { NO_SESSION } from '../support/sign-in';
import { bringOvhUp, takeOvhDown } from '../support/simulator';

// The OVH API going down and coming back, seen by an administrator's page and a wall screen at once. The server
// refreshes its cache from the upstream at most once per interval of real time (and retries a failed refresh
// after the same pause), so this spec waits for that real interval; the browsers' polls follow their fake clocks.

/** Real time: the server's cached copies loaded until `since` are all due for a refresh by then. */
async function waitForServerInterval(since: number): Promise<void> {
  const wait = since + POLL_INTERVAL_MS + 1_000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

const staleBanners = (page: Page) => page.getByRole('alert').filter({ hasText: 'Stale since' });

test.afterEach(async () => {
  await bringOvhUp();
});

test('an upstream outage keeps the data under a stale banner, amber then red, and recovery clears it', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const { link } = await createDisplay({
    name: 'e2e outage wall',
    scope: [{ serviceName: SERVICE, datacenterId: VIEWER_DC.id }],
    wall: { rotateSeconds: 0 },
  });
  const wallContext = await browser.newContext({
    storageState: NO_SESSION,
    viewport: { width: 1920, height: 1080 },
    colorScheme: 'dark',
  });
  const wall = await wallContext.newPage();
  const pages = [page, wall];
  const fastForward = (ms: number) => Promise.all(pages.map((p) => p.clock.fastForward(ms)));

  await page.clock.install();
  await page.goto('/');
  const card = page.getByRole('article', { name: VIEWER_DC.name });
  await expect(card.getByText(/^Updated /)).toBeVisible();
  const figures = await card.getByRole('definition').allTextContents();
  await wall.clock.install();
  await wall.goto(link);
  const hostTiles = wall.getByRole('region', { name: 'Hosts' }).getByRole('listitem');
  await expect(hostTiles.first()).toBeVisible();
  const tiles = await hostTiles.count();
  const loadedAt = Date.now();

  await takeOvhDown();
  await waitForServerInterval(loadedAt);
  await fastForward(POLL_INTERVAL_MS);
  for (const p of pages) {
    const banner = staleBanners(p).first();
    await expect(banner).toBeVisible({ timeout: 20_000 });
    await expect(banner).toHaveClass(/stale-amber/);
    await expect(banner).toContainText('This service is currently unavailable');
  }
  const failedAt = Date.now();
  // The last good data stays on screen, marked.
  expect(await card.getByRole('definition').allTextContents()).toEqual(figures);
  await expect(hostTiles).toHaveCount(tiles);

  // Three intervals without fresh data: red.
  await fastForward(2 * POLL_INTERVAL_MS);
  for (const p of pages) await expect(staleBanners(p).first()).toHaveClass(/stale-red/);
  await expect(hostTiles).toHaveCount(tiles);

  await bringOvhUp();
  await waitForServerInterval(failedAt);
  await expect(async () => {
    await fastForward(POLL_INTERVAL_MS);
    for (const p of pages) await expect(staleBanners(p)).toHaveCount(0, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await expect(card.getByText(/^Updated /)).toBeVisible();
  await expect(wall.getByText(/^Updated /)).toBeVisible();
  await wallContext.close();
});
