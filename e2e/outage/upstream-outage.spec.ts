import { expect, test, type Page } from '@playwright/test';
import { createDisplay } from '../support/displays';
import { POLL_INTERVAL_MS, SERVICE, VIEWER_DC } from '../support/env';
import { NO_SESSION } from '../support/sign-in';
import { bringOvhUp, takeOvhDown } from '../support/simulator';

// The OVH API going down and coming back, seen by an administrator's page and a wall screen at once. The server
// refreshes its cache from the upstream at most once per interval of real time, and retries a failed refresh
// after the same pause, so the outage and the recovery show on the pages' own polls, in real time; the browsers'
// fake clocks only jump ahead to age the data past three intervals.
//
// Why not jump ahead to the first poll: the banner turns red once the data is three intervals old by the
// browser's clock, and the server's copy may already be up to an interval old when the page loads. Waiting for
// the real poll keeps the first failed poll's data under two intervals old: amber, for sure.

/** Long enough for a poll to come after the server's copy falls due, and for its refresh to fail or succeed. */
const REAL_INTERVALS = { timeout: 2 * POLL_INTERVAL_MS + 10_000 };

const staleBanners = (page: Page) => page.getByRole('alert').filter({ hasText: 'Stale since' });

test.afterEach(async () => {
  await bringOvhUp();
});

test('an upstream outage keeps the data under a stale banner, amber then red, and recovery clears it', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
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

  await takeOvhDown();
  for (const p of pages) {
    const banner = staleBanners(p).first();
    await expect(banner).toBeVisible(REAL_INTERVALS);
    await expect(banner).toHaveClass(/stale-amber/);
    // A poll that comes while the server's refresh is still retrying says so; the next one says why it failed,
    // in the server's words: OVH's status and error class, not its raw message or our upstream's address.
    await expect(banner).toContainText('OVH answered 503 Server::ServiceUnavailable', REAL_INTERVALS);
  }
  // The last good data stays on screen, marked.
  expect(await card.getByRole('definition').allTextContents()).toEqual(figures);
  await expect(hostTiles).toHaveCount(tiles);

  // Three intervals without fresh data: red.
  await fastForward(2 * POLL_INTERVAL_MS);
  for (const p of pages) await expect(staleBanners(p).first()).toHaveClass(/stale-red/);
  await expect(hostTiles).toHaveCount(tiles);

  await bringOvhUp();
  for (const p of pages) await expect(staleBanners(p)).toHaveCount(0, REAL_INTERVALS);
  await expect(card.getByText(/^Updated /)).toBeVisible();
  await expect(wall.getByText(/^Updated /)).toBeVisible();
  await wallContext.close();
});
