// Figures that may be unknown (null). A sum or maximum of unknowns is unknown, never zero: "no data" sorts last
// and never reads as a calm 0.

/** The sum of the known values, or null when none is known. */
export function sumOrNull(...values: (number | null)[]): number | null {
  let sum: number | null = null;
  for (const value of values) if (value !== null) sum = (sum ?? 0) + value;
  return sum;
}

/** The largest known value, or null when none is known. */
export function maxOrNull(...values: (number | null)[]): number | null {
  let max: number | null = null;
  for (const value of values) if (value !== null && (max === null || value > max)) max = value;
  return max;
}
