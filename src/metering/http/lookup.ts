import type { IndexerApi } from '../indexer/scoped-indexer';
import { notFound } from '../errors';
import type { MetricRecord, ResourceRevision } from '../indexer/model';
import { normalizeUuid } from '../indexer/resource-type';
import { resourceUuid } from '../resource-id';

// Ids in URLs: a resource id is mapped as on creation (a name becomes the creator's UUID for it); a metric id
// must be a UUID, anything else is a metric that does not exist.

export function resourceIdOf(raw: string, creator: string): string {
  try {
    return resourceUuid(raw, creator);
  } catch {
    throw notFound(`Resource ${raw} does not exist`);
  }
}

export function lookupResource(
  indexer: IndexerApi,
  type: string,
  raw: string,
  creator: string,
): ResourceRevision {
  indexer.getResourceType(type);
  return indexer.getResource(type, resourceIdOf(raw, creator));
}

export function lookupMetric(indexer: IndexerApi, raw: string): MetricRecord {
  const metric = findMetric(indexer, raw);
  if (!metric) throw notFound(`Metric ${raw} does not exist`);
  return metric;
}

/** The metric with that id, in any UUID spelling; undefined when it does not exist or is out of sight. */
export function findMetric(indexer: IndexerApi, raw: string): MetricRecord | undefined {
  const id = normalizeUuid(raw);
  return id === null ? undefined : indexer.findMetric(id);
}

/** A resource's metric by name, as /v1/resource/{type}/{id}/metric/{name} finds it. */
export function lookupNamedMetric(
  resource: ResourceRevision,
  indexer: IndexerApi,
  name: string,
): MetricRecord {
  const metric = indexer.metricByName(resource.id, name);
  if (!metric) throw notFound(`Metric ${name} does not exist`);
  return metric;
}
