import type { ArchivePolicy } from '../carbonara/archive-policy';
import { forbidden, notFound } from '../errors';
import type { Indexer } from './indexer';
import type { MetricRecord, ResourceRevision, ResourceType } from './model';

// The indexer as one request may see it: the resources its access allows, and the metrics of those resources
// (a metric of no resource belongs to no one it could be shown to). Every read the routes make goes through
// it, so a search, a listing, an id or an aggregate can only ever reach what the access allows; a resource it
// may not see answers exactly as one that does not exist. A scoped view is read-only.

/** Whether a request may see a resource, from its type and attributes (the dashboard: its datacenter). */
export type CanSee = (resource: {
  readonly type: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}) => boolean;

/** What the routes use of the indexer, so that a scoped view stands in for it. */
export type IndexerApi = Pick<Indexer, keyof Indexer>;

export class ScopedIndexer implements IndexerApi {
  constructor(
    private readonly base: IndexerApi,
    private readonly canSee: CanSee,
  ) {}

  private visible(resource: ResourceRevision | undefined): resource is ResourceRevision {
    return resource !== undefined && this.canSee(resource);
  }

  private metricVisible(metric: MetricRecord | undefined): metric is MetricRecord {
    return metric?.resourceId != null && this.visible(this.base.findResource('generic', metric.resourceId));
  }

  close(): void {
    this.base.close();
  }

  // Policies and resource types belong to no datacenter: everyone reads them.
  listArchivePolicies(): ArchivePolicy[] {
    return this.base.listArchivePolicies();
  }
  getArchivePolicy(name: string): ArchivePolicy {
    return this.base.getArchivePolicy(name);
  }
  listResourceTypes(): ResourceType[] {
    return this.base.listResourceTypes();
  }
  getResourceType(name: string): ResourceType {
    return this.base.getResourceType(name);
  }

  findResource(typeName: string, id: string): ResourceRevision | undefined {
    const resource = this.base.findResource(typeName, id);
    return this.visible(resource) ? resource : undefined;
  }
  getResource(typeName: string, id: string): ResourceRevision {
    const resource = this.findResource(typeName, id);
    if (!resource) throw notFound(`Resource ${id} does not exist`);
    return resource;
  }
  listResources(typeName: string): ResourceRevision[] {
    return this.base.listResources(typeName).filter((r) => this.visible(r));
  }
  history(typeName: string, id: string): ResourceRevision[] {
    this.getResource(typeName, id);
    return this.base.history(typeName, id);
  }

  metricsOf(resourceId: string): MetricRecord[] {
    return this.findResource('generic', resourceId) ? this.base.metricsOf(resourceId) : [];
  }
  metricByName(resourceId: string, name: string): MetricRecord | undefined {
    return this.findResource('generic', resourceId) ? this.base.metricByName(resourceId, name) : undefined;
  }
  listMetrics(): MetricRecord[] {
    return this.base.listMetrics().filter((m) => this.metricVisible(m));
  }
  findMetric(id: string): MetricRecord | undefined {
    const metric = this.base.findMetric(id);
    return this.metricVisible(metric) ? metric : undefined;
  }
  getMetric(id: string): MetricRecord {
    const metric = this.findMetric(id);
    if (!metric) throw notFound(`Metric ${id} does not exist`);
    return metric;
  }

  createArchivePolicy(): never {
    throw forbidden();
  }
  updateArchivePolicy(): never {
    throw forbidden();
  }
  deleteArchivePolicy(): never {
    throw forbidden();
  }
  createResourceType(): never {
    throw forbidden();
  }
  deleteResourceType(): never {
    throw forbidden();
  }
  createResource(): never {
    throw forbidden();
  }
  updateResource(): never {
    throw forbidden();
  }
  deleteResource(): never {
    throw forbidden();
  }
  createMetric(): never {
    throw forbidden();
  }
  createNamedMetrics(): never {
    throw forbidden();
  }
  deleteMetric(): never {
    throw forbidden();
  }
}
