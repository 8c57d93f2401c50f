import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { SessionStore } from './sessions';
import { UserStore } from './users';

const cli = fileURLToPath(new URL('./user-cli.ts', import.meta.url));

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'vscope-user-cli-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function run(
  args: string[],
  password?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.VSCOPE_PASSWORD;
  if (password !== undefined) env.VSCOPE_PASSWORD = password;
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

function withStores<T>(use: (users: UserStore, sessions: SessionStore) => Promise<T> | T): Promise<T> {
  const db = openDatabase(join(dataDir, 'vscope.db'));
  const close = () => db.close();
  return Promise.resolve(
    use(new UserStore(db), new SessionStore(db, { idleMs: 3_600_000, absoluteMs: 86_400_000 })),
  ).finally(close);
}

describe('npm run user', () => {
  it('adds users into $DATA_DIR/vscope.db and lists them', async () => {
    const admin = await run(['add', 'alice', '--role', 'admin'], 'first password');
    expect(admin).toMatchObject({ code: 0, stdout: "Added admin 'alice' (sees every datacenter).\n" });
    const viewer = await run(['add', 'noc-screen', '--pcc-user', 'pcc-noc'], 'screen password');
    expect(viewer.code).toBe(0);
    expect(viewer.stdout).toContain("Added viewer 'noc-screen' (sees datacenters of PCC user pcc-noc)");

    const list = await run(['list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/alice\s+admin\s+\(all datacenters\)/);
    expect(list.stdout).toMatch(/noc-screen\s+viewer\s+pcc-noc/);
    expect(list.stdout).not.toContain('password');
    await withStores(async (users) => expect(await users.verify('alice', 'first password')).toBeDefined());
  });

  it('gives a viewer every datacenter only when told to', async () => {
    const wall = await run(['add', 'lobby-wall', '--all-datacenters'], 'screen password');
    expect(wall).toMatchObject({ code: 0, stdout: "Added viewer 'lobby-wall' (sees every datacenter).\n" });
    const admin = await run(
      ['add', 'erin', '--role', 'admin', '--all-datacenters'],
      'harbour lights at dawn',
    );
    expect(admin.code).toBe(0);
    const list = await run(['list']);
    expect(list.stdout).toMatch(/lobby-wall\s+viewer\s+\(all datacenters\)/);
    expect(list.stdout).toMatch(/erin\s+admin\s+\(all datacenters\)/);
  });

  it('fails clearly on a duplicate or invalid user, without echoing the password', async () => {
    const duplicate = await run(['add', 'alice', '--all-datacenters'], 'whatever password');
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain("User 'alice' already exists.");
    const short = await run(['add', 'bob', '--pcc-user', 'noc'], 'tiny');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('at least 8 characters');
    expect(short.stderr).not.toContain('tiny');
    const noPassword = await run(['add', 'bob', '--pcc-user', 'noc']);
    expect(noPassword.code).toBe(1);
    expect(noPassword.stderr).toContain('set VSCOPE_PASSWORD or run this command in a terminal');
  });

  it.each([
    [
      'password',
      'viewer',
      /^user: Password is too easy to guess for a viewer \(it is one of the most common/,
    ],
    ['12345678', 'admin', /^user: Password is too easy to guess for an admin .*four or five unrelated words/],
    [' '.repeat(8), 'viewer', /^user: Password must not be only spaces/],
    ['dave.smith', 'viewer', /^user: Password must not contain the user name \(dave.smith\)/],
    ['kq8-DAVE.SMITH-w7', 'admin', /^user: Password must not contain the user name \(dave.smith\)/],
  ])('refuses to add a user with the password %j as %s', async (password, role, message) => {
    const result = await run(['add', 'dave.smith', '--role', role, '--pcc-user', 'dev'], password);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    await withStores((users) => expect(users.get('dave.smith')).toBeUndefined());
  });

  it('refuses a weak new password for an existing user', async () => {
    const weak = await run(['passwd', 'alice'], '12345678');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/^user: Password is too easy to guess for an admin/);
    const named = await run(['passwd', 'alice'], 'kq8-Alice-w7');
    expect(named.stderr).toMatch(/^user: Password must not contain the user name \(alice\)/);
    await withStores(async (users) => expect(await users.verify('alice', 'first password')).toBeDefined());
  });

  it('changes a password and signs the user out', async () => {
    const token = await withStores((_users, sessions) => {
      return sessions.create({
        username: 'alice',
        role: 'admin',
        provider: 'local',
        pccUser: null,
        serviceName: null,
      }).token;
    });
    const passwd = await run(['passwd', 'alice'], 'second password');
    expect(passwd.code).toBe(0);
    expect(passwd.stdout).toContain("Password changed for 'alice'; 1 session(s) ended.");
    await withStores(async (users, sessions) => {
      expect(await users.verify('alice', 'first password')).toBeUndefined();
      expect(await users.verify('alice', 'second password')).toBeDefined();
      expect(sessions.validate(token)).toBeUndefined();
    });
    const unknown = await run(['passwd', 'nobody'], 'second password');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("There is no user 'nobody'.");
  });

  it('removes a user and signs them out', async () => {
    const token = await withStores(
      (_users, sessions) =>
        sessions.create({
          username: 'noc-screen',
          role: 'viewer',
          provider: 'local',
          pccUser: 'pcc-noc',
          serviceName: null,
        }).token,
    );
    const remove = await run(['remove', 'noc-screen']);
    expect(remove.code).toBe(0);
    expect(remove.stdout).toContain("Removed 'noc-screen'; 1 session(s) ended.");
    await withStores((users, sessions) => {
      expect(users.get('noc-screen')).toBeUndefined();
      expect(sessions.validate(token)).toBeUndefined();
    });
    const again = await run(['remove', 'noc-screen']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("There is no user 'noc-screen'.");
  });

  it.each([
    [[], /a command is required/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['add'], /add needs a user name/],
    [['remove', 'a', 'b'], /remove takes a single user name/],
    [['list', 'extra'], /list takes no arguments/],
    [['add', 'carol', '--role', 'root'], /--role must be admin or viewer/],
    [['passwd', 'alice', '--role', 'admin'], /--role, --pcc-user and --all-datacenters only go with add/],
    [['list', '--all-datacenters'], /--role, --pcc-user and --all-datacenters only go with add/],
    [
      ['add', 'carol'],
      /a viewer needs --pcc-user NAME \(the datacenters that PCC user may see\) or --all-datacenters/,
    ],
    [['add', 'carol', '--pcc-user', 'noc', '--all-datacenters'], /exclude each other/],
    [['add', 'carol', '--colour', 'red'], /Unknown option '--colour'/],
  ])('exits 2 with usage on %j', async (args, message) => {
    const result = await run(args, 'some password');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('Usage: npm run user --');
  });
});
