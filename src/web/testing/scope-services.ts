import type { ServiceList } from '@/shared/api/inventory';
import type { Datacenter } from '@/shared/ovh/models';
import { datacenterExample } from '@/shared/ovh/ovh-api-examples';

/** `/api/services` for the admin pages that give a scope: one service with two datacenters, so a test can
 * choose the one that is not first. */
export const scopeServices: ServiceList = {
  fetchedAt: 0,
  stale: false,
  pollIntervalMs: 120_000,
  items: [
    {
      serviceName: 'pcc-1',
      description: '',
      webInterfaceUrl: 'https://pcc-1.example/ui',
      datacenters: [
        { ...(datacenterExample as Datacenter), datacenterId: 886, name: 'Paris-A' },
        { ...(datacenterExample as Datacenter), datacenterId: 887, name: 'Paris-B' },
      ],
    },
  ],
};
