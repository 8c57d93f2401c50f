import { randomUUID } from 'node:crypto';
import {
  WallConfigSchema,
  type DatacenterRef,
  type Display,
  type SessionDisplay,
  type WallConfig,
} from '@/shared/api/displays';
import type { Database } from '../db/database';
import { scopeFromColumn, scopeToColumn } from '../db/scope-column';
import { hashSecretToken, isSecretTokenShaped, newSecretToken, sameDigest } from '../auth/secret-token';

// Wall displays in SQLite: who they are, what they may show, how their wall is set up, and the digest of their
// token. The token itself leaves this module once, in the answer to `create` or `rotateToken`.

interface DisplayRow {
  id: string;
  name: string;
  token_hash: Buffer;
  scope: string;
  wall: string;
  created_at: number;
  created_by: string;
  last_seen_at: number | null;
  revoked_at: number | null;
}

export interface NewDisplay {
  name: string;
  scope: readonly DatacenterRef[];
  wall: WallConfig;
  createdBy: string;
}

export interface DisplayChanges {
  name?: string;
  scope?: readonly DatacenterRef[];
  /** Merged into the current configuration. */
  wall?: Partial<WallConfig>;
}

function toDisplay(row: DisplayRow): Display {
  return {
    id: row.id,
    name: row.name,
    scope: scopeFromColumn(row.scope),
    // Parsed rather than cast: a wall setting added later gets its default on displays stored before it.
    wall: WallConfigSchema.parse(JSON.parse(row.wall)),
    createdAt: row.created_at,
    createdBy: row.created_by,
    lastSeenAt: row.last_seen_at,
    revoked: row.revoked_at !== null,
    revokedAt: row.revoked_at,
  };
}

export class DisplayStore {
  private readonly now: () => number;

  constructor(
    private readonly db: Database,
    options: { now?: () => number } = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Every display, revoked ones included so the admin page can show what was cut off and when. */
  list(): Display[] {
    return this.db
      .prepare<[], DisplayRow>('SELECT * FROM displays ORDER BY name COLLATE NOCASE, created_at')
      .all()
      .map(toDisplay);
  }

  get(id: string): Display | undefined {
    const row = this.db.prepare<[string], DisplayRow>('SELECT * FROM displays WHERE id = ?').get(id);
    return row && toDisplay(row);
  }

  create(display: NewDisplay): { display: Display; token: string } {
    const token = newSecretToken();
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO displays (id, name, token_hash, scope, wall, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        display.name,
        hashSecretToken(token),
        scopeToColumn(display.scope),
        JSON.stringify(display.wall),
        this.now(),
        display.createdBy,
      );
    return { display: this.get(id)!, token };
  }

  /** Undefined for an unknown id. */
  update(id: string, changes: DisplayChanges): Display | undefined {
    const current = this.get(id);
    if (!current) return undefined;
    const wall = WallConfigSchema.parse({ ...current.wall, ...changes.wall });
    this.db
      .prepare('UPDATE displays SET name = ?, scope = ?, wall = ? WHERE id = ?')
      .run(
        changes.name ?? current.name,
        scopeToColumn(changes.scope ?? current.scope),
        JSON.stringify(wall),
        id,
      );
    return this.get(id);
  }

  /** A new token for the display; the old one stops working at once. Undefined for an unknown id. */
  rotateToken(id: string): { display: Display; token: string } | undefined {
    const token = newSecretToken();
    const { changes } = this.db
      .prepare('UPDATE displays SET token_hash = ? WHERE id = ?')
      .run(hashSecretToken(token), id);
    return changes === 0 ? undefined : { display: this.get(id)!, token };
  }

  /** Marks the display revoked; revoking twice keeps the first date. Undefined for an unknown id. */
  revoke(id: string): Display | undefined {
    this.db
      .prepare('UPDATE displays SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(this.now(), id);
    return this.get(id);
  }

  /** The display a token belongs to, revoked or not (the caller says which); undefined for any other string. */
  findByToken(token: string): Display | undefined {
    if (!isSecretTokenShaped(token)) return undefined;
    const hash = hashSecretToken(token);
    const row = this.db
      .prepare<[Buffer], DisplayRow>('SELECT * FROM displays WHERE token_hash = ?')
      .get(hash);
    // The lookup compares digests of a 256-bit secret, which leaks nothing usable through timing; the explicit
    // check keeps the guarantee independent of how SQLite found the row.
    return row && sameDigest(row.token_hash, hash) ? toDisplay(row) : undefined;
  }

  /** Records that the screen was seen; an earlier time never overwrites a later one. */
  markSeen(id: string, at: number = this.now()): void {
    this.db
      .prepare(
        'UPDATE displays SET last_seen_at = ? WHERE id = ? AND (last_seen_at IS NULL OR last_seen_at < ?)',
      )
      .run(at, id, at);
  }

  /** What a display's own session is told about it; undefined once it is revoked or gone. */
  sessionDisplay(id: string): SessionDisplay | undefined {
    const display = this.get(id);
    if (!display || display.revoked) return undefined;
    return { id: display.id, name: display.name, scope: display.scope, wall: display.wall };
  }
}
