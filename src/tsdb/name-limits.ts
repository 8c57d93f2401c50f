import { badRequest } from './errors';

// Metric names, tag keys and tag values are kept once per series and echoed in answers and errors, so a cap
// stops one put from storing, or one query from echoing, megabytes of name. OpenTSDB has none (its UIDs are
// bounded by HBase); 256 is three times vSphere's 80-character names.

export const MAX_NAME_LENGTH = 256;

/** A put's per-point error for a name over the cap, or undefined when it fits. */
export function nameLengthProblem(kind: string, name: string): string | undefined {
  if (name.length <= MAX_NAME_LENGTH) return undefined;
  return `Invalid ${kind} (${name.length} characters): longer than the limit of ${MAX_NAME_LENGTH}`;
}

export function checkNameLength(kind: string, name: string): void {
  const problem = nameLengthProblem(kind, name);
  if (problem) throw badRequest(problem);
}
