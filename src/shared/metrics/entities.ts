// The kinds of entity vScope shows, with every name each one goes by: its plural in the API's routes and the
// SPA's URLs, its singular in the code and the metric names, the fields of its OVH object that identify it,
// and the OpenTSDB tag its series carry (a VM is tagged by moRef, hosts and filers by name).

// prettier-ignore
export const ENTITY_KINDS = {
  filer: { route: 'filers', idField: 'filerId', nameField: 'name', tagKey: 'datastore', tagValueField: 'name' },
  host: { route: 'hosts', idField: 'hostId', nameField: 'name', tagKey: 'host', tagValueField: 'name' },
  vm: { route: 'vms', idField: 'vmId', nameField: 'name', tagKey: 'vm', tagValueField: 'moRef' },
} as const;

export type EntityKind = keyof typeof ENTITY_KINDS;
type Definition<K extends EntityKind> = (typeof ENTITY_KINDS)[K];

/** The plural that names a kind in the API's routes (`/datacenters/:id/vms`). */
export type EntityRoute = Definition<EntityKind>['route'];

const ENTITY_KIND_NAMES = Object.keys(ENTITY_KINDS) as EntityKind[];
export const ENTITY_ROUTES = ENTITY_KIND_NAMES.map((kind) => ENTITY_KINDS[kind].route);

type EntityByRoute = { [K in EntityKind as Definition<K>['route']]: K };
export type EntityOfRoute<R extends EntityRoute> = EntityByRoute[R];

const byRoute = new Map<string, EntityKind>(
  ENTITY_KIND_NAMES.map((kind) => [ENTITY_KINDS[kind].route, kind]),
);

export function entityOfRoute<R extends EntityRoute>(route: R): EntityOfRoute<R> {
  return byRoute.get(route) as EntityOfRoute<R>;
}

type NamedField = 'idField' | 'nameField' | 'tagValueField';

/** Which field of a `K`'s object plays the part `F`, typed for that kind rather than for any kind. */
function fieldOf<K extends EntityKind, F extends NamedField>(kind: K, part: F): Definition<K>[F] {
  const definition: Definition<K> = ENTITY_KINDS[kind];
  return definition[part];
}

/** The fields the registry names, as an entity's object carries them. */
export type EntityIdentity<K extends EntityKind> = { [F in Definition<K>['idField']]: number } & {
  [F in Definition<K>['tagValueField']]: string;
} & { [F in Definition<K>['nameField']]: string | null };

export interface EntityRef {
  id: number;
  /** The value of the entity's tag in OpenTSDB. */
  tagValue: string;
  /** What to call it on screen: its name, or its tag when it has none (a VM without a name). */
  displayName: string;
}

export function entityRef<K extends EntityKind>(kind: K, entity: EntityIdentity<K>): EntityRef {
  const tagValue = entity[fieldOf(kind, 'tagValueField')];
  return {
    id: entity[fieldOf(kind, 'idField')],
    tagValue,
    displayName: entity[fieldOf(kind, 'nameField')] ?? tagValue,
  };
}
