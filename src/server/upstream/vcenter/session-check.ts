import { z } from 'zod';
import { messageOf } from '@/server/errors';

// Checks vSphere credentials the way vScope's login does: open a vCenter session with them and close it at
// once. vSphere 7.0U2+ answers POST /api/session; older vCenters only the legacy /rest/com/vmware/cis/session.

export type VsphereCheck =
  { ok: true } | { ok: false; reason: 'invalid-credentials' | 'unavailable'; detail: string };

export interface SessionCheckOptions {
  /** The vCenter base URL, e.g. https://pcc-37-187-228-180.ovh.com */
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const ModernToken = z.string().min(1);
const LegacyToken = z.object({ value: z.string().min(1) });

export async function checkVsphereCredentials(
  options: SessionCheckOptions,
  username: string,
  password: string,
): Promise<VsphereCheck> {
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');
  const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const post = (path: string) =>
    doFetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization },
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  try {
    let response = await post('/api/session');
    let legacy = false;
    if (response.status === 404) {
      response = await post('/rest/com/vmware/cis/session');
      legacy = true;
    }
    if (response.status === 401 || response.status === 403) {
      return { ok: false, reason: 'invalid-credentials', detail: `vCenter answered ${response.status}` };
    }
    if (!response.ok)
      return { ok: false, reason: 'unavailable', detail: `vCenter answered ${response.status}` };
    const body: unknown = await response.json();
    const token = legacy ? LegacyToken.parse(body).value : ModernToken.parse(body);
    // The session only proved the password; closing it keeps vCenter's session table clean.
    await doFetch(`${base}${legacy ? '/rest/com/vmware/cis/session' : '/api/session'}`, {
      method: 'DELETE',
      headers: { 'vmware-api-session-id': token },
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    }).catch(() => undefined);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: 'unavailable', detail: messageOf(error) };
  }
}
