import { expect, test } from '@playwright/test';
import { POLL_INTERVAL_MS, VIEWER_DC } from '../support/env';

// The browser losing the server (the upstream-outage case, which needs the server's real refresh interval, is in
// outage/): polls fail at once, so the browser's clock alone drives it.

test('when the server cannot be reached the data stays on screen, marked stale, until it answers again', async ({
  page,
}) => {
  await page.clock.install();
  await page.goto('/');
  const card = page.getByRole('article', { name: VIEWER_DC.name });
  await expect(card.getByText(/^Updated /)).toBeVisible();
  const figures = card.getByText(/connected$/);
  const before = await figures.textContent();
  const stale = page.getByRole('alert').filter({ hasText: 'Stale since' });
  await expect(stale).toHaveCount(0);

  await page.route('**/api/**', (route) => route.abort('connectionrefused'));
  // The poll fails, is retried once a few seconds later, fails again: then the banner.
  await expect(async () => {
    await page.clock.fastForward(5_000);
    await expect(stale.first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await page.clock.fastForward(POLL_INTERVAL_MS);
  await expect(stale.first()).toContainText('The server cannot be reached.');
  await expect(figures).toHaveText(before ?? '');

  await page.unroute('**/api/**');
  await expect(async () => {
    await page.clock.fastForward(5_000);
    await expect(stale).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(figures).toHaveText(before ?? '');
});
