import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openDatabase, type Database } from '../db/database';
import { InventorySnapshots, type SnapshotCodec } from './snapshot-store';

const rows: SnapshotCodec<{ name: string }[]> = {
  encode: (value) => value,
  decode: (data) => z.array(z.object({ name: z.string() })).parse(data),
};

let db: Database;
afterEach(() => db.close());

function setup() {
  db = openDatabase(':memory:');
  const warnings: object[] = [];
  const log = pino(
    { level: 'warn' },
    { write: (line: string) => void warnings.push(JSON.parse(line) as object) },
  );
  return { snapshots: new InventorySnapshots(db, log), warnings };
}

describe('InventorySnapshots', () => {
  it('keeps the last value of each entry, gzipped, for the next process to load', async () => {
    const { snapshots } = setup();
    const vms = snapshots.store('vms', rows);
    const value = Array.from({ length: 500 }, (_, i) => ({ name: `vm-${i}` }));
    vms.save({ id: 'pcc-1/1', value, fetchedAt: 1_000 });
    vms.save({ id: 'pcc-1/2', value: [], fetchedAt: 2_000 });
    snapshots.store('hosts', rows).save({ id: 'pcc-1/1', value: [{ name: 'esx' }], fetchedAt: 3_000 });
    await snapshots.flush();

    const next = new InventorySnapshots(db, pino({ level: 'silent' }));
    expect(next.store('vms', rows).load()).toEqual([
      { id: 'pcc-1/1', value, fetchedAt: 1_000 },
      { id: 'pcc-1/2', value: [], fetchedAt: 2_000 },
    ]);
    const stored = db
      .prepare<[], { size: number }>(
        "SELECT length(value) AS size FROM inventory_snapshots WHERE key = 'pcc-1/1'",
      )
      .all();
    expect(stored[0]!.size * 5).toBeLessThan(JSON.stringify(value).length);
  });

  it('never lets an older value replace a newer one', async () => {
    const { snapshots } = setup();
    const vms = snapshots.store('vms', rows);
    vms.save({ id: 'pcc-1/1', value: [{ name: 'new' }], fetchedAt: 2_000 });
    vms.save({ id: 'pcc-1/1', value: [{ name: 'old' }], fetchedAt: 1_000 });
    await snapshots.flush();
    expect(vms.load()).toEqual([{ id: 'pcc-1/1', value: [{ name: 'new' }], fetchedAt: 2_000 }]);
  });

  it('leaves out, with a warning, a value this version cannot read', async () => {
    const { snapshots, warnings } = setup();
    snapshots.store('vms', { ...rows, encode: () => [{ id: 1 }] }).save({
      id: 'pcc-1/1',
      value: [],
      fetchedAt: 1_000,
    });
    await snapshots.flush();
    expect(snapshots.store('vms', rows).load()).toEqual([]);
    expect(warnings).toEqual([expect.objectContaining({ cache: 'vms', key: 'pcc-1/1' })]);
  });
});
