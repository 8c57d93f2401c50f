import { useParams, type Params } from 'react-router';
import type { DatacenterRef } from './api-paths';

/** The datacenter a route's parameters (`/dc/:serviceName/:datacenterId/…`) name, if they name one. */
export function datacenterRefOf({ serviceName, datacenterId }: Params): DatacenterRef | undefined {
  const id = Number(datacenterId);
  return serviceName && Number.isInteger(id) && id > 0 ? { serviceName, datacenterId: id } : undefined;
}

/** The datacenter a page is about, from its URL. */
export function useDatacenterRef(): DatacenterRef {
  const ref = datacenterRefOf(useParams());
  if (!ref) throw new Response('Not a datacenter address', { status: 404 });
  return ref;
}

export const datacenterPath = ({ serviceName, datacenterId }: DatacenterRef) =>
  `/dc/${encodeURIComponent(serviceName)}/${datacenterId}`;

/** One string per datacenter (`pcc-1:886`, as a wall's `dc=` parameter writes it), for maps and sets. */
export const datacenterKey = ({ serviceName, datacenterId }: DatacenterRef) =>
  `${serviceName}:${datacenterId}`;

export const sameDatacenter = (a: DatacenterRef, b: DatacenterRef) =>
  a.serviceName === b.serviceName && a.datacenterId === b.datacenterId;
