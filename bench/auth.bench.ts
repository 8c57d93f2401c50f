import { openDatabase } from '../src/server/db/database';
import { UserStore } from '../src/server/auth/users';
import { printFigures, timeMs } from './report';

// Sign-in must not reveal which usernames exist: checking an unknown user costs a full password hash too.

export async function authBench(): Promise<void> {
  const users = new UserStore(openDatabase(':memory:'));
  await users.add({ username: 'alice', password: 'correct horse', role: 'admin' });
  const known = await timeMs('known user, wrong password', () => users.verify('alice', 'wrong password'), 10);
  const unknown = await timeMs('unknown user', () => users.verify('mallory', 'wrong password'), 10);
  printFigures('sign-in', [
    { name: 'verify a known user with a wrong password', value: known, unit: 'ms' },
    { name: 'verify an unknown user', value: unknown, unit: 'ms' },
    {
      name: 'unknown / known (about 1 means usernames cannot be probed by timing)',
      value: unknown / known,
      unit: '×',
    },
  ]);
}
