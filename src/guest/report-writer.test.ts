import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GuestStore } from './guest-store';
import { ReportWriter, type ReportDatabase } from './report-writer';
import type { VmReport } from './reports';

const VM: VmReport = {
  cpu_util: 0,
  mem: 8.6,
  disk_read: 0,
  disk_write: 128.8,
  proc: 95,
  net_incoming: 0.6,
  net_outgoing: 5.7,
};
const T0 = Date.UTC(2017, 0, 1, 13, 37, 59, 1);

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0).reverse()) close();
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'report-writer-'));
  closers.push(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return join(dir, 'guest.sqlite');
}

function openStore(path: string): GuestStore {
  const store = new GuestStore(path);
  closers.push(() => {
    store.close();
  });
  return store;
}

/** A second connection to the file, as another process would see it. */
function openRaw(path: string): Database.Database {
  const db = new Database(path);
  closers.push(() => {
    db.close();
  });
  return db;
}

/** The transactions the store commits: its outermost batches, the nested ones being savepoints. */
function countCommits(store: GuestStore): { count: number } {
  const commits = { count: 0 };
  const batch = store.batch.bind(store);
  vi.spyOn(store, 'batch').mockImplementation((work) => {
    const outermost = !store.inTransaction;
    batch(work);
    if (outermost) commits.count++;
  });
  return commits;
}

const procs = (store: GuestStore, id: string) => store.vmRecords(id, 100).map((r) => r.report.proc);

describe('ReportWriter', () => {
  it('writes the reports queued in one turn of the event loop in one transaction, later ones in the next', async () => {
    const store = openStore(':memory:');
    const commits = countCommits(store);
    const first = Array.from({ length: 20 }, (_, i) => store.writeVmReport(`vm-${i}`, VM, T0));
    await Promise.all(first);
    expect(commits.count).toBe(1);
    const second = Array.from({ length: 5 }, (_, i) => store.writeVmReport(`vm-${i}`, VM, T0 + 1));
    await Promise.all(second);
    expect(commits.count).toBe(2);
    expect(store.vmRecords('vm-3', 10)).toHaveLength(2);
  });

  it('settles each report only once the transaction holding it committed', async () => {
    const file = tempFile();
    const store = openStore(file);
    const other = openRaw(file);
    const committed = () => other.prepare<[], number>('SELECT count(*) FROM vm_reports').pluck().get();
    const seen: (number | undefined)[] = [];
    const writes = [1, 2, 3].map((proc) =>
      store.writeVmReport('vm', { ...VM, proc }, T0).then(() => seen.push(committed())),
    );
    expect(committed()).toBe(0);
    await Promise.all(writes);
    expect(seen).toEqual([3, 3, 3]);
  });

  it('keeps each instance reports in the order they came, within a transaction and across them', async () => {
    const store = openStore(':memory:');
    const writes = [1, 2, 3, 4, 5, 6].map((proc) =>
      store.writeVmReport(proc % 2 ? 'odd' : 'even', { ...VM, proc }, T0),
    );
    await Promise.all(writes);
    await Promise.all([7, 9].map((proc) => store.writeVmReport('odd', { ...VM, proc }, T0)));
    expect(procs(store, 'odd')).toEqual([9, 7, 5, 3, 1]);
    expect(procs(store, 'even')).toEqual([6, 4, 2]);
  });

  it('rejects only the report whose write fails; the others of its transaction are stored', async () => {
    const file = tempFile();
    const store = openStore(file);
    const commits = countCommits(store);
    // A write SQLite refuses after the report passed validation, as a constraint or a corrupt page would.
    openRaw(file).exec(`CREATE TRIGGER refuse BEFORE INSERT ON vm_reports WHEN NEW.cpu_util < 0
      BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    const results = await Promise.allSettled([
      store.writeVmReport('a', { ...VM, proc: 1 }, T0, '10.0.0.1'),
      store.writeVmReport('b', { ...VM, proc: 2, cpu_util: -1 }, T0, '10.0.0.2'),
      store.writeVmReport('c', { ...VM, proc: 3 }, T0, '10.0.0.3'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[1]).toMatchObject({ reason: { message: 'refused by the test' } });
    expect(commits.count).toBe(1);
    expect([procs(store, 'a'), procs(store, 'b'), procs(store, 'c')]).toEqual([[1], [], [3]]);
    // The failed report's new instance was rolled back with it: 'b' must not keep an id SQLite gave to 'c'.
    expect(store.agentAddress('b')).toBeNull();
    await store.writeVmReport('b', { ...VM, proc: 4 }, T0 + 1, '10.0.0.2');
    expect([procs(store, 'b'), procs(store, 'c')]).toEqual([[4], [3]]);
  });

  it('rejects every report of a transaction that does not commit', async () => {
    const diskFull = new Error('database or disk is full');
    const failingCommit: ReportDatabase = {
      inTransaction: true,
      batch(work) {
        work();
        throw diskFull;
      },
    };
    const writer = new ReportWriter(failingCommit);
    const results = await Promise.allSettled([writer.write(() => undefined), writer.write(() => undefined)]);
    expect(results).toEqual([
      { status: 'rejected', reason: diskFull },
      { status: 'rejected', reason: diskFull },
    ]);
  });

  it('fails the whole batch when a write error made SQLite roll back the transaction', async () => {
    const ioError = new Error('disk I/O error');
    const db: ReportDatabase & { inTransaction: boolean } = {
      inTransaction: false,
      batch(work) {
        if (db.inTransaction) {
          work();
          return;
        }
        db.inTransaction = true;
        work();
        if (!db.inTransaction) throw new Error('cannot commit - no transaction is active');
        db.inTransaction = false;
      },
    };
    const writer = new ReportWriter(db);
    const applied: string[] = [];
    const results = await Promise.allSettled([
      writer.write(() => applied.push('first')),
      writer.write(() => {
        db.inTransaction = false;
        throw ioError;
      }),
      writer.write(() => applied.push('third')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(results[0]).toMatchObject({ reason: ioError });
    expect(applied).toEqual(['first']);
  });

  it('writes what is still queued when the store closes, and a reopened store has every acknowledged report', async () => {
    const file = tempFile();
    const first = new GuestStore(file);
    await Promise.all([1, 2, 3].map((proc) => first.writeVmReport(`vm-${proc}`, { ...VM, proc }, T0)));
    // Another process on the file, as after a crash of this one: what was acknowledged is there.
    const meanwhile = openStore(file);
    expect([1, 2, 3].map((proc) => procs(meanwhile, `vm-${proc}`))).toEqual([[1], [2], [3]]);
    const queued = [4, 5].map((proc) => first.writeVmReport(`vm-${proc}`, { ...VM, proc }, T0));
    first.close();
    await Promise.all(queued);
    const reopened = openStore(file);
    expect([1, 2, 3, 4, 5].map((proc) => procs(reopened, `vm-${proc}`))).toEqual([[1], [2], [3], [4], [5]]);
  });
});
