import type { z } from 'zod';

/**
 * The first problem of each field, in the request schema's words, except for a choice left empty (`too_small`
 * on a field `choose` has words for): the schema's words would name the JSON field, the form's name the choice.
 * `fieldOf` says which field an issue's path is about, for a form whose fields are nested in the request.
 */
export function firstProblems<Field extends string>(
  error: z.ZodError,
  choose: Partial<Record<Field, string>>,
  fieldOf: (path: readonly PropertyKey[]) => Field = (path) => path[0] as Field,
): Partial<Record<Field, string>> {
  const problems: Partial<Record<Field, string>> = {};
  for (const issue of error.issues) {
    const field = fieldOf(issue.path);
    problems[field] ??= (issue.code === 'too_small' ? choose[field] : undefined) ?? issue.message;
  }
  return problems;
}
