import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorHandler } from './api-error';
import { hostAllowList } from './host-allow-list';

let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify();
  app.setErrorHandler(apiErrorHandler);
  app.addHook('onRequest', hostAllowList(['vscope.example.net', '.noc.example.org']));
  app.get('/', () => 'ok');
  await app.ready();
});
afterAll(() => app.close());

const statusFor = async (host: string) => (await app.inject({ url: '/', headers: { host } })).statusCode;

describe('hostAllowList', () => {
  it.each([
    'vscope.example.net',
    'VSCOPE.example.net:8443',
    'noc.example.org',
    'wall-3.noc.example.org',
    'localhost',
    'dash.localhost:5173',
    '192.0.2.10:8080',
    '[2001:db8::1]:8080',
  ])('answers for %s', async (host) => {
    expect(await statusFor(host)).toBe(200);
  });

  it.each([
    'evil.example.net',
    'vscope.example.net.evil.example',
    'notnoc.example.org',
    'localhost.evil.example',
    'a b',
  ])('refuses %j with 421', async (host) => {
    expect(await statusFor(host)).toBe(421);
  });
});
