import { expect, request } from '@playwright/test';
import type { CreateDisplayRequest, DisplayList, DisplayWithToken } from '@/shared/api/displays';
import { asAdmin } from './admin-api';
import { BASE_URL } from './env';
import { NO_SESSION } from './sign-in';

// Wall displays made and revoked through the admin API, as an administrator's script would.

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

/** The live displays' names. */
export function displayNames(): Promise<string[]> {
  return asAdmin(async (api) => {
    const response = await api.get('/api/displays');
    expect(response.ok(), await response.text()).toBe(true);
    return ((await response.json()) as DisplayList).items.filter((d) => !d.revoked).map((d) => d.name);
  });
}

/** What a screen does when its link is opened, without a browser: the display shows as seen. */
export async function exchangeToken(token: string): Promise<void> {
  // Explicitly without cookies: a new request context would take the project's storage state, and an exchange
  // ends whatever session the request carries.
  const screen = await request.newContext({ baseURL: BASE_URL, storageState: NO_SESSION });
  try {
    const response = await screen.post('/api/display-session', { data: { token } });
    expect(response.ok(), await response.text()).toBe(true);
  } finally {
    await screen.dispose();
  }
}
