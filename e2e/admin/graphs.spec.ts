import { expect, test, type Response } from '@playwright/test';
import { VmListSchema } from '@/shared/api/inventory';
import type { PeriodName, SeriesResponse } from '@/shared/api/series';
import { BASE_URL, VIEWER_DC, apiPath, dcPath } from '../support/env';

// vCenter's own rollups: Day at 5 min, Week at 30 min, Month at 2 h, Year at 1 day.
const POINTS: Record<PeriodName, number> = { day: 288, week: 336, month: 360, year: 365 };
const TABS: [string, PeriodName][] = [
  ['Week', 'week'],
  ['Month', 'month'],
  ['Year', 'year'],
];

test("a VM's Graphs switch between Day, Week, Month and Year, each with its vCenter point count", async ({
  page,
}) => {
  const [listed] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === apiPath(VIEWER_DC.id, 'vms') && r.ok()),
    page.goto(dcPath(VIEWER_DC.id, 'vms')),
  ]);
  const vm = VmListSchema.parse(await listed.json()).items.find((v) => v.powerState === 'poweredOn')!;
  const name = vm.name ?? '';

  const seriesOf = (period: PeriodName) => (r: Response) => {
    const url = new URL(r.url());
    return (
      url.pathname === apiPath(VIEWER_DC.id, `vms/${vm.vmId}/series`) &&
      url.searchParams.get('period') === period &&
      r.ok()
    );
  };
  const expectPeriod = async (response: Response, period: PeriodName) => {
    const body = (await response.json()) as SeriesResponse;
    expect(body.entity).toMatchObject({ kind: 'vms', id: vm.vmId, name });
    expect(body.timestamps).toHaveLength(POINTS[period]);
    expect(body.series.length).toBeGreaterThan(0);
    for (const line of body.series) expect(line.avg, line.metric).toHaveLength(POINTS[period]);
    await expect(page.getByText(new RegExp(`^${POINTS[period]} points, one every `))).toBeVisible();
    await expect(page.getByRole('tab', { name: period[0]!.toUpperCase() + period.slice(1) })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  };

  await page.getByRole('searchbox', { name: 'Filter rows' }).fill(name);
  const [day] = await Promise.all([
    page.waitForResponse(seriesOf('day')),
    page.getByRole('table', { name: 'Virtual machines' }).getByRole('link', { name, exact: true }).click(),
  ]);
  await expect(page).toHaveURL(`${BASE_URL}${dcPath(VIEWER_DC.id, `vms/${vm.vmId}/graphs`)}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`VM ${name}`);
  await expectPeriod(day, 'day');
  for (const chart of ['CPU usage', 'Memory usage', 'CPU ready', 'Disk latency'])
    await expect(page.getByRole('figure', { name: chart })).toBeVisible();

  for (const [tab, period] of TABS) {
    const [response] = await Promise.all([
      page.waitForResponse(seriesOf(period)),
      page.getByRole('tab', { name: tab }).click(),
    ]);
    await expect(page).toHaveURL(new RegExp(`[?&]period=${period}(&|$)`));
    await expectPeriod(response, period);
  }

  // Back to Day from the keyboard (the tabs are one tab stop; arrows move), shown from the cache.
  await page.getByRole('tab', { name: 'Year' }).press('ArrowRight');
  await expect(page).toHaveURL(/[?&]period=day(&|$)/);
  await expect(page.getByText(/^288 points, one every /)).toBeVisible();
});
