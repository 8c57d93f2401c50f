import { useParams } from 'react-router';
import type { DatacenterRef } from './api-paths';

/** The datacenter a page is about, from its URL (`/dc/:serviceName/:datacenterId/…`). */
export function useDatacenterRef(): DatacenterRef {
  const { serviceName, datacenterId } = useParams();
  const id = Number(datacenterId);
  if (!serviceName || !Number.isInteger(id) || id <= 0) {
    throw new Response('Not a datacenter address', { status: 404 });
  }
  return { serviceName, datacenterId: id };
}

export const datacenterPath = ({ serviceName, datacenterId }: DatacenterRef) =>
  `/dc/${encodeURIComponent(serviceName)}/${datacenterId}`;

/** One string per datacenter (`pcc-1:886`, as a wall's `dc=` parameter writes it), for maps and sets. */
export const datacenterKey = ({ serviceName, datacenterId }: DatacenterRef) =>
  `${serviceName}:${datacenterId}`;

export const sameDatacenter = (a: DatacenterRef, b: DatacenterRef) =>
  a.serviceName === b.serviceName && a.datacenterId === b.datacenterId;
