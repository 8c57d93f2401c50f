import { z } from 'zod';
import { DatacenterRefSchema, type DatacenterRef } from '@/shared/api/displays';

// A datacenter scope (of a display, a session, an API token) is stored as a JSON column: the two fields only,
// in the order given, and parsed back rather than cast so a damaged row fails loudly instead of widening rights.

const ScopeColumn = z.array(DatacenterRefSchema);

export function scopeToColumn(scope: readonly DatacenterRef[]): string {
  return JSON.stringify(scope.map(({ serviceName, datacenterId }) => ({ serviceName, datacenterId })));
}

export function scopeFromColumn(column: string): DatacenterRef[] {
  return ScopeColumn.parse(JSON.parse(column));
}
