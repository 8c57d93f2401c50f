import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PeriodSchema, type SeriesResponse } from '@/shared/api/series';
import { datacenterTag } from '@/shared/metrics/catalog';
import {
  entityOfRoute,
  entityRef,
  type EntityIdentity,
  type EntityOfRoute,
  type EntityRef,
  type EntityRoute,
} from '@/shared/metrics/entities';
import { requireSession, sessionOf } from '../auth/session-plugin';
import { ApiError, badRequest, notFound } from '../http/api-error';
import type { InventoryService } from '../inventory/inventory-service';
import { accessOf, ListParams } from '../inventory/routes';
import { OpenTsdbError } from '../upstream/opentsdb/endpoint';
import { InvalidRangeError, type Range } from './plan';
import type { SeriesService } from './series-service';

// Graphs' data: an entity's history for a period or a custom range, after the same session and rights checks
// as the inventory it belongs to.

export interface SeriesRoutesOptions {
  inventory: InventoryService;
  series: SeriesService;
}

const Params = ListParams.extend({ id: z.coerce.number().int().nonnegative() });

const timestamp = z.union([
  z.coerce.number().int().positive(),
  z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
]);

const Query = z.union(
  [z.object({ period: PeriodSchema }).strict(), z.object({ from: timestamp, to: timestamp }).strict()],
  { error: 'Give either period=day|week|month|year, or from and to (epoch ms or ISO 8601 with offset).' },
);

type ListOf = { [R in EntityRoute]: readonly EntityIdentity<EntityOfRoute<R>>[] };

function findEntity<R extends EntityRoute>(route: R, list: ListOf[R], id: number): EntityRef | undefined {
  const kind = entityOfRoute(route);
  return list.map((entity) => entityRef(kind, entity)).find((ref) => ref.id === id);
}

export const seriesRoutes: FastifyPluginAsyncZod<SeriesRoutesOptions> = async (app, options) => {
  const { inventory, series } = options;
  app.addHook('onRequest', requireSession);

  app.get(
    '/services/:serviceName/datacenters/:datacenterId/:kind/:id/series',
    { schema: { params: Params, querystring: Query } },
    async (request): Promise<SeriesResponse> => {
      const { serviceName, datacenterId, kind, id } = request.params;
      const access = accessOf(sessionOf(request));
      const list = await inventory.list(access, serviceName, datacenterId, kind);
      const entityKind = entityOfRoute(kind);
      const entity = findEntity(kind, list.value, id);
      if (!entity) throw notFound(`No ${entityKind} ${id} in datacenter ${datacenterId}.`);
      const datacenter = (await inventory.services(access)).value
        .find((s) => s.serviceName === serviceName)
        ?.datacenters.find((d) => d.datacenterId === datacenterId);
      const range: Range = request.query;
      try {
        const result = await series.read(
          serviceName,
          {
            kind: entityKind,
            datacenter: datacenterTag(serviceName, datacenter?.name ?? ''),
            entity: entity.tagValue,
          },
          range,
        );
        return {
          entity: { kind, id, name: entity.displayName },
          period: result.period,
          from: result.from,
          to: result.to,
          intervalMs: result.intervalMs,
          timestamps: result.timestamps,
          series: result.series,
          source: result.source,
        };
      } catch (error) {
        if (error instanceof InvalidRangeError) throw badRequest(error.message);
        if (error instanceof OpenTsdbError) {
          request.log.warn({ err: error }, 'history query failed');
          throw new ApiError(
            503,
            'upstream_unavailable',
            `History is unavailable right now: ${error.publicReason}.`,
          );
        }
        throw error;
      }
    },
  );
};
