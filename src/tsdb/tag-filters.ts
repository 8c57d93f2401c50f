import { RE2JS, RE2JSException } from 're2js';
import { badRequest } from './errors';
import { checkNameLength } from './name-limits';
import type { Tags } from './store';

// OpenTSDB 2.2+ tag value filters. Each matches on one tag's value; only the `not_*` types match a series
// that lacks the key. `regexp` is Java's find(), i.e. a substring match.
// Patterns come from whoever can query, so `regexp` and the globs run on RE2 (re2js), whose matching time is
// linear in the tag value: V8's backtracking engine takes seconds on `^(a+)+$` against 30 characters, and
// as long on a glob like `*a*a*a*a*a*a*a*a*b`. RE2 has no backreferences, lookaround, atomic groups or
// possessive quantifiers; a Java pattern using them is refused with a 400 instead of being run another way.

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

/** A list of a few hundred host names fits; anything longer is refused before it is split or compiled. */
export const MAX_FILTER_LENGTH = 4096;
/** Compiling `a{1000}` repeated takes time in proportion: 256 characters keep any compile near 100 ms. */
export const MAX_REGEXP_LENGTH = 256;
/** RE2 steps through its program once per character at worst, so the program's size bounds each match. */
const MAX_PROGRAM_SIZE = 10_000;

function globToRe2(glob: string, caseInsensitive: boolean): RE2JS {
  const body = glob
    .split('*')
    .map((part) => RE2JS.quote(part))
    .join('.*');
  return RE2JS.compile(body, RE2JS.DOTALL | (caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0));
}

function compileRegexp(filter: string): RE2JS {
  if (filter.length > MAX_REGEXP_LENGTH) {
    throw badRequest(
      `Regular expression too long: ${filter.length} characters, the limit is ${MAX_REGEXP_LENGTH}`,
    );
  }
  let re: RE2JS;
  try {
    re = RE2JS.compile(filter);
  } catch (e) {
    if (!(e instanceof RE2JSException)) throw e;
    throw badRequest(
      `Invalid regular expression: ${filter}`,
      `${e.message} (regexp filters use RE2 syntax: no backreferences, lookaround, atomic groups or possessive quantifiers)`,
    );
  }
  if (re.programSize() > MAX_PROGRAM_SIZE) {
    throw badRequest(
      `Regular expression too large: ${filter}`,
      `It compiles to ${re.programSize()} instructions, the limit is ${MAX_PROGRAM_SIZE}`,
    );
  }
  return re;
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
      const re = globToRe2(filter, type === 'iwildcard');
      return (v) => re.testExact(v);
    }
    case 'regexp': {
      const re = compileRegexp(filter);
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
  checkNameLength('tag key', tagk);
  if (!filter) throw badRequest('Filter cannot be null or empty');
  if (filter.length > MAX_FILTER_LENGTH) {
    throw badRequest(`Filter too long: ${filter.length} characters, the limit is ${MAX_FILTER_LENGTH}`);
  }
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
