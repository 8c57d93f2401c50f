import { badRequest } from './errors';
import type { Tags } from './store';

// OpenTSDB 2.2+ tag value filters. Each matches on one tag's value; only the `not_*` types match a series
// that lacks the key. `regexp` is Java's find(), i.e. a substring match.

export const FILTER_TYPES = {
  literal_or: {
    description:
      'Accepts one or more exact values and matches if the series contains any of them. Case sensitive.',
    examples:
      'host=literal_or(web01|web02|web03)  {"type":"literal_or","tagk":"host","filter":"web01|web02|web03","groupBy":false}',
  },
  iliteral_or: {
    description:
      'Accepts one or more exact values and matches if the series contains any of them. Case insensitive.',
    examples:
      'host=iliteral_or(web01|web02|web03)  {"type":"iliteral_or","tagk":"host","filter":"web01|web02|web03","groupBy":false}',
  },
  not_literal_or: {
    description:
      'Accepts one or more exact values and matches if the series does NOT contain any of them (or lacks the tag). Case sensitive.',
    examples:
      'host=not_literal_or(web01|web02|web03)  {"type":"not_literal_or","tagk":"host","filter":"web01|web02|web03","groupBy":false}',
  },
  not_iliteral_or: {
    description:
      'Accepts one or more exact values and matches if the series does NOT contain any of them (or lacks the tag). Case insensitive.',
    examples:
      'host=not_iliteral_or(web01|web02|web03)  {"type":"not_iliteral_or","tagk":"host","filter":"web01|web02|web03","groupBy":false}',
  },
  wildcard: {
    description:
      'Performs pre, post and in-fix glob matching of values. The globs are case sensitive and multiple wildcards can be used. A single asterisk matches any value of the tag.',
    examples:
      'host=wildcard(web*)  host=wildcard(*web*)  {"type":"wildcard","tagk":"host","filter":"*.tsdb.net","groupBy":false}',
  },
  iwildcard: {
    description:
      'Performs pre, post and in-fix glob matching of values. The globs are case insensitive and multiple wildcards can be used. A single asterisk matches any value of the tag.',
    examples:
      'host=iwildcard(web*)  host=iwildcard(*WEB*)  {"type":"iwildcard","tagk":"host","filter":"*.tsdb.net","groupBy":false}',
  },
  regexp: {
    description:
      'Provides full, POSIX compliant regular expression using the built in Java Pattern class. Note that an expression containing curly braces {} will not parse properly in URLs. If the pattern is not a valid regular expression then an exception will be raised.',
    examples:
      'host=regexp(.*)  {"type":"regexp","tagk":"host","filter":"ogg-01.ops.ankh.morpork.com","groupBy":false}',
  },
} as const;

export type FilterType = keyof typeof FILTER_TYPES;

export interface TagFilter {
  readonly type: FilterType;
  readonly tagk: string;
  readonly filter: string;
  readonly groupBy: boolean;
  /** The tag value matcher; `undefined` means the series lacks the key. */
  matches(value: string | undefined): boolean;
}

function isFilterType(type: string): type is FilterType {
  return Object.hasOwn(FILTER_TYPES, type);
}

function globToRegExp(glob: string, caseInsensitive: boolean): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's');
}

function valueMatcher(type: FilterType, filter: string): (value: string) => boolean {
  switch (type) {
    case 'literal_or':
    case 'not_literal_or': {
      const set = new Set(filter.split('|'));
      return (v) => set.has(v);
    }
    case 'iliteral_or':
    case 'not_iliteral_or': {
      const set = new Set(filter.split('|').map((v) => v.toLowerCase()));
      return (v) => set.has(v.toLowerCase());
    }
    case 'wildcard':
    case 'iwildcard': {
      if (filter === '*') return () => true;
      const re = globToRegExp(filter, type === 'iwildcard');
      return (v) => re.test(v);
    }
    case 'regexp': {
      let re: RegExp;
      try {
        re = new RegExp(filter);
      } catch (e) {
        throw badRequest(`Invalid regular expression: ${filter}`, e instanceof Error ? e.message : undefined);
      }
      return (v) => re.test(v);
    }
  }
}

export function createFilter(type: string, tagk: string, filter: string, groupBy: boolean): TagFilter {
  const lower = type.toLowerCase();
  if (!isFilterType(lower)) {
    throw badRequest(
      'Unable to parse the given JSON',
      `Could not find a tag value filter of the type: ${type}`,
    );
  }
  if (!tagk) throw badRequest('Tagk cannot be null or empty');
  if (!filter) throw badRequest('Filter cannot be null or empty');
  const match = valueMatcher(lower, filter);
  const negated = lower === 'not_literal_or' || lower === 'not_iliteral_or';
  return {
    type: lower,
    tagk,
    filter,
    groupBy,
    matches: (value) => (value === undefined ? negated : negated !== match(value)),
  };
}

/**
 * TagVFilter.getFilter: the `tags` map of a query, and the GET braces, written as `v`, `a|b`, `*`, `web*`
 * or `type(expr)`. A bare glob is case-insensitive but still reports the type `wildcard`.
 */
export function filterFromShorthand(tagk: string, value: string, groupBy: boolean): TagFilter {
  const paren = value.indexOf('(');
  if (value === '*') return createFilter('wildcard', tagk, '*', groupBy);
  if (paren > -1) {
    const close = value.lastIndexOf(')');
    const expr = value.slice(paren + 1, close > paren ? close : value.length);
    return createFilter(value.slice(0, paren), tagk, expr, groupBy);
  }
  if (value.includes('*')) {
    const insensitive = createFilter('iwildcard', tagk, value, groupBy);
    return { ...insensitive, type: 'wildcard' };
  }
  return createFilter('literal_or', tagk, value, groupBy);
}

export function matchesAll(filters: readonly TagFilter[], tags: Tags): boolean {
  return filters.every((f) => f.matches(tags[f.tagk]));
}
