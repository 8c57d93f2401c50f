import type { IndexerApi } from '../indexer/scoped-indexer';
import type { MetricRecord, ResourceRevision, ResourceType } from '../indexer/model';
import { creatorParts } from '../indexer/model';
import { archivePolicyJson } from '../carbonara/archive-policy';
import { formatTimestamp } from '../timespan';

// Gnocchi 4.4.2's JSON for the indexer's records, key order included (taken from the real server's answers).

function time(us: number | null): string | null {
  return us === null ? null : formatTimestamp(us);
}

function attributesJson(type: ResourceType | undefined, resource: ResourceRevision): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(resource.attributes)) {
    const kind = type?.attributes[name]?.type;
    out[name] = kind === 'datetime' && typeof value === 'number' ? formatTimestamp(value) : value;
  }
  return out;
}

/**
 * A resource as GET /v1/resource/{type}/{id} answers it. Through `generic` a typed resource shows only the
 * generic columns. `history` rows put revision_end before the type, as Gnocchi's history query does.
 */
export function resourceJson(
  indexer: IndexerApi,
  resource: ResourceRevision,
  options: { readonly viewType: string; readonly history?: boolean; readonly withMetrics?: boolean },
): Record<string, unknown> {
  const { userId, projectId } = creatorParts(resource.creator);
  const typed = options.viewType !== 'generic';
  const type = typed ? indexer.listResourceTypes().find((t) => t.name === resource.type) : undefined;
  const head = {
    creator: resource.creator,
    started_at: time(resource.startedAtUs),
    revision_start: time(resource.revisionStartUs),
    ended_at: time(resource.endedAtUs),
    user_id: resource.userId,
    project_id: resource.projectId,
    original_resource_id: resource.originalResourceId,
    id: resource.id,
  };
  const attributes = typed ? attributesJson(type, resource) : {};
  const tail: Record<string, unknown> = {};
  if (options.withMetrics ?? true) {
    tail.metrics = Object.fromEntries(
      indexer
        .metricsOf(resource.id)
        .filter((m) => m.name !== null)
        .map((m) => [m.name, m.id]),
    );
  }
  tail.created_by_user_id = userId;
  tail.created_by_project_id = projectId;
  return options.history
    ? { ...head, revision_end: time(resource.revisionEndUs), type: resource.type, ...attributes, ...tail }
    : { ...head, type: resource.type, ...attributes, revision_end: time(resource.revisionEndUs), ...tail };
}

export function resourceTypeJson(type: ResourceType): Record<string, unknown> {
  return { name: type.name, attributes: type.attributes, state: 'active' };
}

/** POST /v1/metric's answer: the policy by name only. */
export function createdMetricJson(metric: MetricRecord): Record<string, unknown> {
  const { userId, projectId } = creatorParts(metric.creator);
  return {
    id: metric.id,
    creator: metric.creator,
    name: metric.name,
    unit: metric.unit,
    resource_id: metric.resourceId,
    archive_policy_name: metric.archivePolicyName,
    created_by_user_id: userId,
    created_by_project_id: projectId,
  };
}

/**
 * A metric with its archive policy spelt out: in lists the resource is an id, in GET /v1/metric/{id} it is the
 * resource itself (generic columns, no metrics) or null.
 */
export function metricJson(
  indexer: IndexerApi,
  metric: MetricRecord,
  options: { readonly embedResource: boolean },
): Record<string, unknown> {
  const { userId, projectId } = creatorParts(metric.creator);
  const policy = archivePolicyJson(indexer.getArchivePolicy(metric.archivePolicyName));
  const resource =
    metric.resourceId === null ? undefined : indexer.findResource('generic', metric.resourceId);
  const resourcePart = options.embedResource
    ? {
        resource: resource
          ? resourceJson(indexer, resource, { viewType: 'generic', withMetrics: false })
          : null,
      }
    : { resource_id: metric.resourceId };
  return {
    id: metric.id,
    creator: metric.creator,
    name: metric.name,
    unit: metric.unit,
    ...resourcePart,
    archive_policy: policy,
    created_by_user_id: userId,
    created_by_project_id: projectId,
  };
}
