import { expect, test, type Page } from '@playwright/test';
import { createDisplay, revokeDisplay } from '../support/displays';
import { BASE_URL, OTHER_DC, POLL_INTERVAL_MS, SERVICE, VIEWER_DC } from '../support/env';

// A NOC screen opened with a display link: no user session of its own (the project gives it none), the token
// in the link's fragment its only credential. Displays are made through the admin API.

const BOTH_DCS = [
  { serviceName: SERVICE, datacenterId: VIEWER_DC.id },
  { serviceName: SERVICE, datacenterId: OTHER_DC.id },
];

const wallHeading = (page: Page) => page.getByRole('heading', { level: 1 });
const hostTiles = (page: Page) => page.getByRole('region', { name: 'Hosts' }).getByRole('listitem');

async function expectNoLoginForm(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Sign in' })).toHaveCount(0);
  await expect(page.getByLabel('Password')).toHaveCount(0);
}

test('a display link shows the wall with no login, and the token leaves the address, the history and the page', async ({
  page,
  context,
}) => {
  const { token, link } = await createDisplay({
    name: 'e2e lobby screen',
    scope: [BOTH_DCS[0]!],
    wall: { rotateSeconds: 0 },
  });
  await page.goto(link);
  await expect(wallHeading(page)).toContainText(VIEWER_DC.name);
  await expect(hostTiles(page).first()).toBeVisible();
  await expect(page.getByText(/^Updated /)).toBeVisible();
  await expectNoLoginForm(page);

  const address = new URL(page.url());
  expect(address.pathname).toBe('/wall');
  expect(address.hash).toBe('');
  expect(page.url()).not.toContain(token);
  const traces = await page.evaluate(() => ({
    html: document.documentElement.outerHTML,
    storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    length: history.length,
  }));
  expect(traces.html).not.toContain(token);
  expect(traces.storage).not.toContain(token);
  // The link's entry was replaced, not added to: the tab's history is the blank page, then the wall.
  expect(traces.length).toBe(2);
  await page.goBack();
  expect(page.url()).toBe('about:blank');
  await page.goForward();
  expect(new URL(page.url()).pathname).toBe('/wall');
  expect(page.url()).not.toContain(token);
  await expect(hostTiles(page).first()).toBeVisible();

  // The token itself is kept only where scripts cannot read it.
  const cookies = await context.cookies();
  expect(cookies.find((c) => c.name === 'vscope_display')).toMatchObject({
    httpOnly: true,
    path: '/api/display-session',
  });

  // A reload has no token in the address any more, and needs none.
  await page.reload();
  await expect(hostTiles(page).first()).toBeVisible();
  await expectNoLoginForm(page);
});

test('a lapsed session is re-established from the display cookie without anyone typing', async ({
  page,
  context,
}) => {
  const { link } = await createDisplay({ name: 'e2e night shift', scope: [BOTH_DCS[0]!] });
  await page.clock.install();
  await page.goto(link);
  await expect(hostTiles(page).first()).toBeVisible();

  // The server no longer knows the screen's session (idle timeout, wiped database).
  await context.addCookies([{ name: 'vscope_session', value: 'lapsed', url: BASE_URL }]);
  const [exchanged] = await Promise.all([
    page.waitForResponse((r) => r.url() === `${BASE_URL}/api/display-session` && r.status() === 200),
    page.clock.fastForward(POLL_INTERVAL_MS),
  ]);
  expect(exchanged.request().method()).toBe('POST');
  await expect(hostTiles(page).first()).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expectNoLoginForm(page);
});

test('the wall rotates through the datacenters of its display', async ({ page }) => {
  const { link } = await createDisplay({
    name: 'e2e rotation',
    scope: BOTH_DCS,
    wall: { rotateSeconds: 15, pages: ['overview'] },
  });
  await page.clock.install();
  await page.goto(link);
  await expect(wallHeading(page)).toContainText(VIEWER_DC.name);
  await expect(page.getByText('screen 1 of 2')).toBeVisible();
  await expect(hostTiles(page).first()).toBeVisible();

  await page.clock.fastForward(15_000);
  await expect(wallHeading(page)).toContainText(OTHER_DC.name);
  await expect(page.getByText('screen 2 of 2')).toBeVisible();
  await expect(hostTiles(page).first()).toBeVisible();

  await page.clock.fastForward(15_000);
  await expect(wallHeading(page)).toContainText(VIEWER_DC.name);
  await expect(page.getByText('screen 1 of 2')).toBeVisible();
});

test('a revoked display stops showing data within one poll', async ({ page }) => {
  const { display, link } = await createDisplay({ name: 'e2e to revoke', scope: [BOTH_DCS[0]!] });
  await page.clock.install();
  await page.goto(link);
  await expect(hostTiles(page).first()).toBeVisible();

  await revokeDisplay(display.id);
  await page.clock.fastForward(POLL_INTERVAL_MS);
  await expect(page.getByRole('heading', { name: 'This display has been revoked' })).toBeVisible();
  await expect(hostTiles(page)).toHaveCount(0);
  await expect(page.getByText(/^Updated /)).toHaveCount(0);
  await expectNoLoginForm(page);

  // Reopening the screen does not bring the data back either: the server dropped its display cookie.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'This screen is not signed in' })).toBeVisible();
  await expect(hostTiles(page)).toHaveCount(0);
});

const SCREENS = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];

test('every wall page fits a 1080p and a 4K screen without scrollbars', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const { link } = await createDisplay({
    name: 'e2e fit',
    scope: [BOTH_DCS[0]!],
    wall: { rotateSeconds: 0 },
  });
  await page.goto(link);
  await expect(hostTiles(page).first()).toBeVisible();

  for (const screen of SCREENS) {
    await page.setViewportSize(screen);
    for (const kind of ['overview', 'hosts', 'vms', 'filers', 'alerts']) {
      await page.goto(`/wall?pages=${kind}`);
      await expect(page.getByText(/^Updated /)).toBeVisible();
      await expect(page.getByRole('region').first()).toBeVisible();
      const size = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        scrollHeight: document.documentElement.scrollHeight,
        innerWidth: window.innerWidth,
        innerHeight: window.innerHeight,
      }));
      const where = `${kind} at ${screen.width}×${screen.height}`;
      expect(size.scrollHeight, where).toBeLessThanOrEqual(size.innerHeight);
      expect(size.scrollWidth, where).toBeLessThanOrEqual(size.innerWidth);
      if (kind === 'overview') {
        const path = testInfo.outputPath(`wall-${screen.width}x${screen.height}.png`);
        await page.screenshot({ path, animations: 'disabled' });
        await testInfo.attach(`wall ${screen.width}×${screen.height}`, { path, contentType: 'image/png' });
      }
    }
  }
});
