import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { packProcs, unpackNameIds, unpackProcs } from './proc-pack';
import { ReportWriter } from './report-writer';
import type { ProcReport, VmReport } from './reports';

// The guest service's storage, sized for 1 000 VMs × 150 processes × a week of 5-minute reports (about 300
// million process records) on a small machine: one row per report, a process report packed into one blob
// (proc-pack.ts), process names and instance ids interned, every read newest first through the
// (instance, at_ms) index. A record's ObjectId is derived from its row, so it is the same on every read.

export const DEFAULT_RETENTION_DAYS = 8;
const DAY_MS = 86_400_000;
const PRUNE_CHUNK = 5_000;

export interface GuestVmRecord {
  /** 24 hex digits: the report time's seconds, then the row. */
  objectId: string;
  atMs: number;
  /** create_date as microseconds since the epoch. */
  createdUs: number;
  instanceId: string;
  report: VmReport;
}

export interface GuestProcRecord {
  objectId: string;
  atMs: number;
  createdUs: number;
  instanceId: string;
  process: ProcReport;
}

export interface GuestStoreOptions {
  retentionDays?: number;
  now?: () => number;
}

interface InstanceRow {
  id: number;
  address: string | null;
}

interface VmRow extends VmReport {
  id: number;
  at_ms: number;
}

interface ProcRow {
  id: number;
  at_ms: number;
  procs: Buffer;
}

const KIND = { vm: 'a1', proc: 'a2' } as const;

function objectId(createdUs: number, kind: string, rowId: number, index: number): string {
  const seconds = Math.floor(createdUs / 1e6);
  return (
    seconds.toString(16).padStart(8, '0') +
    kind +
    rowId.toString(16).padStart(10, '0') +
    index.toString(16).padStart(4, '0')
  );
}

export class GuestStore {
  private readonly db: Database.Database;
  private readonly path: string;
  readonly retentionDays: number;
  private readonly now: () => number;
  private readonly instances = new Map<string, InstanceRow>();
  private readonly nameIds = new Map<string, number>();
  private readonly names = new Map<number, string>();
  private readonly stmt;
  private readonly writer = new ReportWriter(this);

  constructor(path: string, options: GuestStoreOptions = {}) {
    this.path = path;
    this.retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
    this.now = options.now ?? Date.now;
    const db = new Database(path);
    this.db = db;
    // A packed 150-process report is 2–3 KB: with 4 KB pages each would take a page of its own (or spill onto
    // an overflow page); 16 KB pages hold several. Only a new database takes the setting.
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    // An acknowledged report must survive a crash or a power cut, as the issue asks.
    db.pragma('synchronous = FULL');
    db.exec(`
      CREATE TABLE IF NOT EXISTS instances (id INTEGER PRIMARY KEY, instance_id TEXT NOT NULL UNIQUE,
        address TEXT, live_until INTEGER);
      CREATE TABLE IF NOT EXISTS names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
      CREATE TABLE IF NOT EXISTS vm_reports (id INTEGER PRIMARY KEY, instance INTEGER NOT NULL, at_ms INTEGER NOT NULL,
        cpu_util REAL NOT NULL, mem REAL NOT NULL, disk_read REAL NOT NULL, disk_write REAL NOT NULL,
        proc INTEGER NOT NULL, net_incoming REAL NOT NULL, net_outgoing REAL NOT NULL);
      CREATE INDEX IF NOT EXISTS vm_reports_newest ON vm_reports (instance, at_ms);
      CREATE INDEX IF NOT EXISTS vm_reports_age ON vm_reports (at_ms);
      CREATE TABLE IF NOT EXISTS proc_reports (id INTEGER PRIMARY KEY, instance INTEGER NOT NULL,
        at_ms INTEGER NOT NULL, procs BLOB NOT NULL);
      CREATE INDEX IF NOT EXISTS proc_reports_newest ON proc_reports (instance, at_ms);
      CREATE INDEX IF NOT EXISTS proc_reports_age ON proc_reports (at_ms);
    `);
    this.stmt = {
      insertInstance: db.prepare<[string], { id: number }>(
        'INSERT INTO instances (instance_id) VALUES (?) RETURNING id',
      ),
      setAddress: db.prepare<[string, number]>('UPDATE instances SET address = ? WHERE id = ?'),
      setLive: db.prepare<[number, number]>('UPDATE instances SET live_until = ? WHERE id = ?'),
      liveUntil: db.prepare<[number], { live_until: number | null }>(
        'SELECT live_until FROM instances WHERE id = ?',
      ),
      insertName: db.prepare<[string], { id: number }>('INSERT INTO names (name) VALUES (?) RETURNING id'),
      insertVm: db.prepare<[number, number, number, number, number, number, number, number, number]>(
        `INSERT INTO vm_reports (instance, at_ms, cpu_util, mem, disk_read, disk_write, proc, net_incoming, net_outgoing)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertProcs: db.prepare<[number, number, Buffer]>(
        'INSERT INTO proc_reports (instance, at_ms, procs) VALUES (?, ?, ?)',
      ),
      newestVm: db.prepare<[number, number], VmRow>(
        `SELECT id, at_ms, cpu_util, mem, disk_read, disk_write, proc, net_incoming, net_outgoing
         FROM vm_reports WHERE instance = ? ORDER BY at_ms DESC, id DESC LIMIT ?`,
      ),
      newestProcs: db.prepare<[number], ProcRow>(
        'SELECT id, at_ms, procs FROM proc_reports WHERE instance = ? ORDER BY at_ms DESC, id DESC',
      ),
      latestVm: db.prepare<[number], { at: number | null }>(
        'SELECT max(at_ms) AS at FROM vm_reports WHERE instance = ?',
      ),
      latestProcs: db.prepare<[number], { at: number | null }>(
        'SELECT max(at_ms) AS at FROM proc_reports WHERE instance = ?',
      ),
      pruneVm: db.prepare<[number, number]>(
        'DELETE FROM vm_reports WHERE id IN (SELECT id FROM vm_reports WHERE at_ms < ? LIMIT ?)',
      ),
      pruneProcs: db.prepare<[number, number]>(
        'DELETE FROM proc_reports WHERE id IN (SELECT id FROM proc_reports WHERE at_ms < ? LIMIT ?)',
      ),
    };
    this.loadCaches();
  }

  private loadCaches(): void {
    this.instances.clear();
    this.nameIds.clear();
    this.names.clear();
    for (const row of this.db
      .prepare<[], { id: number; instance_id: string; address: string | null }>(
        'SELECT id, instance_id, address FROM instances',
      )
      .all()) {
      this.instances.set(row.instance_id, { id: row.id, address: row.address });
    }
    for (const row of this.db.prepare<[], { id: number; name: string }>('SELECT id, name FROM names').all()) {
      this.nameIds.set(row.name, row.id);
      this.names.set(row.id, row.name);
    }
  }

  /** Runs `work` in one transaction (in a savepoint inside one): a batch of reports costs one commit. */
  batch(work: () => void): void {
    try {
      this.db.transaction(work)();
    } catch (err) {
      // The rollback took back rows the caches may have learned meanwhile (a new instance or name, an address):
      // a cached id of a row that is gone would be handed to the next instance SQLite gives it to.
      if (this.db.open) this.loadCaches();
      throw err;
    }
  }

  get inTransaction(): boolean {
    return this.db.inTransaction;
  }

  private instance(instanceId: string): InstanceRow {
    let row = this.instances.get(instanceId);
    if (!row) {
      const inserted = this.stmt.insertInstance.get(instanceId);
      if (!inserted) throw new Error('SQLite returned no id for a new instance');
      row = { id: inserted.id, address: null };
      this.instances.set(instanceId, row);
    }
    return row;
  }

  private knownInstance(instanceId: string): InstanceRow | undefined {
    return this.instances.get(instanceId);
  }

  private rememberAddress(row: InstanceRow, address: string | undefined): void {
    if (address === undefined || address === row.address) return;
    this.stmt.setAddress.run(address, row.id);
    row.address = address;
  }

  private nameId(name: string): number {
    let id = this.nameIds.get(name);
    if (id === undefined) {
      const inserted = this.stmt.insertName.get(name);
      if (!inserted) throw new Error('SQLite returned no id for a new process name');
      id = inserted.id;
      this.nameIds.set(name, id);
      this.names.set(id, name);
    }
    return id;
  }

  addVmReport(instanceId: string, report: VmReport, atMs: number, address?: string): void {
    this.batch(() => {
      this.insertVmReport(instanceId, report, atMs, address);
    });
  }

  /** One row for the whole list; its records are created one microsecond apart, in the list's order. */
  addProcReport(instanceId: string, procs: readonly ProcReport[], atMs: number, address?: string): void {
    this.batch(() => {
      this.insertProcReport(instanceId, procs, atMs, address);
    });
  }

  /** addVmReport in the next group commit: settles once the report is committed. */
  writeVmReport(instanceId: string, report: VmReport, atMs: number, address?: string): Promise<void> {
    return this.writer.write(() => {
      this.insertVmReport(instanceId, report, atMs, address);
    });
  }

  /** addProcReport in the next group commit: settles once the report is committed. */
  writeProcReport(
    instanceId: string,
    procs: readonly ProcReport[],
    atMs: number,
    address?: string,
  ): Promise<void> {
    return this.writer.write(() => {
      this.insertProcReport(instanceId, procs, atMs, address);
    });
  }

  private insertVmReport(instanceId: string, report: VmReport, atMs: number, address?: string): void {
    const row = this.instance(instanceId);
    this.rememberAddress(row, address);
    this.stmt.insertVm.run(
      row.id,
      atMs,
      report.cpu_util,
      report.mem,
      report.disk_read,
      report.disk_write,
      report.proc,
      report.net_incoming,
      report.net_outgoing,
    );
  }

  private insertProcReport(
    instanceId: string,
    procs: readonly ProcReport[],
    atMs: number,
    address?: string,
  ): void {
    const row = this.instance(instanceId);
    this.rememberAddress(row, address);
    const blob = packProcs(
      procs,
      procs.map((p) => this.nameId(p.cmd)),
    );
    this.stmt.insertProcs.run(row.id, atMs, blob);
  }

  vmRecords(instanceId: string, limit: number): GuestVmRecord[] {
    const row = this.knownInstance(instanceId);
    if (!row || limit <= 0) return [];
    return this.stmt.newestVm.all(row.id, limit).map(({ id, at_ms, ...report }) => {
      const createdUs = at_ms * 1000;
      return { objectId: objectId(createdUs, KIND.vm, id, 0), atMs: at_ms, createdUs, instanceId, report };
    });
  }

  /** The newest process records: the newest report's last-listed process first, as the original's inserts. */
  procRecords(instanceId: string, limit: number): GuestProcRecord[] {
    return this.newestProcRecords(instanceId, limit, null);
  }

  procRecordsByName(instanceId: string, name: string, limit: number): GuestProcRecord[] {
    const nameId = this.nameIds.get(name);
    if (nameId === undefined) return [];
    return this.newestProcRecords(instanceId, limit, nameId);
  }

  private newestProcRecords(instanceId: string, limit: number, nameId: number | null): GuestProcRecord[] {
    const row = this.knownInstance(instanceId);
    const records: GuestProcRecord[] = [];
    if (!row || limit <= 0) return records;
    for (const report of this.stmt.newestProcs.iterate(row.id)) {
      if (nameId !== null && !unpackNameIds(report.procs).includes(nameId)) continue;
      const procs = unpackProcs(report.procs);
      for (let i = procs.length - 1; i >= 0 && records.length < limit; i--) {
        const { nameId: id, ...figures } = procs[i]!;
        if (nameId !== null && id !== nameId) continue;
        const createdUs = report.at_ms * 1000 + i;
        records.push({
          objectId: objectId(createdUs, KIND.proc, report.id, i),
          atMs: report.at_ms,
          createdUs,
          instanceId,
          process: { ...figures, cmd: this.names.get(id) ?? '' },
        });
      }
      if (records.length >= limit) break;
    }
    return records;
  }

  latestReportAt(instanceId: string): number | null {
    const row = this.knownInstance(instanceId);
    if (!row) return null;
    const vm = this.stmt.latestVm.get(row.id)?.at ?? null;
    const procs = this.stmt.latestProcs.get(row.id)?.at ?? null;
    if (vm === null) return procs;
    return procs === null ? vm : Math.max(vm, procs);
  }

  markLive(instanceId: string, untilMs: number): void {
    this.stmt.setLive.run(untilMs, this.instance(instanceId).id);
  }

  liveUntil(instanceId: string): number | null {
    const row = this.knownInstance(instanceId);
    return row ? (this.stmt.liveUntil.get(row.id)?.live_until ?? null) : null;
  }

  /** The address the instance's agent last reported from, where it takes start_monitor. */
  agentAddress(instanceId: string): string | null {
    return this.knownInstance(instanceId)?.address ?? null;
  }

  /** Deletes the reports older than the retention, a chunk at a time so reports are not held up long. */
  prune(nowMs = this.now()): number {
    const cutoff = nowMs - this.retentionDays * DAY_MS;
    let removed = 0;
    for (const statement of [this.stmt.pruneVm, this.stmt.pruneProcs]) {
      for (;;) {
        const { changes } = statement.run(cutoff, PRUNE_CHUNK);
        removed += changes;
        if (changes < PRUNE_CHUNK) break;
      }
    }
    return removed;
  }

  /** Bytes the store takes: the database file and its write-ahead log, or the pages of an in-memory one. */
  sizeOnDisk(): number {
    if (this.path === ':memory:' || this.path === '') {
      const pages = this.db.pragma('page_count', { simple: true }) as number;
      return pages * (this.db.pragma('page_size', { simple: true }) as number);
    }
    return [this.path, `${this.path}-wal`].reduce(
      (total, file) => total + (existsSync(file) ? statSync(file).size : 0),
      0,
    );
  }

  /** Writes the reports still queued first: their agents are waiting for the answer. */
  close(): void {
    this.writer.flush();
    this.db.close();
  }
}
