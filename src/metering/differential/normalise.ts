// What legitimately differs between two servers given the same requests, taken out before answers are compared:
// metric ids (random per server), who and when created a record, and the order of what Gnocchi keeps in sets.

/** Fields that depend on the server rather than the request: creation instants and creator bookkeeping. */
const VOLATILE_KEYS = new Set(['creator', 'created_by_user_id', 'created_by_project_id', 'revision_start']);

const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Replaces each metric id by a name both sides share (`<resource index>/<metric name>`), drops volatile fields,
 *  and sorts what is a set: a policy's `aggregation_methods`, search results and `references` (by id). */
export function normalise(value: unknown, metricNames: ReadonlyMap<string, string>, key?: string): unknown {
  if (typeof value === 'string') {
    // Error texts name metric ids too ("… for metric <id> does not exist").
    return metricNames.get(value) ?? value.replace(UUID_IN_TEXT, (id) => metricNames.get(id) ?? id);
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => normalise(v, metricNames));
    if (key === 'aggregation_methods') return [...(items as string[])].sort();
    if (items.every((i) => isRecord(i) && typeof i.id === 'string')) {
      return [...(items as Record<string, unknown>[])].sort((a, b) =>
        String(a.id).localeCompare(String(b.id)),
      );
    }
    return items;
  }
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (VOLATILE_KEYS.has(k)) continue;
      out[metricNames.get(k) ?? k] = normalise(v, metricNames, k);
    }
    return out;
  }
  return value;
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Numbers are equal within a relative 1e-9: numpy's pairwise sums and its std/var round differently from a
 *  running sum in the last bits, which is not a difference a client can see. */
export function numbersAgree(a: number, b: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** The path of the first difference between two normalised answers, or undefined when they agree. Key order
 *  is not compared (JSON objects are unordered; Gnocchi's own order is a dict's). */
export function firstDifference(ours: unknown, theirs: unknown, path = '$'): string | undefined {
  if (typeof ours === 'number' && typeof theirs === 'number') {
    return numbersAgree(ours, theirs) ? undefined : `${path}: ${ours} ≠ ${theirs}`;
  }
  if (Array.isArray(ours) && Array.isArray(theirs)) {
    if (ours.length !== theirs.length) return `${path}: length ${ours.length} ≠ ${theirs.length}`;
    for (let i = 0; i < ours.length; i++) {
      const d = firstDifference(ours[i], theirs[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (isRecord(ours) && isRecord(theirs)) {
    const keys = new Set([...Object.keys(ours), ...Object.keys(theirs)]);
    for (const k of [...keys].sort()) {
      if (!(k in ours)) return `${path}.${k}: missing in ours`;
      if (!(k in theirs)) return `${path}.${k}: missing in Gnocchi's`;
      const d = firstDifference(ours[k], theirs[k], `${path}.${k}`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  return ours === theirs ? undefined : `${path}: ${JSON.stringify(ours)} ≠ ${JSON.stringify(theirs)}`;
}
