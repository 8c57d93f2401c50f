import { request, type APIRequestContext } from '@playwright/test';
import { ADMIN_STATE, BASE_URL } from './env';

/** A request context signed in as the demo's administrator, as an administrator's script would call the API. */
export async function asAdmin<T>(use: (api: APIRequestContext) => Promise<T>): Promise<T> {
  const api = await request.newContext({ baseURL: BASE_URL, storageState: ADMIN_STATE });
  try {
    return await use(api);
  } finally {
    await api.dispose();
  }
}
