import { randomUUID } from 'node:crypto';
import type { ArchivePolicy } from '../carbonara/archive-policy';
import { badRequest, GnocchiError, notFound } from '../errors';
import { formatTimestamp } from '../timespan';
import type { IndexerJournal, JournalRecord } from './journal';
import { MetricTable } from './metric-table';
import type { AttributeValue, MetricRecord, ResourceRevision, ResourceType } from './model';
import type { MetricSpec } from './resource-body';
import { parseResourceBody } from './resource-body';
import { GENERIC_TYPE } from './resource-type';
import { SharedValues } from './shared-values';

// Gnocchi's indexer: archive policies, resource types, resources with their revisions, and metrics. Records live
// in memory; the journal makes each change durable (SQLite with --data) before the method returns.

/** gnocchi-upgrade's one archive-policy rule: a metric created without a policy gets `low`. */
const DEFAULT_RULE_POLICY = 'low';

export interface IndexerOptions {
  readonly journal: IndexerJournal;
  /** The policies a new store starts with (gnocchi-upgrade's); never re-added once deleted. */
  readonly defaultPolicies: readonly ArchivePolicy[];
}

export class Indexer {
  private readonly policies = new Map<string, ArchivePolicy>();
  private readonly types = new Map<string, ResourceType>();
  private readonly resources = new Map<string, ResourceRevision>();
  /** Past revisions per resource id, oldest first. */
  private readonly revisions = new Map<string, ResourceRevision[]>();
  private readonly metrics = new MetricTable();
  /** One string for each distinct attribute value, type and creator (see SharedValues). */
  private readonly texts = new SharedValues<string>();
  private readonly journal: IndexerJournal;

  constructor(options: IndexerOptions) {
    this.journal = options.journal;
    let initialised = false;
    for (const record of this.journal.load()) {
      if (record.kind === 'meta') initialised = true;
      else this.apply(record);
    }
    if (!initialised) {
      this.commit([
        { kind: 'meta', key: 'initialised', value: true },
        { kind: 'resource_type', key: GENERIC_TYPE.name, value: GENERIC_TYPE },
        ...options.defaultPolicies.map((p) => ({ kind: 'archive_policy' as const, key: p.name, value: p })),
      ]);
    }
  }

  close(): void {
    this.journal.close();
  }

  private commit(changes: readonly JournalRecord[]): void {
    this.journal.write(changes);
    for (const change of changes) this.apply(change);
  }

  private apply(record: JournalRecord): void {
    switch (record.kind) {
      case 'meta':
        return;
      case 'archive_policy':
        return setOrDelete(this.policies, record.key, record.value as ArchivePolicy | null);
      case 'resource_type':
        return setOrDelete(this.types, record.key, record.value as ResourceType | null);
      case 'resource':
        return setOrDelete(this.resources, record.key, this.shared(record.value as ResourceRevision | null));
      case 'metric':
        return this.applyMetric(record.key, record.value as MetricRecord | null);
      case 'revision': {
        const id = record.key.slice(0, record.key.indexOf('@'));
        if (record.value === null) this.revisions.delete(id);
        else
          this.revisions.set(id, [
            ...(this.revisions.get(id) ?? []),
            this.shared(record.value as ResourceRevision),
          ]);
        return;
      }
    }
  }

  private applyMetric(id: string, record: MetricRecord | null): void {
    if (record === null) return this.metrics.delete(id);
    // The resource's own id string, not the copy each journal line or request brings.
    const resourceId =
      record.resourceId === null ? null : (this.resources.get(record.resourceId)?.id ?? record.resourceId);
    this.metrics.set({ ...record, resourceId });
  }

  /** The revision with the texts it shares with other resources taken from one place (see `texts`). */
  private shared<T extends ResourceRevision | null>(revision: T): T {
    if (revision === null) return revision;
    const attributes: Record<string, AttributeValue> = {};
    for (const [name, value] of Object.entries(revision.attributes))
      attributes[name] = typeof value === 'string' ? this.text(value) : value;
    return {
      ...revision,
      // Most resources are created under their UUID: one string for both rather than a copy each.
      originalResourceId:
        revision.originalResourceId === revision.id ? revision.id : revision.originalResourceId,
      type: this.text(revision.type),
      creator: this.text(revision.creator),
      attributes,
    };
  }

  private text(value: string): string {
    return this.texts.share(value, value);
  }

  // ── archive policies ──

  listArchivePolicies(): ArchivePolicy[] {
    return [...this.policies.values()];
  }

  getArchivePolicy(name: string): ArchivePolicy {
    const policy = this.policies.get(name);
    if (!policy) throw notFound(`Archive policy ${name} does not exist`);
    return policy;
  }

  createArchivePolicy(policy: ArchivePolicy): ArchivePolicy {
    if (this.policies.has(policy.name))
      throw new GnocchiError(409, `Archive policy ${policy.name} already exists`);
    this.commit([{ kind: 'archive_policy', key: policy.name, value: policy }]);
    return policy;
  }

  /** Replaces a policy's definition (PATCH); returns the metrics that use it, whose stores must follow. */
  updateArchivePolicy(policy: ArchivePolicy): MetricRecord[] {
    this.getArchivePolicy(policy.name);
    this.commit([{ kind: 'archive_policy', key: policy.name, value: policy }]);
    return [...this.metrics.values()].filter((m) => m.archivePolicyName === policy.name);
  }

  deleteArchivePolicy(name: string): void {
    this.getArchivePolicy(name);
    for (const metric of this.metrics.values()) {
      if (metric.archivePolicyName === name) throw badRequest(`Archive policy ${name} is still in use`);
    }
    this.commit([{ kind: 'archive_policy', key: name, value: null }]);
  }

  // ── resource types ──

  listResourceTypes(): ResourceType[] {
    return [...this.types.values()];
  }

  getResourceType(name: string): ResourceType {
    const type = this.types.get(name);
    if (!type) throw notFound(`Resource type ${name} does not exist`);
    return type;
  }

  createResourceType(type: ResourceType): ResourceType {
    if (this.types.has(type.name)) throw new GnocchiError(409, `Resource type ${type.name} already exists`);
    this.commit([{ kind: 'resource_type', key: type.name, value: type }]);
    return type;
  }

  deleteResourceType(name: string): void {
    this.getResourceType(name);
    const inUse = name === GENERIC_TYPE.name || [...this.resources.values()].some((r) => r.type === name);
    if (inUse) throw badRequest(`Resource type ${name} is still in use`);
    this.commit([{ kind: 'resource_type', key: name, value: null }]);
  }

  // ── resources ──

  /** The resource as seen through `typeName`: every resource is a generic one; others only as their own type. */
  findResource(typeName: string, id: string): ResourceRevision | undefined {
    const resource = this.resources.get(id);
    return resource && (typeName === GENERIC_TYPE.name || resource.type === typeName) ? resource : undefined;
  }

  getResource(typeName: string, id: string): ResourceRevision {
    const resource = this.findResource(typeName, id);
    if (!resource) throw notFound(`Resource ${id} does not exist`);
    return resource;
  }

  /** Current resources of a type, in Gnocchi's default order (revision_start, then started_at). */
  listResources(typeName: string): ResourceRevision[] {
    return [...this.resources.values()]
      .filter((r) => typeName === GENERIC_TYPE.name || r.type === typeName)
      .sort((a, b) => a.revisionStartUs - b.revisionStartUs || a.startedAtUs - b.startedAtUs);
  }

  /** Every revision of a resource, oldest first, the current one last. */
  history(typeName: string, id: string): ResourceRevision[] {
    const current = this.getResource(typeName, id);
    return [...(this.revisions.get(id) ?? []), current];
  }

  createResource(typeName: string, raw: unknown, creator: string, nowUs: number): ResourceRevision {
    const type = this.getResourceType(typeName);
    const body = parseResourceBody(type, raw, { creator, nowUs, create: true });
    const id = body.id!.uuid;
    if (this.resources.has(id)) throw new GnocchiError(409, `Resource ${id} already exists`);
    const startedAtUs = body.startedAtUs ?? nowUs;
    const endedAtUs = body.endedAtUs ?? null;
    if (endedAtUs !== null && startedAtUs > endedAtUs)
      throw badRequest('Start timestamp cannot be after end timestamp');
    const attributes = Object.fromEntries(Object.keys(type.attributes).map((name) => [name, null]));
    const resource: ResourceRevision = {
      id,
      type: typeName,
      originalResourceId: body.id!.original,
      creator,
      userId: body.userId ?? null,
      projectId: body.projectId ?? null,
      startedAtUs,
      endedAtUs,
      revisionStartUs: nowUs,
      revisionEndUs: null,
      attributes: { ...attributes, ...body.attributes },
    };
    const metricChanges = this.metricChanges(id, body.metrics ?? {}, creator, false);
    this.commit([{ kind: 'resource', key: id, value: resource }, ...metricChanges]);
    return resource;
  }

  updateResource(
    typeName: string,
    id: string,
    raw: unknown,
    creator: string,
    nowUs: number,
  ): ResourceRevision {
    const type = this.getResourceType(typeName);
    const current = this.getResource(typeName, id);
    const body = parseResourceBody(type, raw, { creator, nowUs, create: false });
    const next: ResourceRevision = {
      ...current,
      userId: body.userId === undefined ? current.userId : body.userId,
      projectId: body.projectId === undefined ? current.projectId : body.projectId,
      startedAtUs: body.startedAtUs ?? current.startedAtUs,
      endedAtUs: body.endedAtUs === undefined ? current.endedAtUs : body.endedAtUs,
      attributes: { ...current.attributes, ...body.attributes },
    };
    if (next.endedAtUs !== null && next.startedAtUs > next.endedAtUs) {
      const bad = body.endedAtUs !== undefined ? 'ended_at' : 'started_at';
      const value = bad === 'ended_at' ? next.endedAtUs : next.startedAtUs;
      throw badRequest(
        `Value ${pythonDatetime(value)} for attribute ${bad} on resource type ${typeName} is invalid`,
      );
    }
    // As Gnocchi: a PATCH that changes a column makes a new revision; one that only sets metrics does not.
    const changed =
      next.userId !== current.userId ||
      next.projectId !== current.projectId ||
      next.startedAtUs !== current.startedAtUs ||
      next.endedAtUs !== current.endedAtUs ||
      Object.keys(body.attributes).some((k) => body.attributes[k] !== current.attributes[k]);
    const changes: JournalRecord[] = [];
    let result = current;
    if (changed) {
      const past: ResourceRevision = { ...current, revisionEndUs: nowUs };
      result = { ...next, revisionStartUs: nowUs };
      changes.push(
        { kind: 'revision', key: `${id}@${current.revisionStartUs}`, value: past },
        { kind: 'resource', key: id, value: result },
      );
    }
    if (body.metrics) changes.push(...this.metricChanges(id, body.metrics, creator, true));
    this.commit(changes);
    return result;
  }

  /** Deletes the resource, its revisions and its metrics; returns the metrics so their measures can go too. */
  deleteResource(typeName: string, id: string): MetricRecord[] {
    this.getResource(typeName, id);
    const owned = this.metricsOf(id);
    const revisions = this.revisions.get(id) ?? [];
    this.commit([
      { kind: 'resource', key: id, value: null },
      ...revisions.map((r) => ({
        kind: 'revision' as const,
        key: `${id}@${r.revisionStartUs}`,
        value: null,
      })),
      ...owned.map((m) => ({ kind: 'metric' as const, key: m.id, value: null })),
    ]);
    return owned;
  }

  /**
   * The metric records a resource body's `metrics` implies: new metrics created, existing ones attached under
   * their name; with `replace` (PATCH), the resource's other metrics are detached, as Gnocchi does.
   */
  private metricChanges(
    resourceId: string,
    specs: Readonly<Record<string, MetricSpec>>,
    creator: string,
    replace: boolean,
  ): JournalRecord[] {
    const changes: JournalRecord[] = [];
    const names = new Set(Object.keys(specs));
    if (replace) {
      for (const metric of this.metricsOf(resourceId)) {
        if (metric.name === null || !names.has(metric.name))
          changes.push({ kind: 'metric', key: metric.id, value: { ...metric, resourceId: null } });
      }
    }
    for (const [name, spec] of Object.entries(specs)) {
      const existing = this.metricByName(resourceId, name);
      if ('existingId' in spec) {
        const metric = this.metrics.get(spec.existingId);
        if (!metric) throw badRequest(`Metric ${spec.existingId} does not exist`);
        if (existing && existing.id !== metric.id)
          throw new GnocchiError(409, `Named metric ${name} already exists`);
        changes.push({ kind: 'metric', key: metric.id, value: { ...metric, resourceId, name } });
      } else {
        if (existing) {
          if (replace) continue;
          throw new GnocchiError(409, `Named metric ${name} already exists`);
        }
        const policy = this.policyForNewMetric(spec.archivePolicyName, name, false);
        const metric: MetricRecord = {
          id: randomUUID(),
          name,
          unit: spec.unit,
          resourceId,
          archivePolicyName: policy,
          creator,
        };
        changes.push({ kind: 'metric', key: metric.id, value: metric });
      }
    }
    return changes;
  }

  private policyForNewMetric(name: string | null, metricName: string | null, notFoundIs404: boolean): string {
    if (name !== null) {
      if (!this.policies.has(name)) {
        const text = `Archive policy ${name} does not exist`;
        throw notFoundIs404 ? notFound(text) : badRequest(text);
      }
      return name;
    }
    if (this.policies.has(DEFAULT_RULE_POLICY)) return DEFAULT_RULE_POLICY;
    throw badRequest(
      `No archive policy name specified and no archive policy rule found matching the metric name ${metricName ?? 'None'}`,
    );
  }

  // ── metrics ──

  /** A resource's metrics, sorted by id as Gnocchi lists them. */
  metricsOf(resourceId: string): MetricRecord[] {
    return this.metrics.ofResource(resourceId).sort(byId);
  }

  metricByName(resourceId: string, name: string): MetricRecord | undefined {
    return this.metrics.byName(resourceId, name);
  }

  listMetrics(): MetricRecord[] {
    return [...this.metrics.values()].sort(byId);
  }

  findMetric(id: string): MetricRecord | undefined {
    return this.metrics.get(id);
  }

  getMetric(id: string): MetricRecord {
    const metric = this.metrics.get(id);
    if (!metric) throw notFound(`Metric ${id} does not exist`);
    return metric;
  }

  createMetric(spec: {
    readonly archivePolicyName: string | null;
    readonly name: string | null;
    readonly unit: string | null;
    readonly resourceId: string | null;
    readonly creator: string;
  }): MetricRecord {
    const policy = this.policyForNewMetric(spec.archivePolicyName, spec.name, false);
    if (spec.resourceId !== null && spec.name !== null && this.metricByName(spec.resourceId, spec.name))
      throw new GnocchiError(409, `Named metric ${spec.name} already exists`);
    const metric: MetricRecord = {
      id: randomUUID(),
      name: spec.name,
      unit: spec.unit,
      resourceId: spec.resourceId,
      archivePolicyName: policy,
      creator: spec.creator,
    };
    this.commit([{ kind: 'metric', key: metric.id, value: metric }]);
    return metric;
  }

  /** Many new metrics at once (the batch route's create_metrics), in one durable write. */
  createNamedMetrics(
    resourceId: string,
    specs: readonly {
      readonly name: string;
      readonly archivePolicyName: string | null;
      readonly unit: string | null;
    }[],
    creator: string,
  ): MetricRecord[] {
    const created = specs.map((spec) => ({
      id: randomUUID(),
      name: spec.name,
      unit: spec.unit,
      resourceId,
      archivePolicyName: this.policyForNewMetric(spec.archivePolicyName, spec.name, false),
      creator,
    }));
    this.commit(created.map((m) => ({ kind: 'metric' as const, key: m.id, value: m })));
    return created;
  }

  deleteMetric(id: string): MetricRecord {
    const metric = this.getMetric(id);
    this.commit([{ kind: 'metric', key: id, value: null }]);
    return metric;
  }
}

function setOrDelete<V>(map: Map<string, V>, key: string, value: V | null): void {
  if (value === null) map.delete(key);
  else map.set(key, value);
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** str() of a Python aware datetime: `2019-01-01 00:00:00+00:00`. */
function pythonDatetime(us: number): string {
  return formatTimestamp(us).replace('T', ' ');
}
