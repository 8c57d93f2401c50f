import { join } from 'node:path';
import { emitKeypressEvents } from 'node:readline';
import type { Key } from 'node:readline';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/database';
import { messageOf } from '../errors';
import { SessionStore } from './sessions';
import { loadConfig } from '@/config/config';
import { UserStore } from './users';
import type { Role } from './users';

// `npm run user -- <command>`: manage local accounts in the server's database, even while it runs.

const USAGE = `Usage: npm run user -- <command>
  add <name> [--role admin|viewer] [--pcc-user NAME | --all-datacenters]
                    create a user (role viewer unless told) who sees the datacenters that
                    PCC user may see (--pcc-user), or every datacenter (--all-datacenters);
                    a viewer needs one of the two, an admin sees every datacenter unless told
  passwd <name>     set a new password and sign the user out everywhere
  remove <name>     delete the user and sign them out everywhere
  list              show users, roles and PCC users

The password comes from VSCOPE_PASSWORD, or else is asked on the terminal. It may not be a common or
published password, only spaces, or contain the user name, and an admin's must be harder to guess
than a viewer's.
The database is \${DATA_DIR:-.data}/vscope.db.`;

class UsageError extends Error {}

type Command =
  | { name: 'add'; username: string; role: Role; pccUser: string | null }
  | { name: 'passwd' | 'remove'; username: string }
  | { name: 'list' };

function oneName(command: string, operands: string[]): string {
  const [username, ...extra] = operands;
  if (username === undefined) throw new UsageError(`${command} needs a user name`);
  if (extra.length > 0) throw new UsageError(`${command} takes a single user name`);
  return username;
}

function parseCommand(args: string[]): Command | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        'pcc-user': { type: 'string' },
        'all-datacenters': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(messageOf(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const [name, ...operands] = positionals;
  if (name === 'add') {
    const role = values.role ?? 'viewer';
    if (role !== 'admin' && role !== 'viewer') throw new UsageError('--role must be admin or viewer');
    const username = oneName(name, operands);
    const pccUser = values['pcc-user'] ?? null;
    if (pccUser !== null && values['all-datacenters'])
      throw new UsageError('--pcc-user and --all-datacenters exclude each other');
    // A viewer is what `add` makes by default: seeing every datacenter must not come with it by omission.
    if (role === 'viewer' && pccUser === null && !values['all-datacenters'])
      throw new UsageError(
        'a viewer needs --pcc-user NAME (the datacenters that PCC user may see) or --all-datacenters',
      );
    return { name, username, role, pccUser };
  }
  if (name === undefined) throw new UsageError('a command is required');
  if (name !== 'list' && name !== 'passwd' && name !== 'remove')
    throw new UsageError(`unknown command '${name}'`);
  if (values.role !== undefined || values['pcc-user'] !== undefined || values['all-datacenters'])
    throw new UsageError('--role, --pcc-user and --all-datacenters only go with add');
  if (name === 'list') {
    if (operands.length > 0) throw new UsageError('list takes no arguments');
    return { name };
  }
  return { name, username: oneName(name, operands) };
}

/** Reads a line from the terminal without echoing it, for passwords. */
function promptHidden(question: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(question);
  emitKeypressEvents(input);
  input.setRawMode(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let answer = '';
    const finish = () => {
      input.off('keypress', onKey);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
    };
    const onKey = (text: string | undefined, key: Key | undefined) => {
      if (key?.ctrl && (key.name === 'c' || key.name === 'd')) {
        finish();
        reject(new Error('cancelled'));
      } else if (key?.name === 'return' || key?.name === 'enter') {
        finish();
        resolve(answer);
      } else if (key?.name === 'backspace') {
        answer = answer.slice(0, -1);
      } else if (text && !key?.ctrl && !key?.meta) {
        answer += text;
      }
    };
    input.on('keypress', onKey);
  });
}

async function readPassword(): Promise<string> {
  const fromEnvironment = process.env.VSCOPE_PASSWORD;
  if (fromEnvironment !== undefined && fromEnvironment !== '') return fromEnvironment;
  if (!process.stdin.isTTY)
    throw new Error('no password: set VSCOPE_PASSWORD or run this command in a terminal');
  const first = await promptHidden('Password: ');
  const second = await promptHidden('Password again: ');
  if (first !== second) throw new Error('the two passwords differ');
  return first;
}

async function run(command: Command): Promise<void> {
  // The server's own configuration, so both agree on where the database is.
  const config = loadConfig();
  const file = join(config.dataDir, 'vscope.db');
  const db = openDatabase(file);
  try {
    const users = new UserStore(db);
    const sessions = new SessionStore(db, config.sessions);
    switch (command.name) {
      case 'add': {
        const user = await users.add({
          username: command.username,
          password: await readPassword(),
          role: command.role,
          pccUser: command.pccUser,
        });
        const scope = user.pccUser ? `datacenters of PCC user ${user.pccUser}` : 'every datacenter';
        console.log(`Added ${user.role} '${user.username}' (sees ${scope}).`);
        break;
      }
      case 'passwd': {
        // Checked first so nobody types a password for a user that does not exist.
        if (!users.get(command.username)) throw new Error(`There is no user '${command.username}'.`);
        await users.setPassword(command.username, await readPassword());
        const ended = sessions.revokeAllFor(command.username, 'local');
        console.log(`Password changed for '${command.username}'; ${ended} session(s) ended.`);
        break;
      }
      case 'remove': {
        users.remove(command.username);
        const ended = sessions.revokeAllFor(command.username, 'local');
        console.log(`Removed '${command.username}'; ${ended} session(s) ended.`);
        break;
      }
      case 'list': {
        const list = users.list();
        if (list.length === 0) {
          console.log(`No users in ${file}.`);
          break;
        }
        const width = Math.max(8, ...list.map((user) => user.username.length));
        console.log(`${'USERNAME'.padEnd(width)}  ROLE    PCC USER`);
        for (const user of list)
          console.log(
            `${user.username.padEnd(width)}  ${user.role.padEnd(6)}  ${user.pccUser ?? '(all datacenters)'}`,
          );
        break;
      }
    }
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  let command;
  try {
    command = parseCommand(process.argv.slice(2));
  } catch (error) {
    console.error(`user: ${messageOf(error)}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (command === 'help') {
    console.log(USAGE);
    return;
  }
  try {
    await run(command);
  } catch (error) {
    console.error(`user: ${messageOf(error)}`);
    process.exitCode = 1;
  }
}

await main();
