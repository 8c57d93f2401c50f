import { randomUUID } from 'node:crypto';
import type { ApiToken } from '@/shared/api/api-tokens';
import type { DatacenterRef } from '@/shared/api/displays';
import { hashSecretToken, isSecretTokenShaped, newSecretToken, sameDigest } from '../auth/secret-token';
import type { Database } from '../db/database';
import { scopeFromColumn, scopeToColumn } from '../db/scope-column';

// API tokens in SQLite: name, datacenter scope, creator, last use, and the digest of the secret. The secret
// itself leaves this module once, in the answer to `create`.

interface ApiTokenRow {
  id: string;
  name: string;
  token_hash: Buffer;
  scope: string;
  created_at: number;
  created_by: string;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface NewApiToken {
  name: string;
  scope: readonly DatacenterRef[];
  createdBy: string;
}

// A script may call the API many times a second; the page shows the last use to about a minute, so writing
// it more often than that would turn every read into a disk write.
const LAST_USED_RESOLUTION_MS = 60_000;

function toApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    scope: scopeFromColumn(row.scope),
    createdAt: row.created_at,
    createdBy: row.created_by,
    lastUsedAt: row.last_used_at,
    revoked: row.revoked_at !== null,
    revokedAt: row.revoked_at,
  };
}

export class ApiTokenStore {
  private readonly now: () => number;

  constructor(
    private readonly db: Database,
    options: { now?: () => number } = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Every token, revoked ones included so the page can show what was cut off and when. */
  list(): ApiToken[] {
    return this.db
      .prepare<[], ApiTokenRow>('SELECT * FROM api_tokens ORDER BY name COLLATE NOCASE, created_at')
      .all()
      .map(toApiToken);
  }

  get(id: string): ApiToken | undefined {
    const row = this.db.prepare<[string], ApiTokenRow>('SELECT * FROM api_tokens WHERE id = ?').get(id);
    return row && toApiToken(row);
  }

  create(token: NewApiToken): { token: ApiToken; secret: string } {
    const secret = newSecretToken();
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO api_tokens (id, name, token_hash, scope, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(id, token.name, hashSecretToken(secret), scopeToColumn(token.scope), this.now(), token.createdBy);
    return { token: this.get(id)!, secret };
  }

  /** Marks the token revoked; revoking twice keeps the first date. Undefined for an unknown id. */
  revoke(id: string): ApiToken | undefined {
    this.db
      .prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(this.now(), id);
    return this.get(id);
  }

  /**
   * The live token a secret belongs to, its last use recorded; undefined for a revoked token or any other
   * string, so a caller cannot tell a revoked secret from a wrong one.
   */
  use(secret: string): ApiToken | undefined {
    if (!isSecretTokenShaped(secret)) return undefined;
    const hash = hashSecretToken(secret);
    const row = this.db
      .prepare<[Buffer], ApiTokenRow>('SELECT * FROM api_tokens WHERE token_hash = ?')
      .get(hash);
    // The lookup compares digests of a 256-bit secret, which leaks nothing usable through timing; the explicit
    // check keeps the guarantee independent of how SQLite found the row.
    if (!row || !sameDigest(row.token_hash, hash) || row.revoked_at !== null) return undefined;
    const at = this.now();
    if (row.last_used_at === null || at - row.last_used_at >= LAST_USED_RESOLUTION_MS) {
      this.db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(at, row.id);
      row.last_used_at = at;
    }
    return toApiToken(row);
  }
}
