import { expect, test } from '@playwright/test';
import { OTHER_DC, SERVICE, VIEWER_DC, apiPath, dcPath } from '../support/env';

// The demo viewer inherits the rights of the PCC user `dev`: the first datacenter only.

test('a viewer sees only the datacenter they have rights on', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('article', { name: VIEWER_DC.name })).toBeVisible();
  await expect(page.getByRole('article', { name: OTHER_DC.name })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Displays' })).toHaveCount(0);
});

test('a viewer who opens another datacenter by its address is told so and shown none of its data', async ({
  page,
}) => {
  const forbidden: number[] = [];
  page.on('response', (response) => {
    if (response.url().includes(`/datacenters/${OTHER_DC.id}/`) && response.ok())
      forbidden.push(response.status());
  });
  for (const section of ['hosts', 'vms', 'filers']) {
    await page.goto(dcPath(OTHER_DC.id, section));
    await expect(page.getByRole('alert')).toContainText(
      `Datacenter ${OTHER_DC.id} of ${SERVICE} does not exist, or you may not see it.`,
    );
    await expect(page.getByRole('table')).toHaveCount(0);
    await expect(page.getByRole('grid')).toHaveCount(0);
  }
  expect(forbidden, 'the other datacenter answered with data').toEqual([]);

  // The server enforces the same rights whatever the page does.
  for (const rest of ['summary', 'hosts', 'vms', 'filers']) {
    const response = await page.request.get(apiPath(OTHER_DC.id, rest));
    expect(response.status(), rest).toBe(403);
  }
});

test('a viewer cannot manage wall displays, on the page or through the API', async ({ page }) => {
  await page.goto('/admin/displays');
  await expect(page.getByRole('alert')).toContainText('Only administrators can do this.');
  await expect(page.getByRole('table', { name: 'Displays' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'New display' })).toHaveCount(0);
  expect((await page.request.get('/api/displays')).status()).toBe(403);
});
