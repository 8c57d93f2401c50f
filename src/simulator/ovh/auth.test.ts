import { describe, expect, it } from 'vitest';
import { createSimulator } from '../simulator';
import { signedInject } from '../testing/signed-inject';
import { DEMO_APPLICATION } from './auth';

const now = Date.UTC(2026, 10, 23, 14, 0);
const { app } = createSimulator({ now: () => now });
const path = '/dedicatedCloud';

describe('OVH request authentication', () => {
  it('accepts a correctly signed request and tags the response with a query id', async () => {
    const response = await signedInject(app, now, { path });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(['pcc-37-187-228-180']);
    expect(response.headers['x-ovh-queryid']).toMatch(/^EU\.ext-sim\.[0-9a-f]+\.\d+$/);
  });

  it('serves /auth/time without authentication, as a bare integer of epoch seconds', async () => {
    const response = await app.inject({ url: '/ovh/1.0/auth/time' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(String(now / 1000));
  });

  it.each([
    [
      'an unknown application key',
      { application: { ...DEMO_APPLICATION, applicationKey: 'other' } },
      403,
      { errorCode: 'INVALID_KEY', httpCode: '403 Forbidden', message: 'This application key is invalid' },
    ],
    [
      'an unknown consumer key',
      { application: { ...DEMO_APPLICATION, consumerKey: 'other' } },
      403,
      {
        errorCode: 'INVALID_CREDENTIAL',
        httpCode: '403 Forbidden',
        message: 'This credential does not exist',
      },
    ],
    [
      'a timestamp 10 minutes off',
      { timestamp: now / 1000 - 600 },
      400,
      { errorCode: 'QUERY_TIME_OUT', httpCode: '400 Bad Request', message: 'Query out of time' },
    ],
    [
      'a signature made with another secret',
      { application: { ...DEMO_APPLICATION, applicationSecret: 'wrong' } },
      400,
      { errorCode: 'INVALID_SIGNATURE', httpCode: '400 Bad Request', message: 'Invalid signature' },
    ],
    [
      'a tampered signature',
      { signature: '$1$0000000000000000000000000000000000000000' },
      400,
      { errorCode: 'INVALID_SIGNATURE', httpCode: '400 Bad Request', message: 'Invalid signature' },
    ],
  ])('rejects %s with OVH’s error body', async (_name, override, status, body) => {
    const response = await signedInject(app, now, { path, ...override });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toEqual(body);
    expect(response.headers['x-ovh-queryid']).toBeDefined();
  });

  it('signs the query string and the body: a request changed after signing is rejected', async () => {
    const users = '/dedicatedCloud/pcc-37-187-228-180/user';
    expect((await signedInject(app, now, { path: users })).statusCode).toBe(200);
    const otherQuery = await signedInject(app, now, { path: users, sendPath: `${users}?name=admin` });
    expect(otherQuery.statusCode).toBe(400);
    expect(otherQuery.json()).toMatchObject({ errorCode: 'INVALID_SIGNATURE' });

    const token = {
      method: 'POST',
      path: '/dedicatedCloud/pcc-37-187-228-180/user/77/metricsToken',
    } as const;
    expect((await signedInject(app, now, token)).statusCode).toBe(200);
    const otherBody = await signedInject(app, now, { ...token, sendBody: '{"x":1}' });
    expect(otherBody.statusCode).toBe(400);
    expect(otherBody.json()).toMatchObject({ errorCode: 'INVALID_SIGNATURE' });
  });

  it('rejects a request with no OVH headers at all', async () => {
    const response = await app.inject({ url: '/ovh/1.0/dedicatedCloud' });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ errorCode: 'INVALID_KEY' });
  });
});
