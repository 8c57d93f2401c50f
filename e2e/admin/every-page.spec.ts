import { expect, test, type Page } from '@playwright/test';
import { VmListSchema } from '@/shared/api/inventory';
import { CAPACITY_GRANULARITIES } from '@/shared/capacity/catalog';
import { apiTokenNames, createApiToken } from '../support/api-tokens';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { createDisplay, displayNames, exchangeToken } from '../support/displays';
import { OTHER_DC, SERVICE, VIEWER_DC, apiPath, dcPath } from '../support/env';
import { saveScreenshot } from '../support/screenshots';
import { NO_SESSION } from '../support/sign-in';

// Each page of the app, in the light and the dark theme (the system's, as a first visit sees it): axe finds no
// serious or critical WCAG 2 A/AA violation, and the page's picture is taken for the README.

interface AppPage {
  name: string;
  path: string;
  signedIn: boolean;
  /** Resolves once the page shows its data, not a spinner. */
  ready: (page: Page) => Promise<void>;
  /** A wall is pictured on the screen it is made for. */
  viewport?: { width: number; height: number };
}

const tableReady = (name: string) => async (page: Page) => {
  await expect(page.getByRole('table', { name }).locator('tbody').getByRole('row').first()).toBeVisible();
  await expect(page.getByText(/^Updated /)).toBeVisible();
};

/** The first VM of the demo's first datacenter (seed 1): `k8s-worker-staging-01`. */
const GRAPHS_VM = 1003;
/** A VM of the same datacenter whose simulated guest agent reports: `db-staging-11`. */
const PROCESSES_VM = 1041;

/**
 * Whether the demo's capacity backfill has reached every VM of the viewer's datacenter at every granularity of
 * the rollup policy: each of the inventory's VMs counted at the oldest point and at the newest.
 */
async function backfilledVms(page: Page): Promise<'complete' | 'partial'> {
  const inventory = VmListSchema.parse(await (await page.request.get(apiPath(VIEWER_DC.id, 'vms'))).json());
  const vms = inventory.items.filter((vm) => vm.powerState !== 'deleted').length;
  for (const granularity of CAPACITY_GRANULARITIES) {
    const response = await page.request.post(`/metering/v1/aggregates?granularity=${granularity}`, {
      data: {
        operations: '(aggregate count (metric vcpus mean))',
        resource_type: 'vm',
        search: `service = "${SERVICE}" and datacenter_id = ${VIEWER_DC.id}`,
      },
    });
    if (!response.ok()) return 'partial';
    const counts = ((await response.json()) as { measures: { aggregated: [string, number, number][] } })
      .measures.aggregated;
    if (counts.length < 2 || counts[0]?.[2] !== vms || counts.at(-1)?.[2] !== vms) return 'partial';
  }
  return 'complete';
}

const PAGES: AppPage[] = [
  {
    name: 'login',
    path: '/login',
    signedIn: false,
    ready: (page) => expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible(),
  },
  {
    name: 'datacenters',
    path: '/',
    signedIn: true,
    ready: async (page) => {
      for (const dc of [VIEWER_DC, OTHER_DC])
        await expect(page.getByRole('article', { name: dc.name }).getByText(/^Updated /)).toBeVisible();
    },
  },
  { name: 'filers', path: dcPath(VIEWER_DC.id, 'filers'), signedIn: true, ready: tableReady('Filers') },
  { name: 'hosts', path: dcPath(VIEWER_DC.id, 'hosts'), signedIn: true, ready: tableReady('Hosts') },
  { name: 'vms', path: dcPath(VIEWER_DC.id, 'vms'), signedIn: true, ready: tableReady('Virtual machines') },
  {
    name: 'graphs',
    path: dcPath(VIEWER_DC.id, `vms/${GRAPHS_VM}/graphs?period=week`),
    signedIn: true,
    ready: async (page) => {
      await expect(page.getByText(/^336 points, one every /)).toBeVisible();
      await expect(page.getByRole('figure', { name: 'Disk latency' }).locator('svg').first()).toBeVisible();
    },
  },
  {
    name: 'processes',
    path: dcPath(VIEWER_DC.id, `vms/${PROCESSES_VM}/processes`),
    signedIn: true,
    ready: async (page) => {
      await tableReady('Processes')(page);
      await expect(page.getByRole('figure', { name: 'CPU usage' }).locator('svg').first()).toBeVisible();
    },
  },
  {
    name: 'capacity',
    path: dcPath(VIEWER_DC.id, 'capacity?period=month&group=folder'),
    signedIn: true,
    ready: async (page) => {
      // For the README's picture the server backfills a year (playwright.config.ts), piece by piece: wait for
      // all of it, then draw.
      if (process.env.SCREENSHOT_DIR) {
        test.setTimeout(300_000);
        await expect
          .poll(() => backfilledVms(page), { timeout: 240_000, intervals: [2_000] })
          .toBe('complete');
        await page.reload();
      }
      await expect(page.getByRole('rowheader', { name: 'Total' })).toBeVisible();
      await expect(
        page.getByRole('figure', { name: 'vCPUs provisioned to VMs' }).locator('svg').first(),
      ).toBeVisible();
    },
  },
  {
    // An administrator may open the wall with their own session; a screen uses a display link (see wall/).
    name: 'wall',
    path: `/wall?dc=${SERVICE}:${VIEWER_DC.id}&rotate=0`,
    signedIn: true,
    viewport: { width: 1920, height: 1080 },
    ready: async (page) => {
      await expect(page.getByRole('region', { name: 'Hosts' }).getByRole('listitem').first()).toBeVisible();
      await expect(page.getByText(/^Updated /)).toBeVisible();
    },
  },
  {
    name: 'displays',
    path: '/admin/displays',
    signedIn: true,
    ready: (page) => expect(page.getByRole('table', { name: 'Displays' })).toBeVisible(),
  },
  {
    name: 'api-tokens',
    path: '/admin/api-tokens',
    signedIn: true,
    ready: (page) => expect(page.getByRole('table', { name: 'API tokens' })).toBeVisible(),
  },
];

// The admin pages list a couple of screens, one of them in use, and a script's token, rather than their empty
// states.
test.beforeAll(async () => {
  const existing = await displayNames();
  if (!existing.includes('NOC main wall')) {
    const { token } = await createDisplay({
      name: 'NOC main wall',
      scope: [
        { serviceName: SERVICE, datacenterId: VIEWER_DC.id },
        { serviceName: SERVICE, datacenterId: OTHER_DC.id },
      ],
      wall: { rotateSeconds: 60, pages: ['overview', 'alerts'] },
    });
    await exchangeToken(token);
  }
  if (!existing.includes('Lobby'))
    await createDisplay({ name: 'Lobby', scope: [{ serviceName: SERVICE, datacenterId: VIEWER_DC.id }] });
  if (!(await apiTokenNames()).includes('Monthly capacity report'))
    await createApiToken({
      name: 'Monthly capacity report',
      scope: [{ serviceName: SERVICE, datacenterId: VIEWER_DC.id }],
    });
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });
    for (const appPage of PAGES) {
      test.describe(() => {
        if (!appPage.signedIn) test.use({ storageState: NO_SESSION });
        if (appPage.viewport) test.use({ viewport: appPage.viewport });
        test(`${appPage.name}: accessible, and pictured`, async ({ page }, testInfo) => {
          // The wall has a theme of its own (dark unless told): the URL tells it which.
          const separator = appPage.path.includes('?') ? '&' : '?';
          await page.goto(
            appPage.name === 'wall' ? `${appPage.path}${separator}theme=${colorScheme}` : appPage.path,
          );
          await appPage.ready(page);
          await saveScreenshot(page, testInfo, `${appPage.name}-${colorScheme}`);
          await expectNoSeriousA11yViolations(page);
        });
      });
    }
  });
}
