import { expect, test, type Page, type Response } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { BASE_URL, SERVICE, VIEWER_DC, dcPath } from '../support/env';

// The Capacity page against the real server: the demo's metering (synced from the inventory, a year backfilled
// from the simulator) read through the mounted Gnocchi API with the browser's session. A search, a grouping, a
// bad filter shown inline at its position, and the whole view surviving a reload.

const DC_FILTER = `service = "${SERVICE}" and datacenter_id = ${VIEWER_DC.id}`;

interface SentAggregates {
  query: URLSearchParams;
  body: { operations: string; resource_type: string; search: string };
}

function sentAggregates(response: Response): SentAggregates | undefined {
  const url = new URL(response.url());
  if (url.pathname !== '/metering/v1/aggregates' || response.request().method() !== 'POST') return undefined;
  return { query: url.searchParams, body: response.request().postDataJSON() as SentAggregates['body'] };
}

/** The VMs' aggregates request (not the hosts'), answered, and matching `where`. */
const vmAggregates =
  (where: (sent: SentAggregates) => boolean = () => true, status = 200) =>
  (response: Response) => {
    const sent = sentAggregates(response);
    return (
      sent !== undefined && sent.body.resource_type === 'vm' && response.status() === status && where(sent)
    );
  };

const searchbox = (page: Page) => page.getByRole('searchbox', { name: 'Filter (Gnocchi query syntax)' });

test('Capacity shows provisioned vCPUs, groups by folder, searches, and keeps it all across a reload', async ({
  page,
}) => {
  const [first] = await Promise.all([
    page.waitForResponse(vmAggregates()),
    page.goto(dcPath(VIEWER_DC.id, 'capacity?period=month')),
  ]);
  const sent = sentAggregates(first)!;
  expect(sent.body).toEqual({
    operations: '(aggregate sum (metric vcpus mean))',
    resource_type: 'vm',
    search: DC_FILTER,
  });
  expect(sent.query.get('granularity')).toBe('7200');
  await expect(page.getByRole('tab', { name: 'Month' })).toHaveAttribute('aria-selected', 'true');
  await expect(
    page.getByRole('figure', { name: 'vCPUs provisioned to VMs' }).locator('svg').first(),
  ).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'All matching resources' })).toBeVisible();

  // A grouping: one request with groupby, one row per folder under a total.
  const [grouped] = await Promise.all([
    page.waitForResponse(vmAggregates((s) => s.query.get('groupby') === 'folder')),
    page.getByRole('combobox', { name: 'Group by' }).selectOption({ label: 'Folder' }),
  ]);
  const folders = ((await grouped.json()) as { group: { folder: string | null } }[]).map(
    (g) => g.group.folder,
  );
  expect(folders.length).toBeGreaterThan(1);
  await expect(page.getByRole('rowheader', { name: 'Total' })).toBeVisible();
  for (const folder of folders.filter((f): f is string => Boolean(f)).slice(0, 3))
    await expect(page.getByRole('rowheader', { name: folder, exact: true })).toBeVisible();

  // A search: the user's text first, ANDed with the datacenter's own filter.
  await searchbox(page).fill('power_state = "poweredOn"');
  const [searched] = await Promise.all([
    page.waitForResponse(vmAggregates((s) => s.body.search.startsWith('(power_state'))),
    searchbox(page).press('Enter'),
  ]);
  expect(sentAggregates(searched)!.body.search).toBe(`(power_state = "poweredOn") and ${DC_FILTER}`);
  await expect(page.getByRole('rowheader', { name: 'Total' })).toBeVisible();
  await expect(page).toHaveURL(/group=folder/);
  await expect(page).toHaveURL(/q=power_state/);

  // The view is the URL: a reload asks the same question and shows the same controls.
  const [reloaded] = await Promise.all([
    page.waitForResponse(vmAggregates((s) => s.query.get('groupby') === 'folder')),
    page.reload(),
  ]);
  expect(sentAggregates(reloaded)!.body.search).toBe(`(power_state = "poweredOn") and ${DC_FILTER}`);
  await expect(searchbox(page)).toHaveValue('power_state = "poweredOn"');
  await expect(page.getByRole('combobox', { name: 'Group by' })).toHaveValue('folder');
  await expect(page.getByRole('tab', { name: 'Month' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('rowheader', { name: 'Total' })).toBeVisible();
});

test('a bad filter is shown inline, at its position in the text typed, and the page stays accessible', async ({
  page,
}) => {
  await Promise.all([page.waitForResponse(vmAggregates()), page.goto(dcPath(VIEWER_DC.id, 'capacity'))]);

  await searchbox(page).fill('name = ');
  const [refused] = await Promise.all([
    page.waitForResponse(vmAggregates(() => true, 400)),
    searchbox(page).press('Enter'),
  ]);
  expect(((await refused.json()) as { description: string }).description).toMatch(
    /^Invalid filter: .*\(at char 8\)/,
  );

  const problem = page.getByRole('alert').filter({ hasText: 'The filter is not valid at character 8.' });
  await expect(problem).toBeVisible();
  await expect(searchbox(page)).toHaveAttribute('aria-invalid', 'true');
  // The filter is in the URL (beside whatever else the page keeps there, such as a period chosen before).
  await expect(page).toHaveURL(
    (url) => url.pathname === dcPath(VIEWER_DC.id, 'capacity') && url.searchParams.get('q') === 'name = ',
  );
  await expectNoSeriousA11yViolations(page);
});

test("the datacenter card's vCPU ratio links to Capacity", async ({ page }) => {
  await page.goto('/');
  const card = page.getByRole('article', { name: VIEWER_DC.name });
  await expect(card.getByText(/^\d+(\.\d)?:1 · /)).toBeVisible();
  await card.getByRole('link', { name: 'vCPU ratio' }).click();
  await expect(page).toHaveURL(`${BASE_URL}${dcPath(VIEWER_DC.id, 'capacity')}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Capacity');
});
