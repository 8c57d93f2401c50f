import { randomUUID } from 'node:crypto';
import type { DatacenterRef } from '@/shared/api/displays';
import type { Statement } from 'better-sqlite3';
import type { Database } from '../db/database';
import { scopeToColumn } from '../db/scope-column';
import { hashSecretToken, isSecretTokenShaped, newSecretToken } from './secret-token';
import type { Role } from './users';

export interface SessionIdentity {
  username: string;
  role: Role;
  provider: 'local' | 'vsphere' | 'display';
  /** The PCC user whose datacenter rights apply; null sees every datacenter. */
  pccUser: string | null;
  /** The PCC service a vSphere login was checked against; null for local users. */
  serviceName: string | null;
  /** The wall display whose token was exchanged for this session; only with provider 'display'. */
  displayId?: string;
  /** When set, the only datacenters this session may see, whatever else its identity would allow. */
  scope?: readonly DatacenterRef[];
}

export type Session = SessionIdentity & { id: string; createdAt: number; lastSeenAt: number };

export interface SessionLifetimes {
  /** A session unused for this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in, however active. */
  absoluteMs: number;
}

export interface SessionStoreOptions extends SessionLifetimes {
  now?: () => number;
  /**
   * Called when a validated session's last-seen time is written (at most about once a minute per session),
   * so that what the session stands for, e.g. a wall display, can show when it was last seen.
   */
  onTouch?: (session: Session) => void;
}

const MINUTE = 60_000;

// A polling dashboard validates its session every few seconds; one write a minute is plenty to keep the
// idle clock honest without turning every request into a disk write.
const TOUCH_INTERVAL_MS = MINUTE;

interface SessionRow {
  id: string;
  username: string;
  role: Role;
  provider: SessionIdentity['provider'];
  pcc_user: string | null;
  service_name: string | null;
  display_id: string | null;
  scope: string | null;
  created_at: number;
  last_seen_at: number;
}

function toSession(row: SessionRow): Session {
  const session: Session = {
    id: row.id,
    username: row.username,
    role: row.role,
    provider: row.provider,
    pccUser: row.pcc_user,
    serviceName: row.service_name,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
  };
  // Absent rather than null, so ordinary sessions look exactly as they did before displays existed.
  if (row.display_id !== null) session.displayId = row.display_id;
  if (row.scope !== null) session.scope = JSON.parse(row.scope) as DatacenterRef[];
  return session;
}

const scopeColumn = (scope: readonly DatacenterRef[] | undefined) =>
  scope === undefined ? null : scopeToColumn(scope);

// Only the digest is stored, so a leaked database or backup cannot be replayed as live cookies.
const digest = hashSecretToken;

/** Server-side sessions in SQLite: they survive restarts and can be revoked. */
export class SessionStore {
  readonly idleMs: number;
  readonly absoluteMs: number;
  private readonly now: () => number;
  private readonly touchIntervalMs: number;
  private readonly onTouch: ((session: Session) => void) | undefined;
  // Every API request validates its session: compiling the SQL each time cost more than running it.
  private readonly byTokenHash: Statement<[Buffer], SessionRow>;
  private readonly touch: Statement<[number, string]>;
  private readonly deleteById: Statement<[string]>;

  constructor(
    private readonly db: Database,
    options: SessionStoreOptions,
  ) {
    for (const key of ['idleMs', 'absoluteMs'] as const) {
      if (!Number.isFinite(options[key]) || options[key] <= 0)
        throw new Error(`Session ${key} must be a positive number of milliseconds, got ${options[key]}`);
    }
    this.idleMs = options.idleMs;
    this.absoluteMs = options.absoluteMs;
    this.now = options.now ?? Date.now;
    this.onTouch = options.onTouch;
    // With a very short idle limit a minute's throttle would expire sessions that are in use.
    this.touchIntervalMs = Math.min(TOUCH_INTERVAL_MS, Math.floor(this.idleMs / 2));
    this.byTokenHash = db.prepare('SELECT * FROM sessions WHERE token_hash = ?');
    this.touch = db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?');
    this.deleteById = db.prepare('DELETE FROM sessions WHERE id = ?');
  }

  create(identity: SessionIdentity): { token: string; session: Session } {
    const token = newSecretToken();
    const now = this.now();
    const session: Session = {
      id: randomUUID(),
      username: identity.username,
      role: identity.role,
      provider: identity.provider,
      pccUser: identity.pccUser,
      serviceName: identity.serviceName,
      createdAt: now,
      lastSeenAt: now,
    };
    if (identity.displayId !== undefined) session.displayId = identity.displayId;
    if (identity.scope !== undefined) session.scope = identity.scope;
    this.db
      .prepare(
        `INSERT INTO sessions
           (id, token_hash, username, role, provider, pcc_user, service_name, display_id, scope,
            created_at, last_seen_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        session.id,
        digest(token),
        session.username,
        session.role,
        session.provider,
        session.pccUser,
        session.serviceName,
        session.displayId ?? null,
        scopeColumn(session.scope),
        now,
        now,
      );
    return { token, session };
  }

  /** The live session for a token, sliding its idle deadline; expired sessions are deleted on sight. */
  validate(token: string): Session | undefined {
    if (!isSecretTokenShaped(token)) return undefined;
    const hash = digest(token);
    const row = this.byTokenHash.get(hash);
    if (!row) return undefined;
    const now = this.now();
    if (this.expired(row, now)) {
      this.deleteById.run(row.id);
      return undefined;
    }
    if (now - row.last_seen_at >= this.touchIntervalMs) {
      this.touch.run(now, row.id);
      row.last_seen_at = now;
      const session = toSession(row);
      this.onTouch?.(session);
      return session;
    }
    return toSession(row);
  }

  revoke(token: string): void {
    if (!isSecretTokenShaped(token)) return;
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(digest(token));
  }

  /** Ends every session of a user, e.g. after a password change; `provider` narrows it to one kind of login. */
  revokeAllFor(username: string, provider?: SessionIdentity['provider']): number {
    const { changes } = provider
      ? this.db.prepare('DELETE FROM sessions WHERE username = ? AND provider = ?').run(username, provider)
      : this.db.prepare('DELETE FROM sessions WHERE username = ?').run(username);
    return changes;
  }

  /** Ends every session of a wall display at once, e.g. when it is revoked or its token is rotated. */
  revokeDisplay(displayId: string): number {
    return this.db.prepare('DELETE FROM sessions WHERE display_id = ?').run(displayId).changes;
  }

  /** Applies a display's new name and scope to its live sessions, so a narrowed scope holds on the next request. */
  updateDisplay(displayId: string, changes: { username: string; scope: readonly DatacenterRef[] }): number {
    return this.db
      .prepare('UPDATE sessions SET username = ?, scope = ? WHERE display_id = ?')
      .run(changes.username, scopeColumn(changes.scope), displayId).changes;
  }

  purgeExpired(): number {
    const now = this.now();
    const { changes } = this.db
      .prepare('DELETE FROM sessions WHERE last_seen_at <= ? OR created_at <= ?')
      .run(now - this.idleMs, now - this.absoluteMs);
    return changes;
  }

  private expired(row: SessionRow, now: number): boolean {
    return now - row.last_seen_at >= this.idleMs || now - row.created_at >= this.absoluteMs;
  }
}
