import type { IndexerApi } from '../indexer/scoped-indexer';
import type { AttributeKind, SearchableResource } from '../search/evaluate';
import { compileFilter } from '../search/evaluate';
import { validateFilter } from '../search/filter-schema';
import { parseSearchQueryString } from '../search/query-string';
import type { ResourceRevision } from '../indexer/model';
import { creatorParts } from '../indexer/model';

// A search (a JSON filter, or the ?filter= text) over a type's current resources, as /v1/search/resource and
// the resource mode of /v1/aggregates run it.

/** The filter as given: JSON, or the query-string grammar when it is a string; undefined matches everything. */
export function searchPredicate(
  indexer: IndexerApi,
  typeName: string,
  search: unknown,
  creator: string,
  nowUs: number,
): (resource: ResourceRevision) => boolean {
  if (search === undefined || search === null) return () => true;
  const json = typeof search === 'string' ? parseSearchQueryString(search) : search;
  const filter = validateFilter(json, creator);
  const type = indexer.getResourceType(typeName);
  const kinds: Record<string, AttributeKind> = {};
  for (const [name, definition] of Object.entries(type.attributes)) kinds[name] = definition.type;
  const matches = compileFilter(filter, typeName, kinds, { nowUs });
  return (resource) => matches(searchable(resource));
}

/** A revision never changes: each is made searchable once, not once per search. */
const searchables = new WeakMap<ResourceRevision, SearchableResource>();

export function searchable(resource: ResourceRevision): SearchableResource {
  let found = searchables.get(resource);
  if (!found) searchables.set(resource, (found = searchableOf(resource)));
  return found;
}

function searchableOf(resource: ResourceRevision): SearchableResource {
  const { userId, projectId } = creatorParts(resource.creator);
  return {
    ...resource.attributes,
    id: resource.id,
    original_resource_id: resource.originalResourceId,
    type: resource.type,
    creator: resource.creator,
    created_by_user_id: userId,
    created_by_project_id: projectId,
    user_id: resource.userId,
    project_id: resource.projectId,
    started_at: resource.startedAtUs,
    ended_at: resource.endedAtUs,
    revision_start: resource.revisionStartUs,
    revision_end: resource.revisionEndUs,
  };
}
