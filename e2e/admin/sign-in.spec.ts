import { expect, test } from '@playwright/test';
import { BASE_URL, POLL_INTERVAL_MS, USERS, VIEWER_DC, dcPath } from '../support/env';
import { NO_SESSION, submitSignIn } from '../support/sign-in';

test.describe('without a session', () => {
  test.use({ storageState: NO_SESSION });

  test('a new user is sent to sign in, is told a wrong password, then lands on the datacenters and picks one', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login\?next=%2F$/);

    await submitSignIn(page, { username: USERS.admin.username, password: 'not-the-password' });
    await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');
    await expect(page).toHaveURL(/\/login/);

    await submitSignIn(page, USERS.admin);
    await expect(page).toHaveURL(`${BASE_URL}/`);
    await expect(page.getByRole('heading', { level: 1, name: 'Datacenters' })).toBeVisible();

    const card = page.getByRole('article', { name: VIEWER_DC.name });
    await expect(card.getByText(/^Updated /)).toBeVisible();
    await card.getByRole('heading', { name: VIEWER_DC.name }).getByRole('link').click();
    await expect(page).toHaveURL(`${BASE_URL}${dcPath(VIEWER_DC.id, 'hosts')}`);
    await expect(page.getByRole('combobox', { name: 'Datacenter' })).toHaveValue(dcPath(VIEWER_DC.id));
  });
});

test('an expired session goes to the login page keeping the address, and signing in returns there', async ({
  page,
  context,
}) => {
  await page.clock.install();
  const address = `${dcPath(VIEWER_DC.id, 'vms')}?sort=-cpu&power=poweredOn&theme=dark&tz=utc`;
  await page.goto(address);
  const table = page.getByRole('table', { name: 'Virtual machines' });
  await expect(table.locator('tbody').getByRole('row').first()).toBeVisible();

  // The server no longer knows the browser's session, as after its idle timeout; the next poll finds out.
  await context.addCookies([{ name: 'vscope_session', value: 'expired', url: BASE_URL }]);
  await page.clock.fastForward(POLL_INTERVAL_MS);

  await expect(page).toHaveURL(/\/login\?/);
  const login = new URL(page.url());
  expect(login.searchParams.get('next')).toBe(address);
  expect(login.searchParams.get('expired')).toBe('1');
  expect(login.searchParams.get('theme')).toBe('dark');
  await expect(page.getByRole('status')).toHaveText('Your session has expired, sign in again.');

  await submitSignIn(page, USERS.admin);
  await expect(page).toHaveURL(`${BASE_URL}${address}`);
  await expect(table.getByRole('columnheader', { name: 'CPU', exact: true })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect(page.getByText(/^Power:\s*On$/)).toBeVisible();
});
