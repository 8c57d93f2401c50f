import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy';

const admin = { username: 'alice', role: 'admin' } as const;
const viewer = { username: 'victor', role: 'viewer' } as const;

describe('passwordProblem', () => {
  it.each(['password', '12345678', 'qwertyuiop', 'P@ssw0rd123', 'iloveyou1'])(
    'refuses the common password %j for anyone',
    async (password) => {
      expect(await passwordProblem(password, viewer)).toMatch(/^Password is too easy to guess for a viewer/);
      expect(await passwordProblem(password, admin)).toMatch(/^Password is too easy to guess for an admin/);
    },
  );

  it('says why a password is weak and what to do instead', async () => {
    expect(await passwordProblem('12345678', admin)).toBe(
      'Password is too easy to guess for an admin (it is one of the most common passwords): make it longer ' +
        'and less predictable, for example four or five unrelated words, or twelve random characters.',
    );
    expect(await passwordProblem('P@ssw0rd123', viewer)).toContain(
      '(it is a common password with a few changes)',
    );
  });

  it('refuses a password of spaces only', async () => {
    for (const password of ['        ', ' \t        '])
      expect(await passwordProblem(password, viewer)).toBe(
        'Password must not be only spaces: use letters, digits or symbols.',
      );
  });

  it('refuses a password that is or contains the user name, whatever its case', async () => {
    const message = 'Password must not contain the user name (alice): choose one without it.';
    expect(await passwordProblem('alice', admin)).toBe(message);
    expect(await passwordProblem('ALICE-kq8-Vx2p-w7', admin)).toBe(message);
    expect(await passwordProblem('my friend Alice sings', admin)).toBe(message);
    // A one- or two-letter name is in many passwords by chance.
    expect(
      await passwordProblem('join the violet kazoo', { username: 'jo', role: 'viewer' }),
    ).toBeUndefined();
  });

  it('counts the parts of the user name among the first guesses', async () => {
    expect(await passwordProblem('Dupont#88', { username: 'victor', role: 'viewer' })).toBeUndefined();
    expect(await passwordProblem('Dupont#88', { username: 'jean.dupont', role: 'viewer' })).toBe(
      'Password is too easy to guess for a viewer (it is built on the user name or a demo password): make ' +
        'it longer and less predictable, for example four or five unrelated words, or twelve random characters.',
    );
  });

  it('refuses the demo accounts’ published passwords, and variants of them', async () => {
    const message = 'Password is one of the published demo passwords: choose one of your own.';
    expect(await passwordProblem('vscope-demo', { username: 'root', role: 'admin' })).toBe(message);
    expect(await passwordProblem('Viewer-Demo', { username: 'noc', role: 'viewer' })).toBe(message);
    expect(await passwordProblem('vscope-demo!', { username: 'root', role: 'admin' })).toMatch(
      /^Password is too easy to guess for an admin \(it is built on the user name or a demo password\)/,
    );
  });

  it('asks more of an admin than of a viewer', async () => {
    expect(await passwordProblem('kq8-Vx2p', viewer)).toBeUndefined();
    expect(await passwordProblem('kq8-Vx2p', admin)).toMatch(/^Password is too easy to guess for an admin/);
    expect(await passwordProblem('kq8-Vx2p-w7Lm', admin)).toBeUndefined();
    expect(await passwordProblem('correct horse battery staple', admin)).toBeUndefined();
  });
});
