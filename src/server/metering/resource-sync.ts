import {
  CAPACITY_POLICY,
  CAPACITY_RESOURCE_TYPE_NAMES,
  CAPACITY_RESOURCE_TYPES,
  type CapacityResourceType,
} from '@/shared/capacity/catalog';
import { Pacer } from '../event-loop/pacer';
import type { CapacityResource } from './capacity-resources';
import type { AttributeValue, GnocchiClient, GnocchiResource } from './gnocchi-client';
import { GnocchiRequestError } from './gnocchi-client';

// Keeps the metering engine's resources equal to the inventory: creates what appears, PATCHes only the
// attributes that changed (each PATCH is a revision, so a VM's history shows its moves and power changes),
// and ends (`ended_at`) what disappeared from a list that was freshly read. A list that could not be read is
// left alone: a VM is not ended because OVH was down. What was last written is kept in memory; a restarted
// server rebuilds it with one search per type rather than PATCHing everything again.

/** The lists read fresh this pass: a resource of such a scope that is not observed has gone. */
export type ScopeKey = `${CapacityResourceType}|${string}|${number}`;

export function scopeKey(type: CapacityResourceType, serviceName: string, datacenterId: number): ScopeKey {
  return `${type}|${serviceName}|${datacenterId}`;
}

/** A resource as a list showed it, and when the list was read (ms): its start, if it is new. */
export type ObservedResource = CapacityResource & { readonly seenAt: number };

export interface Observation {
  readonly resources: readonly ObservedResource[];
  /** Scope → when its list was read (ms); the moment a resource missing from it ended. */
  readonly freshScopes: ReadonlyMap<ScopeKey, number>;
  /** The services observed: the first pass reads back the resources of these. */
  readonly serviceNames: readonly string[];
}

export interface SyncCounts {
  created: number;
  patched: number;
  ended: number;
}

interface Known {
  readonly type: CapacityResourceType;
  attributes: Record<string, AttributeValue>;
  ended: boolean;
}

/** ISO 8601 in UTC, as Gnocchi reads and writes its timestamps. */
const isoOf = (ms: number) => new Date(ms).toISOString();

function attributesOf(type: CapacityResourceType, resource: GnocchiResource): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  for (const key of Object.keys(CAPACITY_RESOURCE_TYPES[type])) {
    attributes[key] = (resource[key] as AttributeValue | undefined) ?? null;
  }
  return attributes;
}

/**
 * Gnocchi takes no null for an attribute (an optional one may only be left out) and cannot unset one: an
 * inventory field that is unknown is left out at creation, and one that becomes unknown keeps its last value.
 */
function known(attributes: Readonly<Record<string, AttributeValue>>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== null));
}

function changed(
  before: Readonly<Record<string, AttributeValue>>,
  after: Readonly<Record<string, AttributeValue>>,
): Record<string, AttributeValue> {
  const diff: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(known(after)))
    if ((before[key] ?? null) !== value) diff[key] = value;
  return diff;
}

export class ResourceSync {
  private known: Map<string, Known> | undefined;
  private prepared = false;

  constructor(private readonly writer: GnocchiClient) {}

  /** Whether the engine holds this resource (measures for any other would be refused). */
  has(id: string): boolean {
    return this.known?.has(id) ?? false;
  }

  /**
   * Creates, PATCHes and ends until the inventory's view is the engine's, paced (a first sync is a request per
   * resource, on the server's thread when the engine is embedded); the pacer's abort ends it early.
   */
  async apply(observation: Observation, pacer = new Pacer()): Promise<SyncCounts> {
    await this.prepare();
    const held = await this.knownResources(observation.serviceNames);
    const counts: SyncCounts = { created: 0, patched: 0, ended: 0 };
    const seen = new Set<string>();
    for (const resource of observation.resources) {
      await pacer.pace();
      seen.add(resource.id);
      const before = held.get(resource.id);
      if (!before) {
        await this.create(held, resource);
        counts.created += 1;
        continue;
      }
      const diff: Record<string, AttributeValue> = changed(before.attributes, resource.attributes);
      // A VM that comes back (a restore, a re-registration under the same id) is running again.
      if (before.ended) diff.ended_at = null;
      if (Object.keys(diff).length === 0) continue;
      await this.writer.patchResource(resource.type, resource.id, diff);
      before.attributes = { ...before.attributes, ...diff };
      delete before.attributes.ended_at;
      before.ended = false;
      counts.patched += 1;
    }
    for (const [id, resource] of held) {
      await pacer.pace();
      if (resource.ended || seen.has(id)) continue;
      const { service, datacenter_id: datacenterId } = resource.attributes;
      if (typeof service !== 'string' || typeof datacenterId !== 'number') continue;
      const readAt = observation.freshScopes.get(scopeKey(resource.type, service, datacenterId));
      if (readAt === undefined) continue;
      await this.writer.patchResource(resource.type, id, { ended_at: isoOf(readAt) });
      resource.ended = true;
      counts.ended += 1;
    }
    return counts;
  }

  /** The archive policy and the resource types, once per process (again after a failure). */
  private async prepare(): Promise<void> {
    if (this.prepared) return;
    await this.writer.ensureArchivePolicy(CAPACITY_POLICY);
    for (const type of CAPACITY_RESOURCE_TYPE_NAMES) {
      await this.writer.ensureResourceType(type, CAPACITY_RESOURCE_TYPES[type]);
    }
    this.prepared = true;
  }

  private async knownResources(serviceNames: readonly string[]): Promise<Map<string, Known>> {
    if (this.known) return this.known;
    const known = new Map<string, Known>();
    if (serviceNames.length > 0) {
      for (const type of CAPACITY_RESOURCE_TYPE_NAMES) {
        for (const found of await this.writer.searchResources(type, { in: { service: [...serviceNames] } })) {
          known.set(found.id, {
            type,
            attributes: attributesOf(type, found),
            ended: found.ended_at !== null,
          });
        }
      }
    }
    this.known = known;
    return known;
  }

  private async create(held: Map<string, Known>, resource: ObservedResource): Promise<void> {
    const attributes = known(resource.attributes);
    try {
      // Started when first seen, on the inventory's clock: its end, on the same clock, cannot come before.
      const started = isoOf(resource.seenAt);
      await this.writer.createResource(resource.type, {
        id: resource.id,
        started_at: started,
        ...attributes,
      });
    } catch (error) {
      // Created by another server of the same infrastructure since the search: make it ours as we see it.
      if (!(error instanceof GnocchiRequestError && error.status === 409)) throw error;
      await this.writer.patchResource(resource.type, resource.id, { ...attributes, ended_at: null });
    }
    held.set(resource.id, { type: resource.type, attributes, ended: false });
  }
}
