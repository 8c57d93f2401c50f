// Python's float() of text, which Gnocchi applies to query arguments, timespans and operands before anything
// else: blanks around, `_` between digits, and inf/infinity/nan in any case are accepted.

/** Python's float(text), or null when Python would raise ValueError. */
export function pythonFloat(text: string): number | null {
  const trimmed = text.trim();
  if (/^[+-]?(\d(_?\d)*(\.(\d(_?\d)*)?)?|\.\d(_?\d)*)([eE][+-]?\d(_?\d)*)?$/.test(trimmed))
    return Number(trimmed.replaceAll('_', ''));
  if (/^[+-]?(inf|infinity)$/i.test(trimmed)) return trimmed.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(trimmed)) return NaN;
  return null;
}
