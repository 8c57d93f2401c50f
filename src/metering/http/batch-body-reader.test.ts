import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MetricMeasures, ResourceMeasures } from './batch-body';
import { parseMetricBatch, parseResourceBatch } from './batch-body';
import { readBatchBody } from './batch-body-reader';

// The byte reader must read what it accepts exactly as JSON.parse + the general validation would, and refuse
// (null) the rest, which then takes the general path.

const NOW_US = 1_700_000_000_000_000;

function plain(entries: readonly (MetricMeasures | ResourceMeasures)[]): unknown {
  return JSON.parse(
    JSON.stringify(entries, (_key, value: unknown) =>
      value instanceof Float64Array ? Array.from(value, (v) => (Object.is(v, -0) ? '-0' : v)) : value,
    ),
  );
}

function general(text: string, shape: 'metrics' | 'resources'): unknown {
  const body = JSON.parse(text) as unknown;
  return plain(shape === 'metrics' ? parseMetricBatch(body, NOW_US) : parseResourceBatch(body, NOW_US));
}

function fast(text: string, shape: 'metrics' | 'resources'): unknown {
  const decoded = readBatchBody(Buffer.from(text), shape);
  if (decoded === null) return null;
  return plain((shape === 'metrics' ? decoded.metrics : decoded.resources) ?? []);
}

/** JSON number spellings: integers short and long, fractions, exponents, negative zero. */
const numberText = fc.oneof(
  fc.integer({ min: 0, max: 2_000_000_000 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '-0',
    '0.5',
    '1e3',
    '1E+3',
    '2.5e-3',
    '12345678901234567890',
    '9007199254740993',
    '-7',
    '1e400',
  ),
);
/** Timestamps after the epoch (the general path refuses the others). */
const timestampText = fc.oneof(
  fc.integer({ min: 0, max: 2_000_000_000 }).map(String),
  fc.double({ min: 0, max: 4e9, noNaN: true }).map((v) => JSON.stringify(v)),
  fc.constantFrom('0', '-0', '1.5', '1.7e9', '1700000000.123456'),
);
const whitespace = fc.constantFrom('', ' ', '\n', '\t', '\r\n  ');
/** Keys without the escapes the reader leaves to the general path: quotes, backslashes, control characters. */
const key = fc
  .string({ minLength: 0, maxLength: 12 })
  .filter((k) => ![...k].some((c) => c === '"' || c === '\\' || c.charCodeAt(0) < 0x20));

const measureText = fc
  .tuple(timestampText, numberText, fc.boolean(), whitespace)
  .map(([t, v, valueFirst, ws]) =>
    valueFirst
      ? `{${ws}"value":${v},"timestamp"${ws}:${ws}${t}}`
      : `{"timestamp":${t},${ws}"value":${v}${ws}}`,
  );
const listText = fc
  .tuple(fc.array(measureText, { maxLength: 6 }), whitespace)
  .map(([items, ws]) => `[${ws}${items.join(`,${ws}`)}${ws}]`);
function objectText(value: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(fc.uniqueArray(key, { maxLength: 4 }), fc.array(value, { minLength: 4, maxLength: 4 }), whitespace)
    .map(
      ([keys, values, ws]) =>
        `{${keys.map((k, i) => `${ws}${JSON.stringify(k)}${ws}:${values[i]}`).join(',')}${ws}}`,
    );
}
const metricsBody = objectText(listText);
const resourcesBody = objectText(objectText(listText));

/** A canonical body changed in one place: a string timestamp, an escape, a repeated or extra key, bad JSON. */
function perturbed(text: string): fc.Arbitrary<string> {
  return fc.constantFrom(
    text.replace('"timestamp":', '"timestamp":"2024-01-01T00:00:00" ,"x":'),
    text.replace(/"timestamp":(-?[\d.eE+]+)/, '"timestamp":"$1"'),
    text.replace(/"value":(-?[\d.eE+]+)/, '"value":"$1"'),
    text.replace('"value"', '"val\\u0075e"'),
    text.replace('{"timestamp"', '{"timestamp":1,"timestamp"'),
    text.replace('}', ',"extra":1}'),
    text.replace(/:(\d)/, ':0$1'),
    text.replace(/(\d)\]/, '$1.]'),
    `${text}x`,
    `\ufeff${text}`,
    text.replace('[', '{"measures":['),
    text.slice(0, -1),
  );
}

describe('readBatchBody', () => {
  it.each(['metrics', 'resources'] as const)(
    'reads every canonical %s body as the general path does',
    (shape) => {
      fc.assert(
        fc.property(shape === 'metrics' ? metricsBody : resourcesBody, (text) => {
          const ours = fast(text, shape);
          expect(ours).not.toBeNull();
          expect(ours).toEqual(general(text, shape));
        }),
        { numRuns: 300 },
      );
    },
  );

  it.each(['metrics', 'resources'] as const)(
    'refuses what it does not read exactly, or reads it as the general path does (%s)',
    (shape) => {
      fc.assert(
        fc.property(
          (shape === 'metrics' ? metricsBody : resourcesBody).chain((text) => perturbed(text)),
          (text) => {
            const ours = fast(text, shape);
            if (ours === null) return;
            expect(ours).toEqual(general(text, shape));
          },
        ),
        { numRuns: 500 },
      );
    },
  );

  it('refuses a repeated key, which JSON.parse would resolve to its last value', () => {
    expect(fast('{"a": [], "a": [{"timestamp": 1, "value": 2}]}', 'metrics')).toBeNull();
    expect(fast('{"r": {"m": [], "m": []}}', 'resources')).toBeNull();
  });

  it('refuses timestamps the general path rejects, so that its error message is the one given', () => {
    expect(fast('{"a": [{"timestamp": -1, "value": 2}]}', 'metrics')).toBeNull();
    expect(fast('{"a": [{"timestamp": 1e400, "value": 2}]}', 'metrics')).toBeNull();
    expect(fast('{"a": [{"value": 2}]}', 'metrics')).toBeNull();
  });

  it('reads timestamps in seconds to microseconds, and numbers past 15 digits exactly', () => {
    const decoded = readBatchBody(
      Buffer.from(
        '{"a": [{"timestamp": 1.5, "value": 12345678901234567890}, {"timestamp": 2, "value": -0}]}',
      ),
      'metrics',
    );
    const measures = decoded?.metrics?.[0]?.measures;
    expect(Array.from(measures?.timestampsUs ?? [])).toEqual([1_500_000, 2_000_000]);
    expect(measures?.values[0]).toBe(Number('12345678901234567890'));
    expect(Object.is(measures?.values[1], -0)).toBe(true);
  });
});
