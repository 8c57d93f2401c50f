// Where the browser tests find the server, its simulator and the demo's fixed inventory (seed 1).

export const E2E_PORT = 8181;
export const SIMULATOR_PORT = 8182;
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

export const ADMIN_STATE = 'e2e/.auth/admin.json';
export const VIEWER_STATE = 'e2e/.auth/viewer.json';

export const USERS = {
  admin: { username: 'admin', password: 'vscope-demo' },
  viewer: { username: 'viewer', password: 'viewer-demo' },
} as const;

export const SERVICE = 'pcc-37-187-228-180';
/** The viewer's PCC user has rights on the first datacenter only. */
export const VIEWER_DC = { id: 886, name: 'datacenter886' } as const;
export const OTHER_DC = { id: 887, name: 'datacenter887' } as const;

export function dcPath(datacenterId: number, section = ''): string {
  return `/dc/${SERVICE}/${datacenterId}${section ? `/${section}` : ''}`;
}

export function apiPath(datacenterId: number, rest: string): string {
  return `/api/services/${SERVICE}/datacenters/${datacenterId}/${rest}`;
}

/** The server's refresh interval in this run (POLL_INTERVAL_SECONDS, its floor). */
export const POLL_INTERVAL_MS = 30_000;
