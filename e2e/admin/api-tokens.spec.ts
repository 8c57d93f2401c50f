import { expect, test } from '@playwright/test';
import { OTHER_DC, SERVICE, VIEWER_DC } from '../support/env';

// An administrator's side of API tokens: create one for a script on the page, read the secret once, see the
// script's reads confined to the token's datacenter and its use shown on the page, then revoke it and the
// script's next request is refused.

test('an administrator creates a scoped API token, a script reads its datacenter only, and revoking it locks the script out', async ({
  page,
  playwright,
}) => {
  const name = `e2e report ${test.info().workerIndex}-${Date.now()}`;
  await page.goto('/admin/api-tokens');
  await expect(page.getByRole('heading', { level: 1, name: 'API tokens' })).toBeVisible();

  await page.getByRole('button', { name: 'New token' }).click();
  const form = page.getByRole('region', { name: 'New token' });
  await form.getByLabel('Name').fill(name);
  await form.getByRole('checkbox', { name: VIEWER_DC.name }).check();
  await form.getByRole('button', { name: 'Create token' }).click();

  const notice = page.getByRole('region', { name: `Secret of “${name}”` });
  const secret = await notice.getByLabel('Token secret').inputValue();
  expect(secret.length).toBeGreaterThan(20);
  await notice.getByRole('button', { name: 'I have copied it' }).click();
  await expect(notice).toHaveCount(0);
  const row = page.getByRole('row', { name: new RegExp(`^${name}`) });
  await expect(row).toContainText('Never');

  // The script: no cookie, only the token, as gnocchiclient sends it.
  const script = await playwright.request.newContext({
    baseURL: page.url(),
    extraHTTPHeaders: { 'x-auth-token': secret },
  });
  const search = await script.post('/metering/v1/search/resource/vm', { data: {} });
  expect(search.status()).toBe(200);
  const resources = (await search.json()) as { service: string; datacenter_id: number }[];
  expect(resources.length).toBeGreaterThan(0);
  expect(new Set(resources.map((r) => `${r.service}/${r.datacenter_id}`))).toEqual(
    new Set([`${SERVICE}/${VIEWER_DC.id}`]),
  );
  const other = await script.post('/metering/v1/search/resource/vm', {
    data: { '=': { datacenter_id: OTHER_DC.id } },
  });
  expect(await other.json()).toEqual([]);
  // It may read, never write: the inventory is the source of truth.
  const write = await script.post('/metering/v1/resource/generic', { data: { id: 'made-up' } });
  expect(write.status()).toBe(403);

  await page.reload();
  await expect(row.getByRole('cell').nth(2)).not.toHaveText('Never');

  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await page
    .getByRole('group', { name: `Confirm revoking ${name}` })
    .getByRole('button', { name: 'Revoke token' })
    .click();
  await expect(row).toContainText('Revoked');
  expect((await script.get('/metering/v1/resource/vm')).status()).toBe(401);
  await script.dispose();
});
