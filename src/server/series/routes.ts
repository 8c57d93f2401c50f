import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { InventoryKindSchema, type InventoryKind } from '../../shared/api/inventory';
import { PeriodSchema, type SeriesResponse } from '../../shared/api/series';
import { datacenterTag, type EntityKind } from '../../shared/metrics/catalog';
import { requireSession, sessionOf } from '../auth/session-plugin';
import { ApiError, badRequest, notFound } from '../http/api-error';
import type { InventoryService } from '../inventory/inventory-service';
import { accessOf } from '../inventory/routes';
import { OpenTsdbError } from '../upstream/opentsdb/endpoint';
import { InvalidRangeError, type Range } from './plan';
import type { SeriesService } from './series-service';

// Graphs' data: an entity's history for a period or a custom range, after the same session and rights checks
// as the inventory it belongs to.

export interface SeriesRoutesOptions {
  inventory: InventoryService;
  series: SeriesService;
}

const Params = z.object({
  serviceName: z.string().regex(/^[\w.-]{1,100}$/, 'is not a service name'),
  datacenterId: z.coerce.number().int().positive(),
  kind: InventoryKindSchema,
  id: z.coerce.number().int().nonnegative(),
});

const timestamp = z.union([
  z.coerce.number().int().positive(),
  z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
]);

const Query = z.union([
  z.object({ period: PeriodSchema }).strict(),
  z.object({ from: timestamp, to: timestamp }).strict(),
]);

const ENTITY: Record<InventoryKind, { kind: EntityKind; id: string }> = {
  filers: { kind: 'filer', id: 'filerId' },
  hosts: { kind: 'host', id: 'hostId' },
  vms: { kind: 'vm', id: 'vmId' },
};

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'query'} ${i.message}`).join('; ');
}

export function seriesRoutes(
  app: FastifyInstance,
  options: SeriesRoutesOptions,
  done: (err?: Error) => void,
) {
  const { inventory, series } = options;
  app.addHook('onRequest', requireSession);

  app.get(
    '/services/:serviceName/datacenters/:datacenterId/:kind/:id/series',
    async (request): Promise<SeriesResponse> => {
      const params = Params.safeParse(request.params);
      if (!params.success) throw badRequest(describeIssues(params.error));
      const query = Query.safeParse(request.query);
      if (!query.success) {
        throw badRequest(
          'Give either period=day|week|month|year, or from and to (epoch ms or ISO 8601 with offset).',
        );
      }
      const { serviceName, datacenterId, kind, id } = params.data;
      const access = accessOf(sessionOf(request));
      const list = await inventory.list(access, serviceName, datacenterId, kind);
      const entity = (list.value as Record<string, unknown>[]).find((item) => item[ENTITY[kind].id] === id);
      if (!entity) throw notFound(`No ${ENTITY[kind].kind} ${id} in datacenter ${datacenterId}.`);
      const datacenter = (await inventory.services(access)).value
        .find((s) => s.serviceName === serviceName)
        ?.datacenters.find((d) => d.datacenterId === datacenterId);
      // VMs are tagged by moRef, hosts and filers by name.
      const tagValue = String(entity[ENTITY[kind].kind === 'vm' ? 'moRef' : 'name']);
      const displayName = typeof entity.name === 'string' ? entity.name : tagValue;
      const range: Range = query.data;
      try {
        const result = await series.read(
          serviceName,
          {
            kind: ENTITY[kind].kind,
            datacenter: datacenterTag(serviceName, datacenter?.name ?? ''),
            entity: tagValue,
          },
          range,
        );
        return {
          entity: { kind, id, name: displayName },
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
  done();
}
