/** Values kept shared at most: distinct ones are few; should they not be, the pool starts again rather than grow. */
const MAX_SHARED = 4_096;

/**
 * One object for each distinct value: every request, and every journal line read at start, brings its own copy
 * of the same texts ("vscope", "poweredOn", a host's name), held once per resource otherwise.
 */
export class SharedValues<T> {
  private readonly values = new Map<string, T>();

  /** The value already held under `key`, or `value`, now held under it. */
  share(key: string, value: T): T {
    const known = this.values.get(key);
    if (known !== undefined) return known;
    if (this.values.size >= MAX_SHARED) this.values.clear();
    this.values.set(key, value);
    return value;
  }
}
