import { readFile } from 'node:fs/promises';
import { expect, test, type Page, type Response } from '@playwright/test';
import { BASE_URL, SERVICE, VIEWER_DC, apiPath, dcPath } from '../support/env';

// A VM's Processes page against the demo's simulated guest agents (seed 1, src/simulator/guest/fleet.ts):
// reached from the VM's Graphs and from the VMs table, its processes sorted, filtered and exported, a process's
// own history, Live and Stop, and the pages of VMs whose agent is silent, missing, or whose VM is off.

/** A Linux database VM whose agent reports: systemd, sshd and postgres run in it. */
const AGENT_VM = { id: 1041, name: 'db-staging-11' } as const;
/** An agent that stopped reporting two hours before the simulator started. */
const SILENT_VM = { id: 1003, name: 'k8s-worker-staging-01' } as const;
/** Powered on with VMware Tools running, but no agent inside. */
const NO_AGENT_VM = { id: 1126, name: 'etl-staging-34' } as const;
/** Powered off, so no agent reports. */
const OFF_VM = { id: 1050, name: 'k8s-worker-prod-14' } as const;

const processesPath = (vmId: number) => dcPath(VIEWER_DC.id, `vms/${vmId}/processes`);
const isOverview = (vmId: number) => (r: Response) =>
  new URL(r.url()).pathname === apiPath(VIEWER_DC.id, `vms/${vmId}/guest`) && r.ok();

/** The header's line naming the VM's agent state. */
const agentState = (page: Page) => page.locator('.guest-agent');

const processRows = (page: Page) =>
  page.getByRole('table', { name: 'Processes' }).locator('tbody').getByRole('row');

test("a VM's Processes open from its Graphs: its agent, summary and processes", async ({ page }) => {
  await page.goto(dcPath(VIEWER_DC.id, `vms/${AGENT_VM.id}/graphs`));
  const tabs = page.getByRole('navigation', { name: 'VM pages' });
  await expect(tabs.getByRole('link', { name: 'Graphs' })).toHaveAttribute('aria-current', 'page');
  await Promise.all([
    page.waitForResponse(isOverview(AGENT_VM.id)),
    tabs.getByRole('link', { name: 'Processes' }).click(),
  ]);
  await expect(page).toHaveURL(`${BASE_URL}${processesPath(AGENT_VM.id)}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`VM ${AGENT_VM.name}`);
  await expect(agentState(page)).toContainText('Reporting');
  const summary = page.getByRole('region', { name: 'Inside the VM' });
  await expect(summary.getByRole('figure', { name: 'CPU usage' }).locator('svg').first()).toBeVisible();
  await expect(processRows(page).first()).toBeVisible();
  // The table renders only the rows near the viewport, so each process is looked for through the filter.
  const filter = page.getByRole('searchbox', { name: 'Filter rows' });
  for (const name of ['systemd', 'sshd']) {
    await filter.fill(name);
    await expect(processRows(page).getByRole('button', { name, exact: true }).first()).toBeVisible();
  }
});

test('processes filter in the URL, and export the filtered view as CSV', async ({ page }) => {
  await page.goto(processesPath(AGENT_VM.id));
  await expect(processRows(page).first()).toBeVisible();
  await page.getByRole('searchbox', { name: 'Filter rows' }).fill('sshd');
  await expect(page).toHaveURL(/[?&]q=sshd/);
  const rows = processRows(page);
  await expect(rows.first()).toContainText('sshd');
  for (const row of await rows.all()) await expect(row).toContainText('sshd');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    new RegExp(`^${SERVICE}-${VIEWER_DC.id}-vm-${AGENT_VM.id}-processes-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
  );
  const lines = (await readFile(await download.path(), 'utf8'))
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  expect(lines[0]).toBe('Name,PID,State,CPU (%),Memory (%),Disk read (B/s),Disk write (B/s),Started,Ended');
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines.slice(1)) expect(line).toContain('sshd');
});

test("a process's own history opens as charts, kept in the URL", async ({ page }) => {
  await page.goto(processesPath(AGENT_VM.id));
  const [history] = await Promise.all([
    page.waitForResponse(
      (r) => new URL(r.url()).pathname === apiPath(VIEWER_DC.id, `vms/${AGENT_VM.id}/guest/processes/sshd`),
    ),
    processRows(page).getByRole('button', { name: 'sshd', exact: true }).first().click(),
  ]);
  expect(history.ok()).toBe(true);
  await expect(page).toHaveURL(/[?&]process=sshd/);
  const panel = page.getByRole('region', { name: 'History of sshd' });
  await expect(panel.getByRole('figure', { name: 'CPU usage' }).locator('svg').first()).toBeVisible();

  await page.reload();
  await expect(page.getByRole('region', { name: 'History of sshd' })).toBeVisible();
  await page.getByRole('button', { name: 'Close the history' }).click();
  await expect(page.getByRole('region', { name: 'History of sshd' })).toBeHidden();
});

test('Live asks for 3 s reports, polls at that pace with the mode shown, and Stop ends it', async ({
  page,
}) => {
  await page.goto(processesPath(AGENT_VM.id));
  await expect(processRows(page).first()).toBeVisible();
  const [live] = await Promise.all([
    page.waitForResponse(
      (r) =>
        r.request().method() === 'POST' &&
        new URL(r.url()).pathname === apiPath(VIEWER_DC.id, `vms/${AGENT_VM.id}/guest/live`),
    ),
    page.getByRole('button', { name: 'Live', exact: true }).click(),
  ]);
  expect(live.ok()).toBe(true);
  await expect(page.getByText(/^Live · every 3 s · until \d{2}:\d{2}/)).toBeVisible();

  // Two polls within the 10 s of the normal pace: the page follows the live one.
  const first = await page.waitForResponse(isOverview(AGENT_VM.id), { timeout: 5_000 });
  const firstAt = Date.now();
  await page.waitForResponse(isOverview(AGENT_VM.id), { timeout: 5_000 });
  expect(Date.now() - firstAt).toBeLessThan(5_000);
  expect(first.ok()).toBe(true);

  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByText(/^Live ·/)).toBeHidden();
  await expect(page.getByRole('button', { name: 'Live', exact: true })).toBeVisible();
});

test('a VM without an agent says what to install and the instance id to report as', async ({ page }) => {
  await page.goto(processesPath(NO_AGENT_VM.id));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`VM ${NO_AGENT_VM.name}`);
  await expect(page.getByText('No guest agent reports for this VM.')).toBeVisible();
  await expect(page.getByText(/vm-monitor-agent/)).toContainText(`${SERVICE}/vm-${NO_AGENT_VM.id}`);
  await expect(page.getByRole('button', { name: 'Live', exact: true })).toBeHidden();
});

test("a silent agent's page says since when, and still shows its last report", async ({ page }) => {
  await page.goto(processesPath(SILENT_VM.id));
  await expect(page.getByText(/The guest agent has been silent since /)).toBeVisible();
  await expect(agentState(page)).toContainText('Silent');
  await expect(processRows(page).first()).toBeVisible();
});

test("a powered-off VM's page says it is off", async ({ page }) => {
  await page.goto(processesPath(OFF_VM.id));
  await expect(page.getByText(/This VM is powered off/)).toBeVisible();
});

test('the VMs table filters by guest agent and leads a reporting VM to its Processes', async ({ page }) => {
  await page.goto(`${dcPath(VIEWER_DC.id, 'vms')}?guest=reporting`);
  const table = page.getByRole('table', { name: 'Virtual machines' });
  const reporting = table.getByRole('link', { name: /Reporting/ });
  await expect(reporting.first()).toBeVisible();
  const rows = table.locator('tbody').getByRole('row');
  await expect(rows).toHaveCount(await reporting.count());
  await page.getByRole('searchbox', { name: 'Filter rows' }).fill(AGENT_VM.name);
  await table.getByRole('link', { name: /Reporting/ }).click();
  await expect(page).toHaveURL(new RegExp(`${processesPath(AGENT_VM.id)}`));
  await expect(processRows(page).first()).toBeVisible();
});
