// The indexer's records. Times are integer microseconds since the epoch, as everywhere in the engine; the HTTP
// layer writes them as Gnocchi's ISO strings.

export type AttributeType = 'string' | 'number' | 'bool' | 'uuid' | 'datetime';

export interface AttributeDefinition {
  readonly type: AttributeType;
  readonly required: boolean;
  /** string only */
  readonly min_length?: number;
  readonly max_length?: number;
  /** number only (null when unbounded, as Gnocchi prints it) */
  readonly min?: number | null;
  readonly max?: number | null;
}

export interface ResourceType {
  readonly name: string;
  readonly attributes: Readonly<Record<string, AttributeDefinition>>;
}

/** A datetime attribute is held as microseconds; every other kind as Gnocchi holds it. */
export type AttributeValue = string | number | boolean | null;

/** One revision of a resource: the current one has revisionEndUs null. */
export interface ResourceRevision {
  readonly id: string;
  readonly type: string;
  readonly originalResourceId: string;
  readonly creator: string;
  readonly userId: string | null;
  readonly projectId: string | null;
  readonly startedAtUs: number;
  readonly endedAtUs: number | null;
  readonly revisionStartUs: number;
  readonly revisionEndUs: number | null;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

export interface MetricRecord {
  readonly id: string;
  readonly name: string | null;
  readonly unit: string | null;
  readonly resourceId: string | null;
  readonly archivePolicyName: string;
  readonly creator: string;
}

/** Gnocchi's creator is "user[:project]"; with basic auth it is the user name alone, so the project is "". */
export function creatorParts(creator: string): { userId: string; projectId: string } {
  const colon = creator.indexOf(':');
  return colon < 0
    ? { userId: creator, projectId: '' }
    : { userId: creator.slice(0, colon), projectId: creator.slice(colon + 1) };
}
