import { expect } from '@playwright/test';
import type { ApiTokenList, ApiTokenWithSecret, CreateApiTokenRequest } from '@/shared/api/api-tokens';
import { asAdmin } from './admin-api';

// API tokens made through the admin API, as an administrator's script would.

export function createApiToken(body: CreateApiTokenRequest): Promise<ApiTokenWithSecret> {
  return asAdmin(async (api) => {
    const response = await api.post('/api/admin/api-tokens', { data: body });
    expect(response.status(), await response.text()).toBe(201);
    return (await response.json()) as ApiTokenWithSecret;
  });
}

/** The live tokens' names. */
export function apiTokenNames(): Promise<string[]> {
  return asAdmin(async (api) => {
    const response = await api.get('/api/admin/api-tokens');
    expect(response.ok(), await response.text()).toBe(true);
    return ((await response.json()) as ApiTokenList).items.filter((t) => !t.revoked).map((t) => t.name);
  });
}
