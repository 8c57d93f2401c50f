import { parseSearchQueryString, pyFloatRepr } from '@/metering';
import { datacenterOfKey } from '../inventory/scope-check';

// The caller's rights as a Gnocchi search filter, and-ed into what the caller asks, so the remote Gnocchi only
// ever finds what the caller may see: the same shape Gnocchi gives its own policy filter
// (`{"and": [policy_filter, attr_filter]}`).

/** A Gnocchi JSON search filter. */
export type SearchFilter = Readonly<Record<string, unknown>>;

/** The resources of these datacenters (`datacenterKey`s): each is a (service, datacenter_id) pair. */
export function datacenterFilter(visible: ReadonlySet<string>): SearchFilter {
  return {
    or: [...visible].sort().map((key) => {
      const { serviceName, datacenterId } = datacenterOfKey(key);
      return { and: [{ '=': { service: serviceName } }, { '=': { datacenter_id: datacenterId } }] };
    }),
  };
}

/** The resources with these ids: the scope of a type that lacks the datacenter attributes (generic). */
export function idFilter(ids: readonly string[]): SearchFilter {
  // `in` takes at least one id: nothing visible is an id that is and is not the same.
  const none = '00000000-0000-0000-0000-000000000000';
  return ids.length === 0
    ? { and: [{ '=': { id: none } }, { '!=': { id: none } }] }
    : { in: { id: [...ids] } };
}

/** Python's float() written as Python's json writes it: Gnocchi's text parser makes every number a float. */
function pythonFloatJson(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  return pyFloatRepr(value);
}

/** JSON text with every number as a Python float. */
function withFloats(value: unknown): string {
  if (typeof value === 'number') return pythonFloatJson(value);
  if (Array.isArray(value)) return `[${value.map(withFloats).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${withFloats(v)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

const isEmptyFilter = (search: unknown) =>
  search === undefined ||
  search === null ||
  (typeof search === 'object' && !Array.isArray(search) && Object.keys(search).length === 0);

/**
 * The JSON text of `scope` and-ed with the caller's search: a JSON filter, the text syntax (`filter=`, or a
 * string `search` of /v1/aggregates), or nothing. The text is parsed here as Gnocchi parses it (a syntax error
 * is Gnocchi's 400), so the caller's filter is one branch of the tree whatever it holds: no `or` or
 * parenthesis in it can reach past the scope, as it could if the two were joined as text.
 */
export function scopedSearchJson(search: unknown, scope: SearchFilter): string {
  // Gnocchi takes an empty filter for none (`if attr_filter:`), which it would refuse inside an `and`.
  if (isEmptyFilter(search)) return JSON.stringify(scope);
  const caller =
    typeof search === 'string' ? withFloats(parseSearchQueryString(search)) : JSON.stringify(search);
  return `{"and":[${JSON.stringify(scope)},${caller}]}`;
}
