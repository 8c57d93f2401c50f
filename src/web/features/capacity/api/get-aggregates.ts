import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiError, requestJson } from '@/web/lib/api-client';
import type { DatacenterRef } from '@/web/lib/api-paths';
import { aggregatesUrl, type AggregatesRequest } from '../utils/aggregates-request';
import { capacityKeys } from './capacity-keys';

// One `POST /metering/v1/aggregates`, as Gnocchi answers it: `{measures: {aggregated: [[time, granularity,
// value]…]}}`, or with `groupby` a list of `{group, measures: {measures: {aggregated}}}`. Both become one
// shape: the timestamps, and one series per group.

const PointsSchema = z.array(z.tuple([z.string(), z.number(), z.number().nullable()]));
const AggregatedSchema = z.object({ measures: z.object({ aggregated: PointsSchema }) });
const GroupedSchema = z.array(
  z.object({ group: z.record(z.string(), z.unknown()), measures: AggregatedSchema }),
);

export interface CapacitySeries {
  /** The group's attribute values as a label (`prod`, `Cluster1`); '' for the single aggregate. */
  key: string;
  values: (number | null)[];
}

export interface CapacityData {
  timestamps: number[];
  series: CapacitySeries[];
}

export const NO_MATCH: CapacityData = { timestamps: [], series: [] };

function groupLabel(group: Record<string, unknown>): string {
  return Object.values(group)
    .map((v) =>
      v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v as string),
    )
    .join(' · ');
}

/** Series on one time axis: a group without a point at a timestamp gets null there. */
export function toCapacityData(
  answers: { key: string; points: z.infer<typeof PointsSchema> }[],
): CapacityData {
  const times = [...new Set(answers.flatMap((a) => a.points.map(([t]) => Date.parse(t))))].sort(
    (a, b) => a - b,
  );
  const index = new Map(times.map((t, i) => [t, i]));
  const series = answers.map(({ key, points }) => {
    const values = new Array<number | null>(times.length).fill(null);
    for (const [t, , v] of points) values[index.get(Date.parse(t))!] = v;
    return { key, values };
  });
  return { timestamps: times, series: series.sort((a, b) => a.key.localeCompare(b.key)) };
}

/**
 * Gnocchi says "nothing matched" as an error: the engine answers 404 (no such metric), Gnocchi 4.4 answers 400
 * `{cause: "Metrics not found"}`. Either is the empty state, not a failure.
 */
export function isNoMatch(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.status === 404 || (error.status === 400 && error.message.startsWith('Metrics not found')))
  );
}

export async function fetchAggregates(
  request: AggregatesRequest,
  signal?: AbortSignal,
): Promise<CapacityData> {
  const schema = request.query.groupby ? GroupedSchema : AggregatedSchema;
  try {
    const answer = await requestJson(aggregatesUrl(request), schema, {
      method: 'POST',
      body: request.body,
      signal,
    });
    return Array.isArray(answer)
      ? toCapacityData(
          answer.map((g) => ({ key: groupLabel(g.group), points: g.measures.measures.aggregated })),
        )
      : toCapacityData([{ key: '', points: answer.measures.aggregated }]);
  } catch (error) {
    if (isNoMatch(error)) return NO_MATCH;
    throw error;
  }
}

/** History moves by a bucket of 5 minutes or more: refreshing more often would redraw the same picture. */
export const CAPACITY_REFRESH_MS = 5 * 60_000;

export const aggregatesQueryOptions = (dc: DatacenterRef, request: AggregatesRequest, live: boolean) =>
  queryOptions({
    queryKey: capacityKeys.aggregates(dc, request),
    queryFn: ({ signal }) => fetchAggregates(request, signal),
    refetchInterval: live ? CAPACITY_REFRESH_MS : false,
    staleTime: live ? CAPACITY_REFRESH_MS - 5_000 : Number.POSITIVE_INFINITY,
    placeholderData: keepPreviousData,
  });
