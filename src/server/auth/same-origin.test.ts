import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorHandler } from '../http/api-error';
import { rejectCrossSite } from './same-origin';

let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify();
  app.setErrorHandler(apiErrorHandler);
  app.addHook('onRequest', rejectCrossSite);
  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/api/thing',
    handler: () => ({ ok: true }),
  });
  await app.ready();
});
afterAll(() => app.close());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function send(method: Method, headers: Record<string, string>) {
  return app.inject({ method, url: '/api/thing', headers: { host: 'vscope.example.net:8080', ...headers } });
}

describe('rejectCrossSite', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE'] as const)('refuses a cross-site %s', async (method) => {
    const response = await send(method, { 'sec-fetch-site': 'cross-site' });
    expect(response.statusCode).toBe(403);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('cross_site');
  });

  it.each([
    ['another host', 'https://evil.example.com'],
    ['another port', 'http://vscope.example.net:9090'],
    ['an opaque origin', 'null'],
    ['garbage', 'not a url'],
  ])('refuses a POST whose Origin is %s', async (_label, origin) => {
    expect((await send('POST', { origin })).statusCode).toBe(403);
  });

  it('lets same-origin requests through', async () => {
    const sameOrigin = await send('POST', {
      origin: 'http://vscope.example.net:8080',
      'sec-fetch-site': 'same-origin',
    });
    expect(sameOrigin.statusCode).toBe(200);
    expect((await send('DELETE', { origin: 'http://VSCOPE.example.net:8080' })).statusCode).toBe(200);
  });

  it('matches default ports whether or not they are spelled out', async () => {
    expect(
      (await send('POST', { host: 'vscope.example.net', origin: 'https://vscope.example.net' })).statusCode,
    ).toBe(200);
    expect(
      (await send('POST', { host: 'vscope.example.net:443', origin: 'https://vscope.example.net' }))
        .statusCode,
    ).toBe(200);
    expect((await send('POST', { host: '[::1]:8080', origin: 'http://[::1]:8080' })).statusCode).toBe(200);
  });

  it('lets requests without Origin or Sec-Fetch-Site through (curl, scripts)', async () => {
    expect((await send('POST', {})).statusCode).toBe(200);
    expect((await send('POST', { 'sec-fetch-site': 'none' })).statusCode).toBe(200);
  });

  it('leaves GET alone, even cross-site', async () => {
    const response = await send('GET', {
      origin: 'https://evil.example.com',
      'sec-fetch-site': 'cross-site',
    });
    expect(response.statusCode).toBe(200);
  });
});
