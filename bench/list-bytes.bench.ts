import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { z } from 'zod';
import {
  FreshnessSchema,
  ListedVmSchema,
  VmListSchema,
  VmRowSchema,
  toColumns,
  type KeptVm,
} from '../src/shared/api/inventory';
import { BUCKET_MS } from '../src/shared/metrics/catalog';
import { VmSchema } from '../src/shared/ovh/models';
import { OvhInventory } from '../src/server/inventory/ovh-inventory';
import { SerializedList } from '../src/server/inventory/serialized-list';
import type { Log } from '../src/server/logging';
import type { OvhClient } from '../src/server/upstream/ovh/client';
import type { CollectionFetcher } from '../src/server/upstream/ovh/fetch-all';
import { buildInventory, DEFAULT_SIZE } from '../src/simulator/model/inventory';
import { renderVm } from '../src/simulator/ovh/render';
import { printFigures, timeMs } from './report';

// What a datacenter's VM list costs on the wire, per VM, before and after it sent only what is shown: the whole
// OVH object per VM as rows (the old answer) against the listed fields by column (the new one), raw and in
// each encoding the server keeps, compressed by the server's own SerializedList. Then what reading OVH's
// objects costs with each schema (the server's part of a cold load), and reading the answer (the SPA's part of
// each poll). Offline: the simulator's objects, no HTTP.

const VMS = Number(process.env.BENCH_LIST_VMS ?? 10_000);
const NOW = Date.UTC(2026, 10, 23, 14, 0);
/** Issue 15's target: at least five times fewer bytes a VM than the whole objects. */
const TARGET_RATIO = 5;

/** The simulator's VMs as OVH sends them at `at`: the objects the server reads. */
function ovhVms(at = NOW): unknown[] {
  const size = { ...DEFAULT_SIZE, services: 1, datacenters: 1, hosts: 40, vms: VMS };
  const vms = buildInventory(1, size, NOW).services[0]!.datacenters[0]!.vms;
  return vms.map((vm) => JSON.parse(JSON.stringify(renderVm(vm, at))) as unknown);
}

/** The server's VM rows from those objects, through OvhInventory itself, with a fetcher that hands them over. */
async function listedRows(objects: unknown[]): Promise<KeptVm[]> {
  const fetcher = {
    fetchAll: (_path: string, schema: { parse: (object: unknown) => unknown }) =>
      Promise.resolve({
        items: objects.map((o) => schema.parse(o)),
        problems: [],
        warnings: [],
        mode: 'batch',
      }),
  } as unknown as CollectionFetcher;
  const log = { warn: () => undefined } as unknown as Log;
  return new OvhInventory({} as OvhClient, fetcher, log).vms('pcc-1', 1);
}

interface Sizes {
  raw: number;
  gzip: number;
  br: number;
  body: string;
}

async function sizesOf(items: unknown): Promise<Sizes> {
  const freshness = { fetchedAt: NOW, stale: false, pollIntervalMs: 120_000 };
  const body = JSON.stringify({ ...freshness, items });
  const list = new SerializedList(body, '"bench"');
  const [gzip, br] = await Promise.all([list.encode('gzip'), list.encode('br')]);
  return { raw: Buffer.byteLength(body) / VMS, gzip: gzip.length / VMS, br: br.length / VMS, body };
}

// A full collection on demand (tsx starts Node without --expose-gc): heap figures are then what is held.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** MB of heap that what `make` returns holds, after full collections on either side. */
function heldMb(make: () => unknown): number {
  collect();
  const before = process.memoryUsage().heapUsed;
  const held = make();
  collect();
  const after = process.memoryUsage().heapUsed;
  if (held === undefined) throw new Error('nothing made');
  return (after - before) / 1e6;
}

/** MB the server keeps of one list's answer: its JSON (one byte a character) and both encodings. */
const perList = (sizes: Sizes) => ((sizes.raw + sizes.gzip + sizes.br) * VMS) / 1e6;

export async function listBytesBench(): Promise<void> {
  const objects = ovhVms();
  const rows = await listedRows(objects);
  if (rows.length !== VMS) throw new Error(`expected ${VMS} VM rows, got ${rows.length}`);
  // The old answer: each whole object with the same derived percentages.
  const whole = objects.map((o, i) => ({
    ...(o as object),
    cpuPercent: rows[i]!.cpuPercent,
    memoryPercent: rows[i]!.memoryPercent,
  }));
  const old = await sizesOf(whole);
  const asObjects = await sizesOf(rows.map((row) => VmRowSchema.parse(row)));
  const columns = toColumns(VmRowSchema, rows);
  const byColumn = await sizesOf(columns);
  // What compression cannot take away: the live figures, the columns that change from one vCenter sample to
  // the next, with a new two-decimal value for each VM.
  const later = toColumns(VmRowSchema, await listedRows(ovhVms(NOW + BUCKET_MS)));
  const moving = Object.keys(columns).filter((f) => JSON.stringify(columns[f]) !== JSON.stringify(later[f]));
  const live = await sizesOf(Object.fromEntries(moving.map((field) => [field, columns[field]])));

  const figures = (['raw', 'gzip', 'br'] as const).flatMap((encoding) => [
    { name: `${encoding}: whole OVH objects as rows (before)`, value: old[encoding], unit: 'B/VM' },
    { name: `${encoding}: shown fields as rows`, value: asObjects[encoding], unit: 'B/VM' },
    { name: `${encoding}: shown fields by column (now)`, value: byColumn[encoding], unit: 'B/VM' },
    {
      name: `${encoding}: before / now (target ≥ ${TARGET_RATIO}×)`,
      value: old[encoding] / byColumn[encoding],
      unit: '×',
    },
  ]);
  figures.push({
    name: `gzip: of which the ${moving.length} live figures (the columns the next sample changes)`,
    value: live.gzip,
    unit: 'B/VM',
  });
  printFigures(`list bytes: a ${VMS}-VM datacenter's VM list, per VM`, figures);

  const sample = objects.slice(0, 2_000);
  const fullParse = await timeMs('parse whole', () => sample.forEach((o) => VmSchema.parse(o)), 5);
  const listedParse = await timeMs('parse listed', () => sample.forEach((o) => ListedVmSchema.parse(o)), 5);
  printFigures('list bytes: reading 2 000 of OVH’s VM objects with zod (the server, per refresh)', [
    { name: 'with VmSchema, the whole object (before)', value: fullParse, unit: 'ms' },
    { name: 'with ListedVmSchema, the listed fields (now)', value: listedParse, unit: 'ms' },
    { name: 'before / now', value: fullParse / listedParse, unit: '×' },
  ]);

  // From OVH's text, as the server reads it, so that the strings the objects hold count too.
  const texts = objects.map((o) => JSON.stringify(o));
  const heapBefore = heldMb(() => texts.map((text) => VmSchema.parse(JSON.parse(text))));
  const heapNow = heldMb(() => texts.map((text) => ListedVmSchema.parse(JSON.parse(text))));
  printFigures(`list bytes: the server's copy of the ${VMS} VMs, parsed objects on the heap`, [
    { name: 'whole objects (before)', value: heapBefore, unit: 'MB' },
    { name: 'listed fields (now)', value: heapNow, unit: 'MB' },
    { name: 'answer kept beside it, raw + gzip + br (before)', value: perList(old), unit: 'MB' },
    { name: 'answer kept beside it, raw + gzip + br (now)', value: perList(byColumn), unit: 'MB' },
    {
      name: 'before / now, objects and answer',
      value: (heapBefore + perList(old)) / (heapNow + perList(byColumn)),
      unit: '×',
    },
  ]);

  // The SPA's read of the whole answer, in Node: before, the VMs table checked only its columns' fields of each
  // whole object (its VmTableRowSchema, the row's fields); now the columns, each checked with its field's schema.
  const rowsSchema = FreshnessSchema.extend({ items: z.array(VmRowSchema) });
  const readBefore = await timeMs('read before', () => rowsSchema.parse(JSON.parse(old.body)), 5);
  const readNow = await timeMs('read now', () => VmListSchema.parse(JSON.parse(byColumn.body)), 5);
  printFigures(`list bytes: JSON.parse and zod of the ${VMS}-VM answer (the SPA, per poll)`, [
    { name: 'whole objects, the shown fields checked (before)', value: readBefore, unit: 'ms' },
    { name: 'shown fields by column (now)', value: readNow, unit: 'ms' },
    { name: 'before / now', value: readBefore / readNow, unit: '×' },
  ]);
}
