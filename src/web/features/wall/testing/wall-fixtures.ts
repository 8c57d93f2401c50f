import { http, HttpResponse } from 'msw';
import type { SessionDisplay } from '@/shared/api/displays';
import { WALL_DEFAULTS } from '@/shared/api/displays';
import { z } from 'zod';
import {
  VmListSchema,
  type FilerRow,
  type HostRow,
  type ServiceList,
  type VmRow,
} from '@/shared/api/inventory';
import type { SessionResponse } from '@/shared/api/session';
import { datacenterExample, filerExample, hostExample, vmExample } from '@/shared/ovh/ovh-api-examples';
import type { Datacenter } from '@/shared/ovh/models';
import type { DatacenterRef } from '@/web/lib/api-paths';
import { summaryAnswer } from '@/web/testing/datacenter-summary';

// The server as the wall's tests need it: two datacenters of one service, a display session, and inventory
// whose values a test can change between polls.

export const SERVICE = 'pcc-1';
export const DC_A: DatacenterRef = { serviceName: SERVICE, datacenterId: 886 };
export const DC_B: DatacenterRef = { serviceName: SERVICE, datacenterId: 887 };
export const POLL_MS = 120_000;

export const NAMES: Record<number, string> = { 886: 'Paris-A', 887: 'Paris-B' };

export function servicesBody(): ServiceList {
  return {
    fetchedAt: Date.now(),
    stale: false,
    pollIntervalMs: POLL_MS,
    items: [
      {
        serviceName: SERVICE,
        description: 'Prod',
        webInterfaceUrl: 'https://pcc-1.example/ui',
        datacenters: [DC_A, DC_B].map((dc) => ({
          ...(datacenterExample as Datacenter),
          datacenterId: dc.datacenterId,
          name: NAMES[dc.datacenterId]!,
        })),
      },
    ],
  };
}

export function displaySession(display: Partial<SessionDisplay> = {}): SessionResponse {
  return {
    user: {
      username: 'NOC screen',
      role: 'viewer',
      provider: 'display',
      pccUser: null,
      serviceName: null,
      display: {
        id: 'd1',
        name: 'NOC screen',
        scope: [DC_A],
        wall: { ...WALL_DEFAULTS, pages: ['overview'], ...display.wall },
        ...display,
      },
    },
  };
}

export const adminSession: SessionResponse = {
  user: { username: 'admin', role: 'admin', provider: 'local', pccUser: null, serviceName: null },
};

export interface Inventory {
  hostCpu: number;
  hostName: string;
}

const freshness = () => ({ fetchedAt: Date.now(), stale: false, pollIntervalMs: POLL_MS });

function host(inventory: Inventory): HostRow {
  return {
    ...(hostExample as unknown as HostRow),
    name: inventory.hostName,
    cpuPercent: inventory.hostCpu,
    memoryPercent: 40,
  };
}

const filer: FilerRow = {
  ...(filerExample as unknown as FilerRow),
  global: false,
  usedPercent: 42,
  provisionedPercent: 60,
};
const vm: VmRow = { ...(vmExample as unknown as VmRow), cpuPercent: 12, memoryPercent: 30 };

/** The four datacenter endpoints, answering from `inventory` as it is at each request. */
export function inventoryHandlers(inventory: Inventory) {
  const base = `/api/services/${SERVICE}/datacenters/:dc`;
  return [
    http.get(`${base}/summary`, () => {
      const breached = inventory.hostCpu >= 80;
      return HttpResponse.json(
        summaryAnswer({
          alerts: breached
            ? [
                {
                  kind: 'hosts',
                  id: 12,
                  name: inventory.hostName,
                  metric: 'cpuPercent',
                  value: inventory.hostCpu,
                  level: inventory.hostCpu >= 90 ? 'critical' : 'warning',
                },
              ]
            : [],
        }),
      );
    }),
    http.get(`${base}/hosts`, () => HttpResponse.json({ ...freshness(), items: [host(inventory)] })),
    http.get(`${base}/filers`, () => HttpResponse.json({ ...freshness(), items: [filer] })),
    http.get(`${base}/vms`, () => HttpResponse.json(z.encode(VmListSchema, { ...freshness(), items: [vm] }))),
  ];
}

export const servicesHandler = () => http.get('/api/services', () => HttpResponse.json(servicesBody()));

export const unauthenticated = () =>
  HttpResponse.json(
    { error: { code: 'unauthenticated', message: 'You are not signed in.' } },
    { status: 401 },
  );
