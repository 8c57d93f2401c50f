import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../db/database';
import { passwordProblem } from './password-policy';

export type Role = 'admin' | 'viewer';

export interface LocalUser {
  username: string;
  role: Role;
  /** The PCC user whose datacenter rights this user inherits; null sees every datacenter. */
  pccUser: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  pccUser?: string | null;
}

export interface AddOptions {
  /**
   * Only for the demo's published accounts, whose passwords are documented and so could never be secret: no
   * policy makes them safer, and refusing them would break the demo.
   */
  skipPasswordPolicy?: boolean;
}

export class UserStoreError extends Error {
  constructor(
    readonly code: 'invalid-input' | 'duplicate' | 'not-found',
    message: string,
  ) {
    super(message);
    this.name = 'UserStoreError';
  }
}

const UsernameSchema = z
  .string({ error: 'Username must be a string.' })
  .regex(
    /^[a-zA-Z0-9._@-]{1,64}$/,
    'Username must be 1 to 64 characters long, using only letters, digits and . _ @ -',
  );

// The upper bound keeps a huge body from turning one login into seconds of hashing.
const PasswordSchema = z
  .string({ error: 'Password must be a string.' })
  .min(8, 'Password must be at least 8 characters long.')
  .max(1024, 'Password must be at most 1024 characters long.');

const NewUserSchema = z.object({
  username: UsernameSchema,
  password: PasswordSchema,
  role: z.enum(['admin', 'viewer'], { error: "Role must be 'admin' or 'viewer'." }),
  pccUser: z
    .string({ error: 'PCC user must be a string.' })
    .trim()
    .min(1, 'PCC user must not be empty.')
    .max(128, 'PCC user must be at most 128 characters long.')
    .nullish(),
});

async function checkPolicy(password: string, user: { username: string; role: Role }): Promise<void> {
  const problem = await passwordProblem(password, user);
  if (problem) throw new UserStoreError('invalid-input', problem);
}

// Each message is a sentence naming its field, for the user command to print as it is.
function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const { formErrors, fieldErrors } = z.flattenError(result.error);
  throw new UserStoreError('invalid-input', [...formErrors, ...Object.values(fieldErrors).flat()].join(' '));
}

// scrypt cost: ln=15, r=8 is about 32 MiB and 150 ms on a small server. Parameters travel with each hash
// (PHC string format) so they can be raised later without invalidating existing passwords.
const COST = { ln: 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

interface ScryptCost {
  ln: number;
  r: number;
  p: number;
}

function derive(password: string, salt: Buffer, cost: ScryptCost, keyLength: number): Promise<Buffer> {
  const N = 2 ** cost.ln;
  return new Promise((resolve, reject) =>
    // NFC so the same password typed on different systems gives the same bytes.
    scrypt(
      password.normalize('NFC'),
      salt,
      keyLength,
      { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, COST, KEY_LENGTH);
  return `$scrypt$ln=${COST.ln},r=${COST.r},p=${COST.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

const STORED_HASH = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const match = STORED_HASH.exec(stored);
  if (!match) throw new Error('A stored password hash is not in the expected scrypt format');
  const [, ln, r, p, salt, key] = match;
  const expected = Buffer.from(key ?? '', 'base64');
  const actual = await derive(
    password,
    Buffer.from(salt ?? '', 'base64'),
    { ln: Number(ln), r: Number(r), p: Number(p) },
    expected.length,
  );
  return timingSafeEqual(actual, expected);
}

interface UserRow {
  username: string;
  password_hash: string;
  role: Role;
  pcc_user: string | null;
  created_at: number;
  updated_at: number;
}

function toUser(row: UserRow): LocalUser {
  return {
    username: row.username,
    role: row.role,
    pccUser: row.pcc_user,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Local accounts, stored in SQLite with scrypt password hashes. Hashes never leave this class. */
export class UserStore {
  constructor(private readonly db: Database) {}

  async add(input: NewUser, options: AddOptions = {}): Promise<LocalUser> {
    const user = parse(NewUserSchema, input);
    if (!options.skipPasswordPolicy) await checkPolicy(user.password, user);
    const passwordHash = await hashPassword(user.password);
    const now = Date.now();
    const row: UserRow = {
      username: user.username,
      password_hash: passwordHash,
      role: user.role,
      pcc_user: user.pccUser ?? null,
      created_at: now,
      updated_at: now,
    };
    try {
      this.db
        .prepare(
          `INSERT INTO users (username, password_hash, role, pcc_user, created_at, updated_at)
           VALUES (:username, :password_hash, :role, :pcc_user, :created_at, :updated_at)`,
        )
        .run(row);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
        throw new UserStoreError('duplicate', `User '${user.username}' already exists.`);
      throw error;
    }
    return toUser(row);
  }

  async setPassword(username: string, password: string): Promise<void> {
    const name = parse(UsernameSchema, username);
    const checked = parse(PasswordSchema, password);
    const user = this.get(name);
    if (!user) throw new UserStoreError('not-found', `There is no user '${name}'.`);
    await checkPolicy(checked, user);
    const passwordHash = await hashPassword(checked);
    const { changes } = this.db
      .prepare('UPDATE users SET password_hash = ?, updated_at = ? WHERE username = ?')
      .run(passwordHash, Date.now(), name);
    if (changes === 0) throw new UserStoreError('not-found', `There is no user '${name}'.`);
  }

  remove(username: string): void {
    const name = parse(UsernameSchema, username);
    const { changes } = this.db.prepare('DELETE FROM users WHERE username = ?').run(name);
    if (changes === 0) throw new UserStoreError('not-found', `There is no user '${name}'.`);
  }

  list(): LocalUser[] {
    return this.db.prepare<[], UserRow>('SELECT * FROM users ORDER BY username').all().map(toUser);
  }

  get(username: string): LocalUser | undefined {
    const row = this.row(username);
    return row && toUser(row);
  }

  /**
   * The user when the password is right. An unknown user still costs one full hash so that response times
   * do not reveal which usernames exist.
   */
  async verify(username: string, password: string): Promise<LocalUser | undefined> {
    const row = this.row(username);
    if (!row) {
      await derive(password, randomBytes(SALT_LENGTH), COST, KEY_LENGTH);
      return undefined;
    }
    return (await passwordMatches(password, row.password_hash)) ? toUser(row) : undefined;
  }

  private row(username: string): UserRow | undefined {
    if (!UsernameSchema.safeParse(username).success) return undefined;
    return this.db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?').get(username);
  }
}
