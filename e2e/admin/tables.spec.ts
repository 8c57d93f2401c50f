import { readFile } from 'node:fs/promises';
import { expect, test, type Page, type Response } from '@playwright/test';
import { LIST_SCHEMAS, type InventoryKind, type InventoryList } from '@/shared/api/inventory';
import { BASE_URL, VIEWER_DC, dcPath } from '../support/env';

// Filers, Hosts and VMs of a datacenter: walked through the tabs, sorted and filtered with the state in the URL,
// exported as CSV. Expected figures come from the API answers the page itself received.

const isList = (kind: string) => (response: Response) =>
  response.url().startsWith(`${BASE_URL}/api/`) &&
  new URL(response.url()).pathname.endsWith(`/datacenters/${VIEWER_DC.id}/${kind}`) &&
  response.ok();

async function listFrom<K extends InventoryKind>(
  page: Page,
  kind: K,
  action: () => Promise<unknown>,
): Promise<InventoryList<K>['items']> {
  const [response] = await Promise.all([page.waitForResponse(isList(kind)), action()]);
  return (LIST_SCHEMAS[kind].parse(await response.json()) as InventoryList<K>).items;
}

/** The data rows of a table (the header row and the virtualiser's spacers excluded). */
const dataRows = (page: Page, name: string) =>
  page.getByRole('table', { name }).locator('tbody').getByRole('row');

test('a user walks the Filers, Hosts and VMs of a datacenter', async ({ page }) => {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const hosts = await listFrom(page, 'hosts', () => page.goto(dcPath(VIEWER_DC.id)));
  await expect(page).toHaveURL(`${BASE_URL}${dcPath(VIEWER_DC.id, 'hosts')}`);
  const sections = page.getByRole('navigation', { name: 'Datacenter sections' });
  await expect(sections.getByRole('link', { name: 'Hosts' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('status').filter({ hasText: plural(hosts.length, 'host') })).toBeVisible();
  await expect(dataRows(page, 'Hosts').first()).toBeVisible();

  for (const [tab, title, kind, word] of [
    ['Filers', 'Filers', 'filers', 'filer'],
    ['VMs', 'Virtual machines', 'vms', 'VM'],
  ] as const) {
    const items = await listFrom(page, kind, () => sections.getByRole('link', { name: tab }).click());
    await expect(page).toHaveURL(`${BASE_URL}${dcPath(VIEWER_DC.id, kind)}`);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    expect(items.length).toBeGreaterThan(0);
    await expect(page.getByRole('status').filter({ hasText: plural(items.length, word) })).toBeVisible();
    await expect(dataRows(page, title).first()).toBeVisible();
    await expect(page.getByText(/^Updated /)).toBeVisible();
  }

  // Back to a table seen a moment ago: shown at once from what was fetched, no spinner.
  await sections.getByRole('link', { name: 'Hosts' }).click();
  await expect(dataRows(page, 'Hosts').first()).toBeVisible();
});

test('sort and filters live in the URL, survive a reload, and the CSV export is the current view', async ({
  page,
}) => {
  const vms = await listFrom(page, 'vms', () => page.goto(dcPath(VIEWER_DC.id, 'vms')));
  const table = page.getByRole('table', { name: 'Virtual machines' });
  const rows = dataRows(page, 'Virtual machines');
  await expect(rows.first()).toBeVisible();

  // Numbers sort highest first.
  const cpuHeader = table.getByRole('columnheader', { name: 'CPU', exact: true });
  await cpuHeader.getByRole('button').click();
  await expect(page).toHaveURL(/[?&]sort=-cpu(&|$)/);
  await expect(cpuHeader).toHaveAttribute('aria-sort', 'descending');
  const busiest = [...vms].sort((a, b) => (b.cpuPercent ?? -1) - (a.cpuPercent ?? -1))[0]!;
  await expect(rows.first().getByRole('link').first()).toHaveText(busiest.name ?? '');

  // A state filter: powered-off VMs only.
  const off = vms.filter((vm) => vm.powerState === 'poweredOff');
  expect(off.length).toBeGreaterThan(0);
  await page.getByText('Power:').click();
  // The box follows the URL, so it is ticked once the navigation lands: click, then wait for it.
  await page.getByRole('checkbox', { name: /^Off/ }).click();
  await expect(page.getByRole('checkbox', { name: /^Off/ })).toBeChecked();
  await expect(page).toHaveURL(/[?&]power=poweredOff(&|$)/);
  await expect(page.getByRole('status').filter({ hasText: `· ${off.length} shown` })).toBeVisible();
  await page.keyboard.press('Escape');

  // And a text filter on top, by name.
  const wanted = off[0]!.name ?? '';
  await page.getByRole('searchbox', { name: 'Filter rows' }).fill(wanted);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(wanted)}(&|$)`));
  const matching = off.filter((vm) => (vm.name ?? '').toLowerCase().includes(wanted.toLowerCase()));
  await expect(rows).toHaveCount(matching.length);

  const address = page.url();
  await page.reload();
  expect(page.url()).toBe(address);
  await expect(page.getByRole('searchbox', { name: 'Filter rows' })).toHaveValue(wanted);
  await expect(table.getByRole('columnheader', { name: 'CPU', exact: true })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect(page.getByText(/^Power:\s*Off$/)).toBeVisible();
  await expect(rows).toHaveCount(matching.length);
  await expect(rows.first().getByRole('link').first()).toHaveText(wanted);

  // The export is what the table shows: its filtered rows, sorted, with a header line.
  await page.getByRole('searchbox', { name: 'Filter rows' }).fill('');
  await expect(page.getByRole('status').filter({ hasText: `· ${off.length} shown` })).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    new RegExp(`^pcc-37-187-228-180-${VIEWER_DC.id}-vms-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
  );
  const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^Name,moRef,Power,/);
  expect(lines).toHaveLength(off.length + 1);
  const byCpu = [...off].sort((a, b) => (b.cpuPercent ?? -1) - (a.cpuPercent ?? -1));
  expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(byCpu.map((vm) => vm.name ?? ''));
});
