import { expect, test } from '@playwright/test';
import { POLL_INTERVAL_MS, VIEWER_DC } from '../support/env';
import { NO_SESSION } from '../support/sign-in';

// An administrator's side of wall displays: create one on the page, hand its link to a screen, see the screen
// check in, revoke it, and the screen goes dark at its next poll.

test('an administrator creates a display, its screen checks in, and revoking it blanks the screen', async ({
  page,
  browser,
}) => {
  const name = `e2e reception ${test.info().workerIndex}-${Date.now()}`;
  await page.goto('/admin/displays');
  await expect(page.getByRole('heading', { level: 1, name: 'Displays' })).toBeVisible();

  await page.getByRole('button', { name: 'New display' }).click();
  const form = page.getByRole('region', { name: 'New display' });
  await form.getByLabel('Name').fill(name);
  await form.getByRole('checkbox', { name: VIEWER_DC.name }).check();
  await form.getByRole('button', { name: 'Create display' }).click();

  const notice = page.getByRole('region', { name: `Link for “${name}”` });
  const link = await notice.getByLabel('Display link').inputValue();
  expect(link).toMatch(/\/wall#token=.+/);
  await notice.getByRole('button', { name: 'I have copied it' }).click();
  await expect(notice).toHaveCount(0);

  // Anchored: while a revocation is being confirmed, a detail row is named "Confirm revoking <name>".
  const row = page.getByRole('row', { name: new RegExp(`^${name}`) });
  // The row's cells after its name: datacenters, last seen, status, actions.
  const lastSeen = row.getByRole('cell').nth(1);
  await expect(lastSeen).toHaveText('Never');
  await expect(row).toContainText('Never connected');

  const screen = await browser.newContext({
    storageState: NO_SESSION,
    viewport: { width: 1920, height: 1080 },
  });
  const wall = await screen.newPage();
  await wall.clock.install();
  await wall.goto(link);
  await expect(wall.getByRole('heading', { level: 1 })).toContainText(VIEWER_DC.name);
  await expect(wall.getByRole('region', { name: 'Hosts' }).getByRole('listitem').first()).toBeVisible();

  await page.reload();
  await expect(lastSeen).not.toHaveText('Never');
  await expect(row).toContainText('Active');

  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await page
    .getByRole('group', { name: `Confirm revoking ${name}` })
    .getByRole('button', { name: 'Revoke display' })
    .click();
  await expect(row).toContainText('Revoked');

  await wall.clock.fastForward(POLL_INTERVAL_MS);
  await expect(wall.getByRole('heading', { name: 'This display has been revoked' })).toBeVisible();
  await expect(wall.getByRole('region', { name: 'Hosts' })).toHaveCount(0);
  await screen.close();
});
