import type { z } from 'zod';

/**
 * One sentence per problem, for a 400's message. The schemas' messages name their own field, so only where it
 * sits is added: `scope[1]: datacenterId must be positive.`, `wall: theme must be 'dark', 'light' or 'system'.`
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const parent = issue.path.slice(0, issue.code === 'unrecognized_keys' ? undefined : -1);
      const where = parent
        .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index > 0 ? '.' : ''}${String(key)}`))
        .join('');
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join(' ');
}
