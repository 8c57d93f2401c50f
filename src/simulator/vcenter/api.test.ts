import { describe, expect, it } from 'vitest';
import { createSimulator } from '../simulator';

const now = Date.UTC(2026, 10, 23, 14, 0);
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('simulated vCenter session API', () => {
  const { app } = createSimulator({ now: () => now, size: { services: 2 } });
  /** Opens a session at `path` with these Basic credentials, or with none. */
  const signIn = (authorization: string | undefined, path = '/vcenter/api/session') =>
    app.inject({ method: 'POST', url: path, headers: authorization ? { authorization } : {} });

  it('creates a session for a PCC user: 201 with a JSON string token, usable and deletable', async () => {
    const created = await signIn(basic('admin', 'vscope-demo'));
    expect(created.statusCode).toBe(201);
    const token = created.json<string>();
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    const info = await app.inject({
      url: '/vcenter/api/session',
      headers: { 'vmware-api-session-id': token },
    });
    expect(info.json()).toMatchObject({ user: 'admin@pcc-37-187-228-180.ovh.com' });
    const deleted = await app.inject({
      method: 'DELETE',
      url: '/vcenter/api/session',
      headers: { 'vmware-api-session-id': token },
    });
    expect(deleted.statusCode).toBe(204);
    expect(
      (await app.inject({ url: '/vcenter/api/session', headers: { 'vmware-api-session-id': token } }))
        .statusCode,
    ).toBe(401);
  });

  it.each([
    ['a wrong password', basic('admin', 'nope')],
    ['an unknown user', basic('root', 'vscope-demo')],
    ['no credentials', undefined],
    ['a malformed header', 'Basic !!!'],
  ])('answers 401 UNAUTHENTICATED for %s', async (_name, authorization) => {
    const response = await signIn(authorization);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error_type: 'UNAUTHENTICATED' });
  });

  it('accepts the SSO login form, the legacy route, and a per-service vCenter', async () => {
    const sso = await signIn(basic('noc@pcc-37-187-228-180.ovh.com', 'noc-demo'));
    expect(sso.statusCode).toBe(201);
    const legacy = await signIn(basic('dev', 'dev-demo'), '/vcenter/rest/com/vmware/cis/session');
    expect(legacy.statusCode).toBe(200);
    expect(legacy.json()).toEqual({ value: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown });
    const second = await signIn(basic('admin', 'vscope-demo'), '/vcenter/pcc-51-1-37-101/api/session');
    expect(second.statusCode).toBe(201);
    const unknown = await signIn(basic('admin', 'vscope-demo'), '/vcenter/pcc-9-9-9-9/api/session');
    expect(unknown.statusCode).toBe(404);
  });
});
