import { describe, expect, it } from 'vitest';
import { pickPccUser, shortNameOf } from './pcc-user';

const sn = 'pcc-1-2-3-4';
const user = (userId: number, name: string) => ({ userId, name, login: `${name}@${sn}.ovh.com` });
const dev = user(1, 'dev');
const devops = user(2, 'devops');
const webdev = user(3, 'webdev');

describe('pickPccUser', () => {
  it('keeps the user named exactly as asked out of what the LIKE filter returned', () => {
    expect(pickPccUser([devops, dev, webdev], 'dev')).toBe(dev);
    expect(pickPccUser([devops, dev], 'devops')).toBe(devops);
    expect(pickPccUser([devops, webdev], 'dev')).toBeUndefined();
  });

  it('accepts the vSphere login form, on the service it names only', () => {
    expect(pickPccUser([devops, dev], `dev@${sn}.ovh.com`)).toBe(dev);
    expect(pickPccUser([devops, dev], 'dev@pcc-9-9-9-9.ovh.com')).toBeUndefined();
    expect(shortNameOf(`dev@${sn}.ovh.com`)).toBe('dev');
    expect(shortNameOf('dev')).toBe('dev');
  });

  it('ignores case only when that leaves a single user', () => {
    expect(pickPccUser([devops, dev], 'DEV')).toBe(dev);
    expect(pickPccUser([devops, dev], `Dev@${sn.toUpperCase()}.OVH.COM`)).toBe(dev);
    const upper = user(4, 'Dev');
    expect(pickPccUser([dev, upper], 'Dev')).toBe(upper);
    expect(pickPccUser([dev, upper], 'DEV')).toBeUndefined();
  });
});
