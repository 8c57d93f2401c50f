// Metric mode references metrics by id, read by Python's uuid.UUID: braces, "urn:uuid:" and dashes are
// ignored, 32 hex digits are required, and the failure's text is Python's.

import { badRequest } from '../errors';
import type { MetricRef } from './operations';
import { pythonStrRepr } from './python-text';

/** uuid.UUID(text) in its canonical form, or Python's ValueError text. */
export function pythonUuid(text: string): { id: string } | { error: string } {
  let hex = text.replaceAll('urn:', '').replaceAll('uuid:', '');
  hex = hex.replace(/^[{}]+|[{}]+$/g, '').replaceAll('-', '');
  if ([...hex].length !== 32) return { error: 'badly formed hexadecimal UUID string' };
  const digits = /^\s*([+-]?)(?:0[xX]_?)?([0-9a-fA-F](?:_?[0-9a-fA-F])*)\s*$/.exec(hex);
  if (!digits) return { error: `invalid literal for int() with base 16: ${pythonStrRepr(hex)}` };
  const value = BigInt(`0x${digits[2]!.replaceAll('_', '')}`) * (digits[1] === '-' ? -1n : 1n);
  if (value < 0n || value >= 1n << 128n) return { error: 'int is out of range (need a 128-bit value)' };
  const h = value.toString(16).padStart(32, '0');
  return { id: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}` };
}

/**
 * The canonical metric ids of metric-mode references, in order, or Gnocchi's 400 "Invalid metric references"
 * for the first that is no UUID. (Gnocchi keys each column by the canonical id, so a reference written in
 * another form, e.g. upper case, is looked up but matches no column of the tree.)
 */
export function metricIdsOf(references: readonly MetricRef[]): string[] {
  return references.map(({ ref }) => {
    const parsed = pythonUuid(ref);
    if ('error' in parsed) {
      throw badRequest({
        cause: 'Invalid metric references',
        reason: parsed.error,
        detail: references.map((r) => [r.ref, r.aggregation]),
      });
    }
    return parsed.id;
  });
}
