import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { presentedToken } from './presented-token';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as FastifyRequest;
const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

describe('presentedToken', () => {
  it.each([
    ['X-Auth-Token, as gnocchiclient’s admin_token plugin sends it', { 'x-auth-token': 'SECRET' }, 'SECRET'],
    ['Basic password, whatever the user name', { authorization: basic('anyone:SECRET') }, 'SECRET'],
    [
      'Basic user with no password, as gnocchi-basic sends --user',
      { authorization: basic('SECRET:') },
      'SECRET',
    ],
    ['X-Auth-Token before Basic', { 'x-auth-token': 'A', authorization: basic('x:B') }, 'A'],
    ['another scheme, as an empty token that matches none', { authorization: 'Bearer SECRET' }, ''],
    ['nothing, so the session cookie decides', {}, undefined],
  ])('reads %s', (_what, headers, expected) => {
    expect(presentedToken(request(headers))).toBe(expected);
  });
});
