import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { requestJson } from '@/web/lib/api-client';
import { METERING_PATH } from '../utils/aggregates-request';
import { capacityKeys } from './capacity-keys';

// A resource type's attributes (`GET /metering/v1/resource_type/vm`), which the search field suggests: the
// names come from the engine, so an attribute added there is offered here without a release.

const ResourceTypeSchema = z.object({
  name: z.string(),
  attributes: z.record(z.string(), z.object({ type: z.string() })),
});

/** Gnocchi's own attributes, which every resource has and a filter may use too. */
const GENERIC_ATTRIBUTES = ['id', 'started_at', 'ended_at', 'revision_start'];

export const resourceTypeQueryOptions = (name: string) =>
  queryOptions({
    queryKey: capacityKeys.resourceType(name),
    queryFn: async ({ signal }) => {
      const type = await requestJson(
        `${METERING_PATH}/resource_type/${encodeURIComponent(name)}`,
        ResourceTypeSchema,
        {
          signal,
        },
      );
      return [...Object.keys(type.attributes), ...GENERIC_ATTRIBUTES];
    },
    staleTime: 60 * 60_000,
  });
