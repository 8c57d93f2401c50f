import { expect, request, type APIRequestContext } from '@playwright/test';
import type { CreateDisplayRequest, DisplayWithToken } from '../../src/shared/api/displays';
import { ADMIN_STATE, BASE_URL } from './env';

// Wall displays made and revoked through the admin API, as an administrator's script would.

async function asAdmin<T>(use: (api: APIRequestContext) => Promise<T>): Promise<T> {
  const api = await request.newContext({ baseURL: BASE_URL, storageState: ADMIN_STATE });
  try {
    return await use(api);
  } finally {
    await api.dispose();
  }
}

export function createDisplay(body: CreateDisplayRequest): Promise<DisplayWithToken> {
  return asAdmin(async (api) => {
    const response = await api.post('/api/displays', { data: body });
    expect(response.status(), await response.text()).toBe(201);
    return (await response.json()) as DisplayWithToken;
  });
}

export function revokeDisplay(id: string): Promise<void> {
  return asAdmin(async (api) => {
    const response = await api.delete(`/api/displays/${encodeURIComponent(id)}`);
    expect(response.ok(), await response.text()).toBe(true);
  });
}
