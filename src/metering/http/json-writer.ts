// Gnocchi writes NaN and ±Infinity as the bare tokens `NaN`, `Infinity`, `-Infinity` (ujson), which is not JSON:
// JSON.parse and most clients refuse the whole answer. By default the engine writes them as the strings "NaN",
// "Infinity" and "-Infinity" (what the conformance vectors hold); `bare` restores Gnocchi's tokens for a client
// that reads them (Python's json module does).

export type NonFiniteStyle = 'string' | 'bare';

const MARK = '\u0000';
const BARE = new RegExp(`"\\\\u0000(NaN|Infinity|-Infinity)\\\\u0000"`, 'g');

function nonFiniteText(value: number): string {
  return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
}

export function writeJson(value: unknown, style: NonFiniteStyle): string {
  let sawNonFinite = false;
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) {
      sawNonFinite = true;
      return style === 'bare' ? `${MARK}${nonFiniteText(v)}${MARK}` : nonFiniteText(v);
    }
    return v;
  });
  return sawNonFinite && style === 'bare' ? text.replace(BARE, '$1') : text;
}
